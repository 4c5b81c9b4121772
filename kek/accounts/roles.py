"""The roles of SPEC §1 that are groups (participants are simply signed-in users).

The constants are the roles' keys in code and tests (`PLANNER`, `"planner"`); the groups in
the back office carry German names (`GROUP_NAMES`). Look a role's group up with `group()` or
`group_name()`, never by the key."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import Group

PLANNER = "planner"
ADMIN = "admin"
MODERATOR = "moderator"

GROUP_NAMES = {
    PLANNER: "Planung",
    ADMIN: "Administration",
    MODERATOR: "Moderation",
}

GROUPS = {
    PLANNER: "Kreisentwicklung: bearbeitet Zielsystem, Daten, Seiten",
    ADMIN: "IT des Landkreises: Benutzer, Rollen, Einstellungen",
    MODERATOR: "Beteiligung: moderiert Foren und Vorschläge, beantwortet Vorschläge",
}


def group_name(role: str) -> str:
    """The back-office name of a role's group: group_name(PLANNER) == "Planung"."""
    return GROUP_NAMES[role]


def group(role: str) -> "Group":
    """The group of a role (created by the migrations of kek.accounts)."""
    from django.contrib.auth.models import Group

    return Group.objects.get(name=group_name(role))
