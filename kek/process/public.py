"""The timeline's public page, navigation entry, start-page part and its part of a
district's backup (registered in ProcessConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PublicRoute,
    backup_parts,
    navigation,
    start_page,
)
from kek.core.registry import public_routes as routes

from . import views
from .models import Phase, TimelineEntry, TimelineLink


def start_timeline(home: Any, concept: Any) -> dict[str, Any]:
    return {"process_key_entries": views.key_entries(home.region)}


def register() -> None:
    routes.register(PublicRoute("process_timeline", "projektverlauf/", views.timeline_page))
    navigation.register(NavEntry("process", "konzept", "Projektverlauf", "process_timeline", 50))
    start_page.register(
        PagePart("process_timeline", "projektverlauf", "process/_start_section.html",
                 start_timeline)
    )  # fmt: skip
    backup_parts.register(BackupPart("process", 70, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's phases with their milestones and links (versions and documents they
    point to come with them)."""
    return [
        Phase.objects.filter(region=region),
        TimelineEntry.objects.filter(phase__region=region),
        TimelineLink.objects.filter(entry__phase__region=region),
    ]
