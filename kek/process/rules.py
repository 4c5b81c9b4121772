"""Planners (and admins) maintain a district's process timeline (F18, F30); reading is public.
A timeline spans the concept's versions, so it is not tied to a draft."""

import rules

from kek.accounts.rules import is_staff_role

for verb in ("add", "change", "delete", "view"):
    for model in ("phase", "timelineentry", "timelinelink"):
        rules.add_perm(f"process.{verb}_{model}", is_staff_role)
