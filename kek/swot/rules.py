"""Planners and admins maintain the SWOT analysis and decide on suggestions (F11, F30).
Reading is public."""

import rules

from kek.accounts.rules import is_staff_role

for verb in ("add", "change", "delete", "view"):
    for model in ("swotitem", "swotsuggestion"):
        rules.add_perm(f"swot.{verb}_{model}", is_staff_role)

for action in ("refresh", "accept", "reject"):
    rules.add_perm(f"swot.{action}_swotsuggestion", is_staff_role)
