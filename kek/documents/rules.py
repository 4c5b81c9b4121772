"""Planners and admins see the document builds and start a rebuild; the downloads are public
(F27, SPEC §1). Every write of the back office is checked against these on the server."""

import rules

from kek.accounts.rules import is_staff_role

rules.add_perm("documents.view_build", is_staff_role)
rules.add_perm("documents.build_document", is_staff_role)
