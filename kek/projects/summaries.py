"""What the public pages show of an evaluation: roll-up tables, indicator results, the start
page's summary numbers. Shared by the catalogue, dashboard and goal pages."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch

from kek.evaluation import methods
from kek.evaluation.statuses import (
    LABELS,
    METHOD_NAMES,
    OTHER_STATUSES,
    ROLLUP_STATUSES,
    StatusLabel,
    headline,
    label_for,
    method_of,
)
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal

from .evaluation import Evaluation, NodeResult, evaluate_concept
from .models import EvaluationSnapshot, Project, TargetIndicator

KIND_LABELS = {
    Concept: "Konzept",
    FieldOfAction: "Handlungsfeld",
    StrategicGoal: "Strategisches Ziel",
    SubGoal: "Teilziel",
    Project: "Projekt",
}


class Rated:
    """A roll-up result shown with its indicators' statuses and the other methods' ratings."""

    result: NodeResult

    @property
    def distribution(self) -> list[tuple[StatusLabel, int, float | None]]:
        return distribution(self.result)

    @property
    def others(self) -> list["OtherRatings"]:
        return other_ratings(self.result)


@dataclass
class RollupRow(Rated):
    kind: str
    name: str
    url: str | None
    result: NodeResult

    @property
    def note(self) -> str:
        return axes_note(self.result)


@dataclass
class RollupTable:
    rows: list[RollupRow] = field(default_factory=list)


def rollup_table(entries: Iterable[tuple[str, str, str | None, NodeResult]]) -> RollupTable:
    """A table of (kind, name, url, result) entries."""
    return RollupTable([RollupRow(*entry) for entry in entries])


def live_table(
    evaluation: Evaluation, objects: Iterable[Any], link: Callable[[Any], str | None]
) -> RollupTable:
    """Roll-up table of goal objects or projects from a live evaluation."""
    return rollup_table(
        (KIND_LABELS[type(obj)], name_of(obj), link(obj), evaluation.of(obj)) for obj in objects
    )


def name_of(obj: Any) -> str:
    return obj.title if isinstance(obj, Concept) else str(obj)


def distribution(result: NodeResult) -> list[tuple[StatusLabel, int, float | None]]:
    """Status, count and share of indicators in the headline statuses (an indicator of another
    method by the band of its score, `statuses.headline`), in their fixed order: the stacked
    bar and its text equivalent."""
    counts: dict[str, int] = {}
    for status, count in result.status_counts.items():
        counts[headline(status)] = counts.get(headline(status), 0) + count
    total = result.indicators
    return [
        (LABELS[code], counts[code], counts[code] / total if total else None)
        for code in ROLLUP_STATUSES
        if counts.get(code)
    ]


@dataclass
class OtherRatings:
    """The indicators one of the other methods rated, by its own statuses ("weitere
    Bewertungen")."""

    method: str
    counts: list[tuple[StatusLabel, int]]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)


def other_ratings(result: NodeResult) -> list[OtherRatings]:
    """The other methods' own results among a node's indicators, method by method."""
    found = []
    for method, codes in OTHER_STATUSES.items():
        counts = [
            (LABELS[c], result.status_counts[c]) for c in codes if result.status_counts.get(c)
        ]
        if counts:
            found.append(OtherRatings(METHOD_NAMES[method], counts))
    return found


GOOD = {methods.TARGET_ACHIEVED, methods.ON_TRACK}
POOR = {methods.LIMITED_PROGRESS, methods.DETERIORATION}


def axes_note(result: NodeResult) -> str:
    """A sentence where the two axes seem to contradict each other: indicators on track while
    no project has started, or every project done while the indicators lag behind."""
    if result.progress is None:
        return ""
    if result.status in GOOD and round(result.progress) == 0:
        return (
            "Die Zielindikatoren entwickeln sich schon wie gewünscht, die Projekte sind aber "
            "noch nicht umgesetzt: Die Entwicklung geht (noch) nicht auf die Projekte zurück."
        )
    if result.status in POOR and round(result.progress) == 100:
        return (
            "Die Projekte sind umgesetzt, die Zielindikatoren zeigen aber noch nicht die "
            "gewünschte Entwicklung: Wirkungen zeigen sich oft erst später oder hängen auch "
            "von anderem ab."
        )
    return ""


@dataclass
class StatusCard(Rated):
    """A field of action (or the whole concept) at a glance: headline status, its indicators'
    statuses (stacked bar with text), implementation progress and data completeness."""

    obj: Any
    url: str | None
    result: NodeResult

    @property
    def note(self) -> str:
        return axes_note(self.result)


def status_cards(
    evaluation: Evaluation, objects: Iterable[Any], link: Callable[[Any], str | None]
) -> list[StatusCard]:
    return [StatusCard(obj, link(obj), evaluation.of(obj)) for obj in objects]


def indicator_rating(status: str) -> dict[str, Any]:
    """An indicator's status in the headline statuses and, if another method rated it, that
    method's own result."""
    own = method_of(status)
    return {
        "label": label_for(headline(status)),
        "other": label_for(status) if own in OTHER_STATUSES else None,
        "method": METHOD_NAMES[own],
    }


@dataclass
class IndicatorResult:
    indicator: TargetIndicator
    result: dict[str, Any] | None

    @property
    def status(self) -> str:
        return self.result["status"] if self.result else "not_available"

    @property
    def label(self) -> StatusLabel:
        return label_for(self.status)


def indicator_results(
    indicators: Iterable[TargetIndicator], evaluation: Evaluation
) -> list[IndicatorResult]:
    return [IndicatorResult(i, evaluation.indicators.get(i.pk)) for i in indicators]


# --------------------------------------------------------------------------- goal pages


def _listed_projects(concept: Concept):
    return Project.objects.filter(concepts=concept).order_by("number")


def goal_context(concept: Concept, goal: StrategicGoal | SubGoal) -> dict[str, Any]:
    """Projects, own target indicators and roll-up of a strategic goal or sub-goal."""
    evaluation = evaluate_concept(concept)
    if isinstance(goal, SubGoal):
        projects = _listed_projects(concept).filter(subgoals=goal)
    else:
        projects = _listed_projects(concept).filter(subgoals__goal=goal).distinct()
    indicators = TargetIndicator.objects.filter(**{_owner_field(goal): goal})
    return {
        "rollup": evaluation.of(goal),
        "goal_projects": list(projects),
        "goal_indicators": indicator_results(indicators, evaluation),
    }


def _owner_field(goal: StrategicGoal | SubGoal) -> str:
    return "subgoal" if isinstance(goal, SubGoal) else "goal"


def field_context(
    concept: Concept, field_of_action: FieldOfAction, goal_link: Callable[[Any], str]
) -> dict[str, Any]:
    """Roll-up of a field of action and of each of its strategic goals."""
    evaluation = evaluate_concept(concept)
    return {
        "rollup": evaluation.of(field_of_action),
        "goal_rollups": live_table(evaluation, field_of_action.goals.all(), goal_link),
    }


# --------------------------------------------------------------------------- start page


def start_field_cards(concept: Concept | None, link: Callable[[Any], str | None]) -> dict[str, Any]:
    """The start page's cards of the fields of action get each field's status and progress
    (`field_card_parts`: templates the goals app's card includes; `field_cards`: by field)."""
    if concept is None:
        return {}
    evaluation = evaluate_concept(concept)
    fields = FieldOfAction.objects.filter(concept=concept)
    return {
        "field_card_parts": ["projects/_start_field_card.html"],
        "field_cards": {card.obj.pk: card for card in status_cards(evaluation, fields, link)},
    }


def catalogue_summary(concept: Concept | None) -> dict[str, Any]:
    """A few numbers for the start page's catalogue section."""
    if concept is None:
        return {"catalogue": None}
    by_status = dict(
        Project.objects.filter(concepts=concept)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    result = evaluate_concept(concept).of(concept)
    return {
        "catalogue": {
            "projects": sum(by_status.values()),
            "by_status": [
                (label, by_status[code])
                for code, label in Project.Status.choices
                if code in by_status
            ],
            "result": result,
            "reports": EvaluationSnapshot.objects.filter(concept=concept).count(),
        }
    }


def projects_with_goals(concept: Concept):
    """The version's projects with the sub-goals they serve in it, in goal order, for lists."""
    subgoals = SubGoal.objects.filter(concept=concept).order_by(
        "goal__field__position", "goal__position", "position"
    )
    return Project.objects.filter(concepts=concept).prefetch_related(
        Prefetch("subgoals", queryset=subgoals)
    )


# --------------------------------------------------------------------------- frozen reports

FROZEN_GROUPS = [
    ("Konzept und Handlungsfelder", {"Concept": "Konzept", "FieldOfAction": "Handlungsfeld"}),
    ("Strategische Ziele", {"StrategicGoal": "Strategisches Ziel"}),
    ("Teilziele", {"SubGoal": "Teilziel"}),
    ("Projekte", {"Project": "Projekt"}),
]


def frozen_tables(results: dict[str, Any]) -> list[tuple[str, RollupTable]]:
    """The roll-up of a frozen report, one table per level (as it was on the report's day)."""
    nodes = results.get("nodes", {})
    tables = []
    for heading, kinds in FROZEN_GROUPS:
        entries = [
            (kinds[key.partition(":")[0]], node["label"], None, _frozen_node(node))
            for key, node in nodes.items()
            if key.partition(":")[0] in kinds
        ]
        entries.sort(key=lambda entry: list(kinds.values()).index(entry[0]))
        if entries:
            tables.append((heading, rollup_table(entries)))
    return tables


def _frozen_node(node: dict[str, Any]) -> NodeResult:
    return NodeResult(
        score=node["score"],
        status=node["status"],
        indicators=node["indicators"],
        rated=node["rated"],
        status_counts=node["status_counts"],
        progress=node["progress"],
    )


def frozen_indicators(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The frozen indicator results, by owner and title."""
    rows = results.get("indicators", {}).values()
    return sorted(rows, key=lambda row: (row["owner"], row["title"]))
