"""Planners and admins maintain the SWOT analysis and decide on suggestions (F11, F30); an item
changes only in a draft version of the concept (issue 11). Reading is public."""

import rules

from kek.accounts.rules import is_staff_role
from kek.goals.rules import in_editable_version

for verb in ("add", "view"):
    for model in ("swotitem", "swotsuggestion"):
        rules.add_perm(f"swot.{verb}_{model}", is_staff_role)
for verb in ("change", "delete"):
    rules.add_perm(f"swot.{verb}_swotitem", is_staff_role & in_editable_version("concept"))
    rules.add_perm(f"swot.{verb}_swotsuggestion", is_staff_role)

for action in ("refresh", "accept", "reject"):
    rules.add_perm(f"swot.{action}_swotsuggestion", is_staff_role)
