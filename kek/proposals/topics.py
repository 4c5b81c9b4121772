"""The topic of a proposal: a field of action or a strategic goal, named by its key (see
`Proposal`'s docstring), resolved in the concept version a page shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from kek.goals.models import Concept, FieldOfAction, StrategicGoal

FIELD = "f"
GOAL = "g"


@dataclass(frozen=True)
class Topic:
    field_key: uuid.UUID
    goal_key: uuid.UUID | None
    title: str  # "1 Wirtschaft" or "1.2 Fachkräfte sichern"
    field_title: str


def choices(concept: Concept | None) -> list[tuple[str, Any]]:
    """Grouped choices for a select: per field of action the field itself and its goals."""
    if concept is None:
        return []
    goals: dict[int, list[StrategicGoal]] = {}
    for goal in StrategicGoal.objects.filter(concept=concept).order_by("position", "id"):
        goals.setdefault(goal.field_id, []).append(goal)
    grouped: list[tuple[str, Any]] = []
    for field in FieldOfAction.objects.filter(concept=concept).order_by("position", "id"):
        options = [(f"{FIELD}:{field.key}", f"{field} (ganzes Handlungsfeld)")]
        options += [(f"{GOAL}:{goal.key}", str(goal)) for goal in goals.get(field.pk, [])]
        grouped.append((str(field), options))
    return grouped


def field_choices(concept: Concept | None) -> list[tuple[str, str]]:
    if concept is None:
        return []
    return [
        (str(field.key), str(field))
        for field in FieldOfAction.objects.filter(concept=concept).order_by("position", "id")
    ]


def parse(value: str, concept: Concept | None) -> Topic | None:
    """The topic a choice value ("f:<key>", "g:<key>") names in `concept`, or None."""
    kind, _, raw = (value or "").partition(":")
    try:
        key = uuid.UUID(raw)
    except ValueError:
        return None
    if concept is None:
        return None
    if kind == FIELD:
        field = FieldOfAction.objects.filter(concept=concept, key=key).first()
        if field is not None:
            return Topic(field.key, None, str(field), str(field))
    if kind == GOAL:
        goal = StrategicGoal.objects.filter(concept=concept, key=key).select_related("field")
        found = goal.first()
        if found is not None:
            return Topic(found.field.key, found.key, str(found), str(found.field))
    return None


def value_of(proposal: Any) -> str:
    if proposal.goal_key:
        return f"{GOAL}:{proposal.goal_key}"
    return f"{FIELD}:{proposal.field_key}"


def resolve(proposals: list[Any], concept: Concept | None) -> list[Any]:
    """Set `topic` (title in `concept`, else the title at submission) and `topic_obj` (the
    field or goal in `concept`, or None) on each proposal, in two queries."""
    fields: dict[uuid.UUID, FieldOfAction] = {}
    goals: dict[uuid.UUID, StrategicGoal] = {}
    if concept is not None and proposals:
        wanted_fields = {p.field_key for p in proposals}
        wanted_goals = {p.goal_key for p in proposals if p.goal_key}
        fields = {
            f.key: f for f in FieldOfAction.objects.filter(concept=concept, key__in=wanted_fields)
        }
        if wanted_goals:
            goals = {
                g.key: g
                for g in StrategicGoal.objects.filter(concept=concept, key__in=wanted_goals)
            }
    for proposal in proposals:
        key = proposal.goal_key
        found = goals.get(key) if key else fields.get(proposal.field_key)
        proposal.topic_obj = found
        proposal.topic = str(found) if found is not None else proposal.topic_title
    return proposals


def goal_keys_of_field(concept: Concept | None, field_key: uuid.UUID) -> list[uuid.UUID]:
    """The keys of the strategic goals of a field in `concept` (a goal that moved to another
    field in a Fortschreibung is found under its new field)."""
    if concept is None:
        return []
    return list(
        StrategicGoal.objects.filter(concept=concept, field__key=field_key).values_list(
            "key", flat=True
        )
    )
