"""The goal system's public pages below a district's start page, its navigation entries, its
start-page parts and its part of a district's backup (registered in GoalsConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupKey,
    BackupPart,
    NavEntry,
    PagePart,
    PublicRoute,
    backup_parts,
    start_page,
)
from kek.core.registry import navigation as nav
from kek.core.registry import public_routes as routes
from kek.core.routes import route_url

from . import views
from .models import SDG, Concept, FieldOfAction, StrategicGoal, SubGoal

# Goal references are `number-slug` (1.2-bildung) or a bare number (1.2); stable addresses.
GOAL_REF = r"[0-9.]+-[-a-z0-9]+|[0-9.]+"


def goal_url(home: Any, obj: Any) -> str:
    """Address of a field of action, strategic goal or sub-goal on the district's site."""
    if isinstance(obj, FieldOfAction):
        return route_url("field_of_action", home, slug=obj.slug)
    return route_url("goal", home, ref=f"{obj.number}-{obj.slug}")


def register() -> None:
    for route in (
        PublicRoute("goal_tree", "zielsystem/", views.goal_tree),
        PublicRoute("field_of_action", "handlungsfelder/<slug:slug>/", views.field_detail),
        PublicRoute("goal", rf"^ziele/(?P<ref>{GOAL_REF})/$", views.goal_detail, regex=True),
        PublicRoute("versions", "versionen/", views.version_list),
        PublicRoute("compare_versions", "versionen/vergleich/", views.version_compare),
        PublicRoute("version_tree", "versionen/<int:version>/", views.version_tree),
    ):
        routes.register(route)
    for entry in (
        NavEntry("goal_tree", "konzept", "Zielsystem", "goal_tree", 10),
        NavEntry("fields", "konzept", "Handlungsfelder", "index_route", 20, "handlungsfelder"),
        NavEntry("versions", "konzept", "Versionen", "versions", 40),
    ):
        nav.register(entry)
    start_page.register(
        PagePart("goals_fields", "handlungsfelder", "goals/_start_fields.html", views.start_fields)
    )
    start_page.register(PagePart("goals_links", "zielsystem", "goals/_start_links.html"))
    backup_parts.register(
        BackupPart("goals", 10, backup_rows, keys=(BackupKey(SDG, ("number",), create=False),))
    )


def backup_rows(region: Any) -> list[Any]:
    """The district's concept versions and goals (their SDG links come with them)."""
    return [
        Concept.objects.filter(region=region),
        FieldOfAction.objects.filter(concept__region=region),
        StrategicGoal.objects.filter(concept__region=region),
        SubGoal.objects.filter(concept__region=region),
    ]
