"""The KEK overview on the back office's start page: per district the current version, the
drafts and those waiting for release, open SWOT suggestions, measured values waiting for
review, and the last imports. The publication layer reads the apps' models; nothing is
written here."""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from wagtail.admin.ui.components import Component

from kek.core.models import ImportRun
from kek.goals.models import Concept
from kek.projects.models import Measurement
from kek.statistics.models import ImportBatch
from kek.swot.models import SwotSuggestion

from .models import DistrictHomePage


@dataclass
class DistrictOverview:
    name: str
    current: Concept | None
    drafts: list[Concept]
    suggestions: int
    pending_values: int
    imports: list[tuple[Any, str, str]]  # (when, what, file)


def overview() -> list[DistrictOverview]:
    rows = []
    # Statistics are shared by the districts of an installation: the same last uploads for each.
    batches = [
        (b.created_at, "Statistik", b.file_name)
        for b in ImportBatch.objects.order_by("-created_at")[:3]
    ]
    for home in DistrictHomePage.objects.select_related("region").order_by("title"):
        region = home.region
        concepts = list(Concept.objects.filter(region=region).order_by("-version"))
        runs = [
            (r.created_at, r.get_kind_display(), r.file_name)
            for r in ImportRun.objects.filter(region=region).order_by("-created_at")[:3]
        ]
        rows.append(
            DistrictOverview(
                name=region.name,
                current=next((c for c in concepts if c.is_current), None),
                drafts=[c for c in concepts if c.status == Concept.Status.DRAFT],
                suggestions=SwotSuggestion.objects.filter(
                    region=region, status=SwotSuggestion.Status.OPEN
                ).count(),
                pending_values=Measurement.objects.filter(
                    indicator__project__region=region, review=Measurement.Review.PENDING
                ).count(),
                imports=sorted(runs + batches, key=lambda row: row[0], reverse=True)[:3],
            )
        )
    return rows


class OverviewPanel(Component):
    name = "kek_overview"
    order = 50
    template_name = "cms/admin/overview_panel.html"

    def get_context_data(self, parent_context=None) -> dict[str, Any]:
        return {
            "districts": overview(),
            "versions_url": reverse("wagtailsnippets_goals_concept:list"),
            "suggestions_url": reverse("kek_swot_suggestions"),
            "review_url": reverse("kek_measurement_review"),
        }
