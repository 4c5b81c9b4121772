"""The goal system's public pages below a district's start page, its navigation entries and
its start-page parts (registered in GoalsConfig.ready)."""

from typing import Any

from kek.core.registry import NavEntry, PagePart, PublicRoute, start_page
from kek.core.registry import navigation as nav
from kek.core.registry import public_routes as routes
from kek.core.routes import route_url

from . import views
from .models import FieldOfAction

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
