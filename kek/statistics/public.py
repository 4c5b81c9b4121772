"""The public pages "Daten & Analyse", their navigation entry, start-page part and the
statistics' part of a district's backup (registered in StatisticsConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupKey,
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
from .models import ComparisonGroup, ImportBatch, Indicator, Observation, Topic

# Statistics are shared by every district of an installation, and a district's analysis
# ranks it among all districts: a backup holds the whole statistics store, and a restore adds
# what the installation lacks and leaves what it has unchanged (docs/backup-format.md).
SHARED_STATISTICS = (
    BackupKey(Topic, ("slug",)),
    BackupKey(Indicator, ("code",)),
    BackupKey(ImportBatch, ("content_hash", "file_name")),
    BackupKey(Observation, ("indicator", "region", "period", "disaggregation")),
)


def register() -> None:
    for route in (
        PublicRoute("data_overview", "daten/", views.overview),
        PublicRoute("data_topic", "daten/thema/<slug:slug>/", views.topic_detail),
        PublicRoute("data_indicator", "daten/indikator/<str:code>/", views.indicator_detail),
        PublicRoute(
            "data_chart_csv",
            r"^daten/indikator/(?P<code>[^/]+)/(?P<name>[a-z]+)\.csv/$",
            views.chart_csv,
            regex=True,
            file=True,
        ),
    ):
        routes.register(route)
    navigation.register(NavEntry("data", "daten", "Daten & Analyse", "data_overview", 10))
    start_page.register(PagePart("data_link", "swot", "statistics/_start_link.html", order=10))
    backup_parts.register(BackupPart("statistics", 20, backup_rows, keys=SHARED_STATISTICS))


def backup_rows(region: Any) -> list[Any]:
    """The district's comparison groups, and the whole (shared) statistics store."""
    return [
        ComparisonGroup.objects.filter(district=region),
        Topic.objects.all(),
        Indicator.objects.all(),
        ImportBatch.objects.all(),
        Observation.objects.all(),
    ]
