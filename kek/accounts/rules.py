"""Predicates for the roles, and the permissions that are not tied to one domain app."""

import rules

from .roles import ADMIN, MODERATOR, PLANNER, group_name

is_planner = rules.is_group_member(group_name(PLANNER)) | rules.is_superuser
is_admin = rules.is_group_member(group_name(ADMIN)) | rules.is_superuser
# Participation staff (SPEC §1); forums and proposals, which they moderate, are still to come.
is_moderator = rules.is_group_member(group_name(MODERATOR)) | rules.is_superuser
is_staff_role = is_planner | is_admin

rules.add_perm("wagtailadmin.access_admin", is_staff_role | is_moderator)
# A district's public site (`kek create-site --user`, Settings → Sites in the admin).
rules.add_perm("wagtailcore.add_site", is_staff_role)
for verb in ("add", "change", "delete", "view"):
    for model in ("user", "group"):
        rules.add_perm(f"auth.{verb}_{model}", is_admin)

# A signed-in user's own account (F25, kek/accounts/views.py). Accounts of the district's
# staff are removed by the administration, not by their holders.
rules.add_perm("accounts.change_own_profile", rules.is_authenticated)
rules.add_perm("accounts.export_own_data", rules.is_authenticated)
rules.add_perm("accounts.delete_own_account", rules.is_authenticated & ~is_staff_role)
