"""Evaluate a concept's target indicators and roll the results up the goal system (F14, F15).

Reads everything in a fixed number of queries, evaluates all indicators of one method with one
vectorised call (`kek.evaluation.methods`), and rolls scores, status counts, implementation
progress and data completeness up: indicator → project → Teilziel → strategisches Ziel →
Handlungsfeld → concept.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import Prefetch

from kek.evaluation import methods
from kek.evaluation.statuses import label_for
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.statistics.series import yearly_values

from .models import Measurement, Project, TargetIndicator

CONCEPT = "concept"


@dataclass
class NodeResult:
    """Roll-up of one project or goal object (or the whole concept)."""

    score: float | None = None
    status: str = methods.NOT_AVAILABLE
    indicators: int = 0
    rated: int = 0
    status_counts: dict[str, int] = field(default_factory=dict)
    progress: float | None = None
    projects: int = 0

    @property
    def completeness(self) -> float | None:
        return self.rated / self.indicators if self.indicators else None

    @property
    def label(self):
        return label_for(self.status)


@dataclass
class Evaluation:
    indicators: dict[int, dict[str, Any]]
    nodes: dict[tuple[str, int], NodeResult]

    def node(self, kind: str, pk: int) -> NodeResult:
        return self.nodes.get((kind, pk)) or NodeResult()

    def of(self, obj) -> NodeResult:
        kind = {
            Project: "project",
            SubGoal: "subgoal",
            StrategicGoal: "goal",
            FieldOfAction: "field",
            Concept: CONCEPT,
        }[type(obj)]
        return self.node(kind, obj.pk)


# --------------------------------------------------------------------------- loading


def indicators_of(concept: Concept) -> list[TargetIndicator]:
    return list(
        TargetIndicator.objects.filter(models_q(concept))
        .distinct()
        .select_related("project", "goal", "subgoal", "series_region")
    )


def models_q(concept: Concept):
    from django.db.models import Q

    return Q(project__concepts=concept) | Q(goal__concept=concept) | Q(subgoal__concept=concept)


def observations(indicators: list[TargetIndicator]) -> pl.DataFrame:
    """Yearly values per indicator: measurements (latest per year), the baseline, and linked
    statistical series; a measurement wins over the baseline for the same year. Only reviewed
    measurements count, not one waiting "zur Prüfung" or rejected (kek.projects.review_views)."""
    ids = [i.pk for i in indicators]
    rows = Measurement.objects.filter(
        indicator_id__in=ids, review=Measurement.Review.OK
    ).values_list("indicator_id", "date", "value")
    measured = pl.DataFrame(
        [(i, d.year, d.toordinal(), v) for i, d, v in rows],
        schema={"series_id": pl.Int64, "year": pl.Int64, "day": pl.Int64, "value": pl.Float64},
        orient="row",
    )
    baselines = pl.DataFrame(
        [
            (i.pk, i.baseline_year, 0, i.baseline_value)
            for i in indicators
            if i.baseline_year is not None and i.baseline_value is not None
        ],
        schema=measured.schema,
        orient="row",
    )
    frames = [measured, baselines, statistical_series(indicators).select(measured.columns)]
    return (
        pl.concat(frames)
        .sort(["series_id", "year", "day"])
        .group_by(["series_id", "year"], maintain_order=True)
        .agg(pl.col("value").last())
    )


def statistical_series(indicators: list[TargetIndicator]) -> pl.DataFrame:
    """Yearly values of the linked official series."""
    empty = pl.DataFrame(
        schema={"series_id": pl.Int64, "year": pl.Int64, "day": pl.Int64, "value": pl.Float64}
    )
    linked = [i for i in indicators if i.series_indicator and i.series_region_id]
    if not linked:
        return empty
    requests = [
        (i.pk, i.series_indicator, i.series_region_id, i.series_disaggregation) for i in linked
    ]
    frame = yearly_values(requests)
    return frame.with_columns(pl.lit(-1, dtype=pl.Int64).alias("day")) if len(frame) else empty


def params(indicators: list[TargetIndicator]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "series_id": [i.pk for i in indicators],
            "direction": [i.direction for i in indicators],
            "base_year": [i.baseline_year or methods.DEFAULT_BASE_YEAR for i in indicators],
            "target": [i.target_value for i in indicators],
            "target_year": [i.target_year or methods.DEFAULT_TARGET_YEAR for i in indicators],
            "threshold_profile": [i.threshold_profile for i in indicators],
            "estimator": [i.estimator for i in indicators],
        },
        schema_overrides={"target": pl.Float64},
    )


def evaluate_indicators(indicators: list[TargetIndicator]) -> dict[int, dict[str, Any]]:
    """Result row (status, score and intermediate numbers) per indicator id."""
    obs = observations(indicators)
    results: dict[int, dict[str, Any]] = {}
    by_method = defaultdict(list)
    for indicator in indicators:
        by_method[indicator.method].append(indicator)
    for method, group in by_method.items():
        frame = methods.evaluate(method, obs, params(group))
        for row in frame.to_dicts():
            results[row["series_id"]] = row
    return results


# --------------------------------------------------------------------------- roll-up


def evaluate_concept(concept: Concept) -> Evaluation:
    indicators = indicators_of(concept)
    results = evaluate_indicators(indicators)
    projects = list(catalogue_of(concept))
    subgoals = dict(SubGoal.objects.filter(concept=concept).values_list("pk", "goal_id"))
    goals = dict(StrategicGoal.objects.filter(concept=concept).values_list("pk", "field_id"))
    fields = list(FieldOfAction.objects.filter(concept=concept).values_list("pk", flat=True))
    tree = _Tree(concept.pk, projects, subgoals, goals, fields)
    nodes = tree.rollup(indicators, results)
    return Evaluation(indicators=results, nodes=nodes)


def catalogue_of(concept: Concept):
    """The projects of a version's catalogue, each with the sub-goals it serves in that version."""
    return Project.objects.filter(concepts=concept).prefetch_related(
        Prefetch("subgoals", queryset=SubGoal.objects.filter(concept=concept))
    )


class _Tree:
    """Who is the parent of whom; a project may serve several sub-goals."""

    def __init__(self, concept_id, projects, subgoals, goals, fields):
        self.concept_id = concept_id
        self.projects = projects
        self.parents: dict[tuple[str, int], list[tuple[str, int]]] = {}
        for project in projects:
            self.parents[("project", project.pk)] = [
                ("subgoal", s.pk) for s in project.subgoals.all()
            ]
        for sub, goal in subgoals.items():
            self.parents[("subgoal", sub)] = [("goal", goal)]
        for goal, field_id in goals.items():
            self.parents[("goal", goal)] = [("field", field_id)]
        for field_id in fields:
            self.parents[("field", field_id)] = [(CONCEPT, concept_id)]
        self.levels = [
            [("project", p.pk) for p in projects],
            [("subgoal", s) for s in subgoals],
            [("goal", g) for g in goals],
            [("field", f) for f in fields],
        ]

    def ancestors(self, node: tuple[str, int]) -> set[tuple[str, int]]:
        found, stack = set(), [node]
        while stack:
            for parent in self.parents.get(stack.pop(), []):
                if parent not in found:
                    found.add(parent)
                    stack.append(parent)
        return found

    def rollup(self, indicators, results) -> dict[tuple[str, int], NodeResult]:
        nodes: dict[tuple[str, int], NodeResult] = defaultdict(NodeResult)
        children: dict[tuple[str, int], list[tuple[float | None, float]]] = defaultdict(list)
        for indicator in indicators:
            result = results[indicator.pk]
            owner = _owner_node(indicator)
            children[owner].append((result["score"], indicator.weight))
            for node in {owner} | self.ancestors(owner):
                counts = nodes[node]
                counts.indicators += 1
                counts.rated += result["score"] is not None
                counts.status_counts[result["status"]] = (
                    counts.status_counts.get(result["status"], 0) + 1
                )
        self._scores(nodes, children)
        self._progress(nodes)
        return dict(nodes)

    def _scores(self, nodes, children) -> None:
        """Weighted mean of the children's scores, level by level (vectorised per level)."""
        for level in self.levels + [[(CONCEPT, self.concept_id)]]:
            members = [n for n in level if children.get(n)]
            if not members:
                continue
            flat = [(n, s, w) for n in members for s, w in children[n]]
            rolled = methods.rollup(
                [s for _, s, _ in flat],
                [w for _, _, w in flat],
                [f"{k}:{i}" for (k, i), _, _ in flat],
            )
            for row in rolled.to_dicts():
                kind, pk = row["parent_id"].split(":")
                node = (kind, int(pk))
                nodes[node].score = row["score"]
                nodes[node].status = row["status"]
                if row["score"] is not None:
                    weight = _node_weight(node, self.projects)
                    for parent in self.parents.get(node, []):
                        children[parent].append((row["score"], weight))

    def _progress(self, nodes) -> None:
        """Implementation progress: weighted mean of project progress, then plain means up."""
        values: dict[tuple[str, int], list[tuple[float, float]]] = defaultdict(list)
        for project in self.projects:
            node = ("project", project.pk)
            nodes[node].progress = float(project.effective_progress)
            nodes[node].projects = 1
            for parent in self.parents.get(node, []):
                values[parent].append((float(project.effective_progress), float(project.weight)))
        for level in self.levels[1:] + [[(CONCEPT, self.concept_id)]]:
            for node in level:
                pairs = values.get(node)
                if not pairs:
                    continue
                total = sum(w for _, w in pairs)
                nodes[node].progress = sum(p * w for p, w in pairs) / total if total else None
                for parent in self.parents.get(node, []):
                    values[parent].append((nodes[node].progress, 1.0))
        for project in self.projects:
            for node in self.ancestors(("project", project.pk)):
                nodes[node].projects += 1


def _owner_node(indicator: TargetIndicator) -> tuple[str, int]:
    if indicator.project_id:
        return ("project", indicator.project_id)
    if indicator.goal_id:
        return ("goal", indicator.goal_id)
    return ("subgoal", indicator.subgoal_id)


def _node_weight(node: tuple[str, int], projects: list[Project]) -> float:
    if node[0] == "project":
        return next(float(p.weight) for p in projects if p.pk == node[1])
    return 1.0
