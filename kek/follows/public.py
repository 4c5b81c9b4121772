"""The follows' public routes and page parts (registered in FollowsConfig.ready): the follow
buttons on the pages of fields of action, strategic goals and projects (goal_panels,
project_panels) and, where the participation base offers them, on forum topics and proposals
(kek.participation.registry.subject_parts)."""

from __future__ import annotations

from typing import Any

from kek.core.registry import (
    PagePart,
    PrivacyNote,
    PublicRoute,
    goal_panels,
    privacy_notes,
    project_panels,
)
from kek.core.registry import public_routes as routes

from . import subjects, views

BUTTON = "follows/_follow_panel.html"


def register() -> None:
    routes.register(PublicRoute("follow", "beteiligung/folgen/<str:kind>/<int:pk>/", views.follow))
    routes.register(
        PublicRoute(
            "unfollow", "beteiligung/nicht-mehr-folgen/<str:kind>/<int:pk>/", views.unfollow
        )
    )
    routes.register(
        PublicRoute("notification_settings", "beteiligung/benachrichtigungen/", views.settings_page)
    )
    routes.register(
        PublicRoute(
            "unsubscribe",
            "beteiligung/benachrichtigungen/abbestellen/<str:token>/",
            views.unsubscribe,
        )
    )
    goal_panels.register(PagePart("follow_field", "field", BUTTON, panel, order=90))
    goal_panels.register(PagePart("follow_goal", "goal", BUTTON, panel, order=90))
    project_panels.register(PagePart("follow_project", "project", BUTTON, panel, order=90))
    privacy_notes.register(PrivacyNote("follows", "follows/_privacy_note.html", order=30))
    register_subject_parts()


def panel(home: Any, concept: Any, obj: Any) -> dict[str, Any]:
    """Only the followable kinds get the button (a sub-goal's page has none)."""
    followable = subjects.label_of(obj) in subjects.KINDS
    return {"follows_subject": obj if followable else None}


def subject_part(request: Any, home: Any, subject: Any) -> dict[str, Any]:
    return {"follows_subject": subject}


def register_subject_parts() -> None:
    """Forum topics and proposals, once the participation base has its registry."""
    try:
        from kek.participation import registry as participation
    except ImportError:
        return
    parts = getattr(participation, "subject_parts", None)
    if parts is None:
        return
    for label in ("forums.topic", "proposals.proposal"):
        parts.register(PagePart(f"follow_{label}", label, BUTTON, subject_part, order=90))
