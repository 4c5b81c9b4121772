"""Who may import a district's committees from an OParl server: planners and admins."""

import rules

from kek.accounts.rules import is_staff_role

rules.add_perm("oparl.import_oparl", is_staff_role)
