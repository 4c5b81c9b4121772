"""The catalogue's public pages (catalogue, project pages, dashboard, evaluation reports, the
lead's update form), navigation entries, start-page part, goal-page panels and the catalogue's
part of a district's backup (registered in ProjectsConfig.ready)."""

from typing import Any

from django.db.models import Q

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PublicRoute,
    backup_parts,
    goal_panels,
    navigation,
    start_page,
)
from kek.core.registry import public_routes as routes
from kek.core.routes import route_url
from kek.goals.models import Concept, FieldOfAction
from kek.goals.public import goal_url

from . import lead_views, summaries, views
from .models import (
    Attachment,
    EvaluationSnapshot,
    Measurement,
    Milestone,
    Project,
    TargetIndicator,
)


def field_panel(home: Any, concept: Concept, field: FieldOfAction) -> dict[str, Any]:
    return summaries.field_context(concept, field, lambda obj: goal_url(home, obj))


def goal_panel(home: Any, concept: Concept, goal: Any) -> dict[str, Any]:
    return summaries.goal_context(concept, goal)


def start_summary(home: Any, concept: Concept | None) -> dict[str, Any]:
    return summaries.catalogue_summary(concept)


def start_field_cards(home: Any, concept: Concept | None) -> dict[str, Any]:
    return summaries.start_field_cards(
        concept, lambda obj: route_url("field_dashboard", home, slug=obj.slug)
    )


def register() -> None:
    for route in (
        PublicRoute("project_catalogue", "projekte/", views.catalogue),
        PublicRoute("project", "projekte/<str:ref>/", views.project_detail),
        PublicRoute(
            "project_indicator_csv",
            "projekte/<str:ref>/indikatoren/<int:pk>.csv/",
            views.indicator_csv,
            file=True,
        ),
        PublicRoute(
            "update_project",
            "projekte/<str:ref>/aktualisieren/",
            lead_views.update_project,
        ),
        PublicRoute("dashboard", "dashboard/", views.dashboard),
        PublicRoute("field_dashboard", "dashboard/<slug:slug>/", views.dashboard),
        PublicRoute("evaluation_reports", "evaluierung/", views.evaluation_list),
        PublicRoute("evaluation_report", "evaluierung/<int:pk>/", views.evaluation_detail),
    ):
        routes.register(route)
    for entry in (
        NavEntry("catalogue", "umsetzung", "Projekte", "project_catalogue", 10),
        NavEntry("dashboard", "umsetzung", "Dashboard", "dashboard", 20),
        NavEntry("evaluation", "umsetzung", "Evaluierungsberichte", "evaluation_reports", 30),
    ):
        navigation.register(entry)
    start_page.register(
        PagePart("catalogue", "projektkatalog", "projects/_start_summary.html", start_summary)
    )
    # Status and progress in the goals app's cards of the fields of action, and above them
    # what the two mean.
    start_page.register(
        PagePart(
            "field_status",
            "handlungsfelder",
            "projects/_start_fields_intro.html",
            start_field_cards,
            order=-10,
        )
    )
    goal_panels.register(
        PagePart("goal_progress", "goal", "projects/_goal_panel.html", goal_panel, order=20)
    )
    goal_panels.register(
        PagePart("field_progress", "field", "projects/_field_panel.html", field_panel, order=20)
    )
    backup_parts.register(BackupPart("projects", 30, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """Projects (their resolutions are agenda items, in the committees' part) with milestones
    and attachments (their files, sub-goal links and leads come with them), target indicators
    of projects and goals with their measurements, evaluation reports."""
    indicators = TargetIndicator.objects.filter(
        Q(project__region=region)
        | Q(goal__concept__region=region)
        | Q(subgoal__concept__region=region)
    )
    return [
        Project.objects.filter(region=region),
        Milestone.objects.filter(project__region=region),
        Attachment.objects.filter(project__region=region),
        indicators,
        Measurement.objects.filter(indicator__in=indicators),
        EvaluationSnapshot.objects.filter(concept__region=region),
    ]
