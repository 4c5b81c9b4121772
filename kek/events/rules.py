"""Planners and admins maintain the events, see their registrations and cancel an event
(F24, SPEC §1); reading the events and registering need no account. Every write of the back
office is checked against these on the server."""

import rules

from kek.accounts.rules import is_staff_role

for verb in ("add", "change", "delete", "view"):
    rules.add_perm(f"events.{verb}_event", is_staff_role)
rules.add_perm("events.cancel_event", is_staff_role)
# The registrants' names and addresses (the list and its CSV export).
rules.add_perm("events.view_registration", is_staff_role)
