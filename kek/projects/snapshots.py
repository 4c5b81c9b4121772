"""Evaluation reports: freeze all results of a concept, and compare two reports (F16)."""

import math
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from kek.evaluation.statuses import explain
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal

from .evaluation import evaluate_concept, indicators_of
from .models import EvaluationSnapshot, Project


def _clean(value: Any) -> Any:
    """JSON has no NaN or infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def take_report(
    concept: Concept, title: str, *, by: Any = None, note: str = ""
) -> EvaluationSnapshot:
    """Freeze the concept's evaluation now as an evaluation report (Evaluierungsbericht)."""
    report = EvaluationSnapshot(concept=concept, title=title, taken_by=by, note=note)
    report.results = freeze(concept)
    report.save()
    return report


def freeze(concept: Concept) -> dict[str, Any]:
    """Everything a report shows, as plain JSON: indicator results and the roll-up."""
    evaluation = evaluate_concept(concept)
    indicators = {}
    for indicator in indicators_of(concept):
        result = evaluation.indicators[indicator.pk]
        owner = indicator.owner
        indicators[str(indicator.key)] = {
            "title": indicator.title,
            "unit": indicator.unit,
            "owner": str(owner),
            "status": result["status"],
            "score": _clean(result["score"]),
            "current_value": _clean(result.get("current_value")),
            "current_year": result.get("current_year"),
            "explanation": explain(result),
        }
    nodes = {}
    objects = [
        *Project.objects.filter(concepts=concept),
        *SubGoal.objects.filter(concept=concept),
        *StrategicGoal.objects.filter(concept=concept),
        *FieldOfAction.objects.filter(concept=concept),
    ]
    for obj in [*objects, concept]:
        node = evaluation.of(obj)
        nodes[f"{type(obj).__name__}:{obj.key if hasattr(obj, 'key') else obj.pk}"] = {
            "label": str(obj),
            "score": _clean(node.score),
            "status": node.status,
            "indicators": node.indicators,
            "rated": node.rated,
            "progress": _clean(node.progress),
            "status_counts": node.status_counts,
        }
    return {"frozen_at": timezone.now().isoformat(), "indicators": indicators, "nodes": nodes}


@dataclass
class StatusChange:
    key: str
    title: str
    owner: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[StatusChange]:
    """Indicators whose status changed, appeared or disappeared between two reports."""
    before, after = old.get("indicators", {}), new.get("indicators", {})
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (after.get(k) or before[k])["title"]):
        a, b = before.get(key), after.get(key)
        if a and b and a["status"] == b["status"]:
            continue
        item = b or a
        changes.append(StatusChange(key, item["title"], item["owner"], a, b))
    return changes
