"""Who may moderate what. `moderates_district(user, obj)`: the user is in the group
"Moderation" and assigned to the district of `obj` (anything with a `district` attribute, or
a Region itself); superusers moderate everywhere. Planners act on their own concept anyway."""

from typing import Any

import rules

from kek.accounts.rules import is_moderator, is_planner


def district_of(obj: Any) -> Any:
    district = getattr(obj, "district", None)
    return obj if district is None else district


@rules.predicate
def assigned_to_district(user: Any, obj: Any) -> bool:
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    district = district_of(obj)
    return user.moderated_districts.filter(district=district).exists()


moderates_district = is_moderator & assigned_to_district
moderates_or_plans = moderates_district | is_planner
