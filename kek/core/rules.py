"""Permissions of the platform as a whole (django-rules; `rules` autodiscovers this module)."""

import rules

from kek.accounts.rules import is_admin, is_staff_role

# The audit log ("Protokoll", kek.core.admin_views): superusers and the IT admin group.
rules.add_perm("core.view_auditlog", is_admin)
# Undoing a concept or catalogue import (`kek undo-run`): planners and admins.
rules.add_perm("core.undo_importrun", is_staff_role)
