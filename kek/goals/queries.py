"""Loading a district's current concept, and its goal tree with a fixed number of queries,
whatever its size."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from . import preview
from .diff import GoalRow
from .models import SDG, Concept, FieldOfAction, StrategicGoal, SubGoal

SDGS = Prefetch("sdgs", queryset=SDG.objects.order_by("number"))


def tree(concept: Concept) -> QuerySet[FieldOfAction]:
    """Fields of action with goals, sub-goals and SDGs prefetched, in order."""
    subgoals = SubGoal.objects.order_by("position", "id").prefetch_related(SDGS)
    goals = (
        StrategicGoal.objects.order_by("position", "id")
        .prefetch_related(SDGS)
        .prefetch_related(Prefetch("subgoals", queryset=subgoals))
    )
    return (
        concept.fields_of_action.order_by("position", "id")
        .prefetch_related(SDGS)
        .prefetch_related(Prefetch("goals", queryset=goals))
    )


def goal_rows(concept: Concept) -> list[GoalRow]:
    """All goal objects of a concept as rows for `diff.compare`."""
    rows = []
    for level, model, text_field in (
        ("field", FieldOfAction, "vision"),
        ("goal", StrategicGoal, "description"),
        ("subgoal", SubGoal, "description"),
    ):
        values = model.objects.filter(concept=concept).values_list(
            "key", "number", "title", text_field
        )
        rows += [
            GoalRow(str(key), level, number, title, text) for key, number, title, text in values
        ]
    return rows


def current_concept(home) -> Concept | None:
    """The version the public pages show: the current one, or the draft a planner previews."""
    return preview.previewed(home.region_id) or Concept.objects.current_for(home.region)


def require_current(home) -> Concept:
    concept = current_concept(home)
    if concept is None:
        raise Http404("Für diesen Landkreis ist noch kein Konzept veröffentlicht.")
    return concept
