"""The SWOT analysis' public pages, navigation entry, start-page part, goal-page panel and
its part of a district's backup (registered in SwotConfig.ready)."""

from typing import Any

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
from kek.goals.models import Concept

from . import views
from .models import (
    DocumentEvidence,
    ExpertTalk,
    IndicatorEvidence,
    SwotItem,
    SwotSuggestion,
    sorted_items,
)


def goal_reasons(home: Any, concept: Concept, goal: Any) -> dict[str, Any]:
    """The SWOT items a strategic goal answers (for a sub-goal: its strategic goal's)."""
    strategic = getattr(goal, "goal", None) or goal
    return {"swot_items": sorted_items(strategic.swot_items.select_related("topic"))}


def start_matrix(home: Any, concept: Concept | None) -> dict[str, Any]:
    return {"swot_matrix": views.matrix(concept)}


def register() -> None:
    routes.register(PublicRoute("swot_analysis", "swot/", views.swot_page))
    routes.register(
        PublicRoute(
            "swot_download",
            r"^swot/tabelle\.(?P<file_format>csv|xlsx)/$",
            views.swot_download,
            regex=True,
            file=True,
        )
    )
    navigation.register(NavEntry("swot", "konzept", "SWOT-Analyse", "swot_analysis", 30))
    start_page.register(PagePart("swot_matrix", "swot", "swot/_start_section.html", start_matrix))
    goal_panels.register(PagePart("swot_reasons", "goal", "swot/_goal_panel.html", goal_reasons))
    backup_parts.register(BackupPart("swot", 40, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """SWOT items of every version with their evidence (goal links come with them), and the
    suggestions from the data with the planners' decisions."""
    return [
        SwotItem.objects.filter(concept__region=region),
        IndicatorEvidence.objects.filter(item__concept__region=region),
        DocumentEvidence.objects.filter(item__concept__region=region),
        ExpertTalk.objects.filter(item__concept__region=region),
        SwotSuggestion.objects.filter(region=region),
    ]
