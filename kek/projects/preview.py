"""The project page with a planner's unpublished draft, for Wagtail's preview panel
(`Project.serve_preview`), and the indicator cards the public page shares with it. Kept apart
from the views: the model imports it, and the publication layer imports the model."""

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest, HttpResponse

from kek.core.routes import route_url
from kek.core.sites import homes_for_regions
from kek.core.views import render
from kek.goals import queries

from . import figures
from .evaluation import evaluate_indicators

if TYPE_CHECKING:
    from .models import Project


def indicator_csv_url(home, project: "Project", indicator_pk: int) -> str:
    return route_url("project_indicator_csv", home, ref=project.public_ref, pk=indicator_pk)


def indicator_cards(home, project: "Project") -> list[figures.IndicatorCard]:
    indicators = list(project.indicators.all()) if project.pk else []
    results = evaluate_indicators(indicators) if indicators else {}
    return [
        figures.IndicatorCard(
            indicator,
            results.get(indicator.pk),
            figures.measurement_chart(indicator),
            indicator_csv_url(home, project, indicator.pk),
        )
        for indicator in indicators
    ]


def preview(request: HttpRequest, project: "Project") -> HttpResponse:
    """The project page with a planner's unpublished draft (Wagtail's preview panel), in the
    newest version whose catalogue lists it."""
    home = homes_for_regions([project.region_id]).get(project.region_id)
    if home is None:
        raise Http404("Dieser Landkreis hat noch keine öffentliche Startseite.")
    listed = sorted(project.concepts.all(), key=lambda c: c.version)
    concept = queries.current_concept(home) or (listed[-1] if listed else None)
    shown = concept if concept in listed or not listed else listed[-1]
    project.subgoals.set(
        [s for s in project.subgoals.all() if shown is not None and s.concept_id == shown.pk]
    )
    project.municipalities.set(sorted(project.municipalities.all(), key=lambda r: r.name))
    context = {
        "concept": concept,
        "project": project,
        "indicators": indicator_cards(home, project),
        "dropped_in": None,
        "listed_in": shown,
    }
    return render(request, home, "projects/project_detail.html", context)
