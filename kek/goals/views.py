"""Public pages of the goal system (routes in goals/public.py). Other apps add panels to the
field and goal pages through `kek.core.registry.goal_panels`."""

from typing import Any

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404

from kek.core.registry import goal_panels
from kek.core.routes import route_url
from kek.core.views import add_parts, render

from . import queries
from .diff import compare
from .models import Concept, FieldOfAction, StrategicGoal, SubGoal
from .queries import require_current


def visible_versions(request: HttpRequest, home):
    versions = Concept.objects.filter(region_id=home.region_id).with_adoption().order_by("-version")
    if not request.user.has_perm("goals.view_draft_concept"):
        versions = versions.public()
    return versions


def start_fields(home, concept: Concept | None) -> dict[str, Any]:
    """The start page's cards of the fields of action."""
    if concept is None:
        return {"fields": []}
    fields = concept.fields_of_action.order_by("position", "id").annotate(
        goal_count=Count("goals", distinct=True)
    )
    return {"fields": fields}


def version_tree(request: HttpRequest, home, version: int) -> HttpResponse:
    return goal_tree(request, home, version)


def goal_tree(request: HttpRequest, home, version: int | None = None) -> HttpResponse:
    as_current = version is None  # the current version, or the draft previewed in its place
    if version is None:
        concept = require_current(home)
    else:
        concept = get_object_or_404(visible_versions(request, home), version=version)
    return render(
        request,
        home,
        "goals/goal_tree.html",
        # The current version, or the draft a planner previews in its place.
        {
            "concept": concept,
            "fields": queries.tree(concept),
            "linked": as_current,
            "as_current": as_current,
        },  # fmt: skip
    )


def field_detail(request: HttpRequest, home, slug: str) -> HttpResponse:
    concept = require_current(home)
    field = queries.tree(concept).filter(slug=slug).first()
    if field is None:
        old = earlier(concept, FieldOfAction, slug=slug)
        if old is None:
            raise Http404("Dieses Handlungsfeld gibt es in keiner Version des Konzepts.")
        moved = FieldOfAction.objects.filter(concept=concept, key=old.key).first()
        if moved is None:
            return dropped(request, home, concept, old)
        return HttpResponsePermanentRedirect(route_url("field_of_action", home, slug=moved.slug))
    context: dict[str, Any] = {"concept": concept, "field": field}
    context["parts"] = add_parts(context, goal_panels, "field", home, concept, field)
    return render(request, home, "goals/field_detail.html", context)


def find_goal(concept: Concept, number: str, slug: str) -> StrategicGoal | SubGoal | None:
    models: dict[int, type[StrategicGoal] | type[SubGoal]] = {2: StrategicGoal, 3: SubGoal}
    model = models.get(number.count(".") + 1)
    if model is None:
        return None
    goals = model.objects.filter(concept=concept).select_related("concept")
    return (slug and goals.filter(slug=slug).first()) or goals.filter(number=number).first()


def earlier(concept: Concept, model, **lookup):
    """The newest object of an earlier public version of the district matching `lookup`."""
    versions = Concept.objects.filter(region_id=concept.region_id).public().exclude(pk=concept.pk)
    return (
        model.objects.filter(concept__in=versions, **lookup)
        .select_related("concept")
        .order_by("-concept__version")
        .first()
    )


def dropped(request: HttpRequest, home, concept: Concept, old) -> HttpResponse:
    """An address of an earlier version whose goal the current version no longer has."""
    context = {"concept": concept, "old": old, "kind": old._meta.verbose_name}
    return render(request, home, "goals/dropped.html", context, status=410)


def goal_detail(request: HttpRequest, home, ref: str) -> HttpResponse:
    concept = require_current(home)
    number, _, slug = ref.partition("-")
    goal = find_goal(concept, number, slug)
    exact = goal is not None and (goal.number, goal.slug) == (number, slug or goal.slug)
    model: type[StrategicGoal] | type[SubGoal] = (
        StrategicGoal if number.count(".") == 1 else SubGoal
    )
    old = None if exact or not slug else earlier(concept, model, number=number, slug=slug)
    if old is not None:
        goal = model.objects.filter(concept=concept, key=old.key).first()
        if goal is None:
            return dropped(request, home, concept, old)
    if goal is None:
        raise Http404("Dieses Ziel gibt es in keiner Version des Konzepts.")
    canonical = f"{goal.number}-{goal.slug}"
    if canonical != ref:
        return HttpResponsePermanentRedirect(route_url("goal", home, ref=canonical))
    if isinstance(goal, SubGoal):
        goal = (
            SubGoal.objects.select_related("goal__field").prefetch_related("sdgs").get(pk=goal.pk)
        )
        context = {"goal": goal, "parent": goal.goal, "field": goal.goal.field, "children": []}
    else:
        goal = (
            StrategicGoal.objects.select_related("field").prefetch_related("sdgs").get(pk=goal.pk)
        )
        children = goal.subgoals.order_by("position", "id").prefetch_related("sdgs")
        context = {"goal": goal, "parent": None, "field": goal.field, "children": children}
    context["parts"] = add_parts(context, goal_panels, "goal", home, concept, goal)
    return render(request, home, "goals/goal_detail.html", {"concept": concept, **context})


def version_list(request: HttpRequest, home) -> HttpResponse:
    versions = list(visible_versions(request, home))
    return render(request, home, "goals/version_list.html", {"versions": versions})


def version_compare(request: HttpRequest, home) -> HttpResponse:
    versions = list(visible_versions(request, home))
    by_number = {concept.version: concept for concept in versions}
    old = by_number.get(_int(request.GET.get("von")))
    new = by_number.get(_int(request.GET.get("zu")))
    if old is None and len(versions) >= 2:
        old, new = versions[1], versions[0]
    diff = compare(queries.goal_rows(old), queries.goal_rows(new)) if old and new else None
    return render(
        request,
        home,
        "goals/version_compare.html",
        {"versions": versions, "old": old, "new": new, "diff": diff},
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
