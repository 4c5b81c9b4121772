"""Planners and admins maintain the press series and their articles (F20, SPEC §1); reading
is public. Every write of the back office is checked against these on the server."""

import rules

from kek.accounts.rules import is_staff_role

for verb in ("add", "change", "delete", "view"):
    for model in ("pressseries", "pressarticle"):
        rules.add_perm(f"press.{verb}_{model}", is_staff_role)
