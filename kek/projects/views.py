"""Public pages of the project catalogue, the dashboard and the evaluation reports (F12–F16);
routes in projects/public.py."""

from functools import reduce
from operator import or_

from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers

from kek.committees.models import AgendaItem
from kek.core.registry import project_panels
from kek.core.routes import route_url
from kek.core.views import add_parts, render
from kek.evaluation import statuses
from kek.goals import queries
from kek.goals.models import Concept, FieldOfAction, SubGoal
from kek.goals.public import goal_url
from kek.goals.queries import require_current
from kek.regions.models import Region

from . import figures
from .evaluation import evaluate_concept
from .filters import CatalogueFilter
from .models import Attachment, EvaluationSnapshot, Project, TargetIndicator
from .preview import indicator_cards, indicator_csv_url
from .snapshots import compare
from .summaries import (
    frozen_indicators,
    frozen_tables,
    live_table,
    projects_with_goals,
    status_cards,
)

# Catalogue filter → lookup on Project.
FILTER_LOOKUPS = {
    "handlungsfeld": "subgoals__goal__field__slug",
    "ziel": "subgoals__goal__number",
    "status": "status",
    "federfuehrung": "lead_body",
    "gemeinde": "municipalities__ags",
}


# --------------------------------------------------------------------------- catalogue


def catalogue(request: HttpRequest, home) -> HttpResponse:
    concept = require_current(home)
    form = CatalogueFilter(concept, request.GET)
    filters = form.filters()
    projects = list(filtered_projects(concept, filters))
    fragment = _wants_fragment(request)
    context = {
        "concept": concept,
        "form": form,
        "projects": projects,
        "filters": filters,
        "fragment": fragment,
        "catalogue_resolution": catalogue_resolution(concept),
    }
    template = "projects/_catalogue_results.html" if fragment else "projects/catalogue.html"
    response = render(request, home, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def catalogue_resolution(concept: Concept) -> AgendaItem | None:
    """The resolution that adopted the catalogue: the one most of its projects name."""
    found = (
        Project.objects.filter(concepts=concept, resolution__isnull=False)
        .values("resolution")
        .annotate(n=Count("id"))
        .order_by("-n", "resolution")
        .first()
    )
    if found is None:
        return None
    return (
        AgendaItem.objects.select_related("meeting")
        .prefetch_related("meeting__organizations", "consultations__paper")
        .get(pk=found["resolution"])
    )


def _wants_fragment(request: HttpRequest) -> bool:
    """htmx updates only the result list; a history restore needs the whole page."""
    headers = request.headers
    return "HX-Request" in headers and "HX-History-Restore-Request" not in headers


def filtered_projects(concept: Concept, filters: dict[str, str]):
    projects = projects_with_goals(concept)
    if query := filters.get("q"):
        # Plain substring search for now; PostgreSQL full-text search (a German SearchVector
        # with ranking) comes with the site-wide search (F29).
        projects = projects.filter(
            Q(number__icontains=query) | Q(title__icontains=query) | Q(description__icontains=query)
        )
    for name, lookup in FILTER_LOOKUPS.items():
        if name in filters:
            projects = projects.filter(**{lookup: filters[name]})
    return projects.distinct()


# --------------------------------------------------------------------------- project page


def find_project(region: Region, ref: str) -> Project | None:
    """The district's project of a `number-slug` reference; an old slug or the bare number also
    finds it (then the caller redirects to the canonical address)."""
    parts = ref.split("-")
    numbers = ["-".join(parts[:i]) for i in range(1, len(parts) + 1)]
    slugs = ["-".join(parts[i:]) for i in range(1, len(parts))]
    by_number = reduce(or_, (Q(number__iexact=number) for number in numbers))
    candidates = list(Project.objects.filter(region=region).filter(Q(slug__in=slugs) | by_number))
    for matches in (
        lambda p: p.public_ref == ref,
        lambda p: p.slug in slugs,
        lambda p: p.number.lower() in {number.lower() for number in numbers},
    ):
        found = [p for p in candidates if matches(p)]
        if found:
            return found[0]
    return None


def locate(home, ref: str) -> tuple[Project, Concept, Concept, str | None]:
    """The project, the current version, the version whose catalogue the page shows (the
    current one, else the newest public one that listed it: a project the current version
    dropped keeps its address) and, if `ref` is not canonical, where to redirect."""
    concept = require_current(home)
    project = find_project(concept.region, ref)
    listed = [] if project is None else list(project.concepts.filter(_shown_to(concept)))
    if project is None or not listed:
        raise Http404("Dieses Projekt gibt es in keinem Projektkatalog des Landkreises.")
    shown = concept if concept in listed else max(listed, key=lambda c: c.version)
    redirect = None if project.public_ref == ref else project_url(home, project)
    return project, concept, shown, redirect


def resolve(home, ref: str) -> tuple[Project, str | None]:
    """The project and, if `ref` is not its canonical reference, where to redirect."""
    project, _, _, redirect = locate(home, ref)
    return project, redirect


def project_url(home, project: Project, route: str = "project") -> str:
    """Address of a project page (or of another route taking the project's `ref`)."""
    return route_url(route, home, ref=project.public_ref)


def project_detail(request: HttpRequest, home, ref: str) -> HttpResponse:
    project, concept, shown, redirect = locate(home, ref)
    if redirect:
        return HttpResponsePermanentRedirect(redirect)
    project = detailed(Project.objects.filter(pk=project.pk), shown).get()
    context = {
        "concept": concept,
        "project": project,
        "indicators": indicator_cards(home, project),
        "dropped_in": None if shown == concept else concept,
        "listed_in": shown,
    }
    context["parts"] = add_parts(context, project_panels, "project", home, concept, project)
    return render(request, home, "projects/project_detail.html", context)


def _shown_to(concept: Concept, via: str = "") -> Q:
    """The versions the public sees next to `concept` (the current one, or the draft a planner
    previews): all but the drafts. `via`: the lookup path to the version ("concept__")."""
    return Q(**{f"{via}pk": concept.pk}) | ~Q(**{f"{via}status": Concept.Status.DRAFT})


def detailed(projects, concept: Concept):
    """Everything the project page shows, with the sub-goals it serves in `concept`, in a
    fixed number of queries."""
    subgoals = (
        SubGoal.objects.filter(concept=concept)
        .select_related("goal__field")
        .order_by("goal__field__position", "goal__position", "position")
    )
    indicators = TargetIndicator.objects.order_by("id").prefetch_related("measurements")
    return projects.select_related("region", "resolution__meeting").prefetch_related(
        "resolution__meeting__organizations",
        "resolution__consultations__paper",
        Prefetch("subgoals", queryset=subgoals),
        Prefetch("municipalities", queryset=Region.objects.order_by("name")),
        "milestones",
        Prefetch("attachments", queryset=Attachment.objects.select_related("document")),
        Prefetch("indicators", queryset=indicators),
    )


def indicator_csv(request: HttpRequest, home, ref: str, pk: int) -> HttpResponse:
    """Exactly the data of an indicator's chart, as CSV."""
    project, redirect = resolve(home, ref)
    if redirect:
        return HttpResponsePermanentRedirect(indicator_csv_url(home, project, pk))
    indicator = get_object_or_404(
        TargetIndicator.objects.prefetch_related("measurements"), pk=pk, project=project
    )
    chart = figures.measurement_chart(indicator)
    if chart is None:
        raise Http404("Für diesen Zielindikator liegen keine Messwerte vor.")
    response = HttpResponse(figures.csv_of(chart), content_type="text/csv; charset=utf-8")
    filename = f"{project.public_ref}-zielindikator-{indicator.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --------------------------------------------------------------------------- dashboard


def dashboard(request: HttpRequest, home, slug: str | None = None) -> HttpResponse:
    concept = require_current(home)
    evaluation = evaluate_concept(concept)
    fields = list(queries.tree(concept))

    def link(obj) -> str:
        if isinstance(obj, Project):
            return project_url(home, obj)
        if isinstance(obj, FieldOfAction) and slug is None:
            return route_url("field_dashboard", home, slug=obj.slug)
        return goal_url(home, obj)

    scope: Concept | FieldOfAction
    cards, field_table = [], None
    if slug is None:
        scope = concept
        goals = [goal for field in fields for goal in field.goals.all()]
        # Each field of action as a card; the same numbers as a table for comparison.
        cards = status_cards(evaluation, fields, link)
        field_table = live_table(evaluation, fields, link)
        tables = [("ziele", "Strategische Ziele", live_table(evaluation, goals, link))]
    else:
        field_of_action = next((field for field in fields if field.slug == slug), None)
        if field_of_action is None:
            raise Http404("Dieses Handlungsfeld gibt es in der aktuellen Version nicht.")
        scope = field_of_action
        goals = list(field_of_action.goals.all())
        subgoals = [sub for goal in goals for sub in goal.subgoals.all()]
        projects = filtered_projects(concept, {"handlungsfeld": slug})
        tables = [
            ("ziele", "Strategische Ziele", live_table(evaluation, goals, link)),
            ("teilziele", "Teilziele", live_table(evaluation, subgoals, link)),
            ("projekte", "Projekte", live_table(evaluation, projects, link)),
        ]
    context = {
        "concept": concept,
        "scope": scope,
        "fields": fields,
        "result": evaluation.of(scope),
        "cards": cards,
        "field_table": field_table,
        "tables": tables,
        "legend": statuses.LEGEND,
        "other_legend": statuses.OTHER_LEGEND,
    }
    return render(request, home, "projects/dashboard.html", context)


# --------------------------------------------------------------------------- reports


def _reports(concept: Concept):
    """The district's evaluation reports: each stays with the version it was made for, and the
    public sees those of every public version (and of the previewed draft)."""
    reports = EvaluationSnapshot.objects.filter(concept__region_id=concept.region_id)
    return reports.filter(_shown_to(concept, via="concept__"))


def evaluation_list(request: HttpRequest, home) -> HttpResponse:
    concept = require_current(home)
    context = {"concept": concept, "reports": list(_reports(concept).select_related("concept"))}
    return render(request, home, "projects/evaluation_list.html", context)


def evaluation_detail(request: HttpRequest, home, pk: int) -> HttpResponse:
    concept = require_current(home)
    report = get_object_or_404(_reports(concept).select_related("concept"), pk=pk)
    previous = report.previous()
    context = {
        "concept": concept,
        "report": report,
        "previous": previous,
        "changes": compare(previous.results, report.results) if previous else None,
        "tables": frozen_tables(report.results),
        "indicator_rows": frozen_indicators(report.results),
    }
    return render(request, home, "projects/evaluation_detail.html", context)
