"""The press series' public page, navigation entry, start-page part and its part of a
district's backup (registered in PressConfig.ready)."""

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

from . import views
from .models import PressArticle, PressSeries


def register() -> None:
    routes.register(PublicRoute("press_series", "presse/", views.press_page))
    navigation.register(NavEntry("press", "beteiligung", "Presseserie", "press_series", 10))
    start_page.register(
        PagePart("press_series", "beteiligung", "press/_start_section.html", views.start_press)
    )
    goal_panels.register(
        PagePart("press_articles", "field", "press/_field_panel.html", views.field_articles)
    )
    backup_parts.register(BackupPart("press", 45, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's press series and articles (their field-of-action links come with them)."""
    return [PressSeries.objects.filter(region=region), PressArticle.objects.filter(region=region)]
