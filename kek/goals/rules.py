"""Who may change the goal system: planners and admins (F30). Reading is public."""

import rules

from kek.accounts.rules import is_staff_role

MODELS = ("concept", "fieldofaction", "strategicgoal", "subgoal")

for model in MODELS:
    for verb in ("add", "change", "delete", "view"):
        rules.add_perm(f"goals.{verb}_{model}", is_staff_role)

for action in ("copy_concept", "publish_concept", "import_concept", "export_concept"):
    rules.add_perm(f"goals.{action}", is_staff_role)
rules.add_perm("goals.view_draft_concept", is_staff_role)
