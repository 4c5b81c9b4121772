"""Who may change the statistics data (F30): planners and admins. Reading is public."""

import rules

from kek.accounts.rules import is_staff_role

rules.add_perm("statistics.import_observations", is_staff_role)
rules.add_perm("statistics.undo_importbatch", is_staff_role)
for model in ("topic", "indicator", "comparisongroup"):
    for verb in ("add", "change", "delete", "view"):
        rules.add_perm(f"statistics.{verb}_{model}", is_staff_role)
# Import batches are a record: listed and inspected, never edited by hand.
rules.add_perm("statistics.view_importbatch", is_staff_role)
