"""Predicates for the roles, and the permissions that are not tied to one domain app."""

import rules

from .roles import ADMIN, PLANNER

is_planner = rules.is_group_member(PLANNER) | rules.is_superuser
is_admin = rules.is_group_member(ADMIN) | rules.is_superuser
is_staff_role = is_planner | is_admin

rules.add_perm("wagtailadmin.access_admin", is_staff_role)
# A district's public site (`kek create-site --user`, Settings → Sites in the admin).
rules.add_perm("wagtailcore.add_site", is_staff_role)
for verb in ("add", "change", "delete", "view"):
    for model in ("user", "group"):
        rules.add_perm(f"auth.{verb}_{model}", is_admin)
