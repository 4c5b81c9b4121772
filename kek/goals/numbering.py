"""Automatic numbering of a concept's goal tree: 1, 1.2, 1.2.3."""

from typing import TypeVar

from django.db import transaction

from .models import Concept, FieldOfAction, StrategicGoal, SubGoal

G = TypeVar("G", FieldOfAction, StrategicGoal, SubGoal)


def numbers_by_position(rows: list[tuple[int, int | None, str]]) -> dict[int, str]:
    """Number rows (id, parent id, parent number) in the order given, counting per parent."""
    counters: dict[int | None, int] = {}
    numbers: dict[int, str] = {}
    for row_id, parent_id, parent_number in rows:
        counters[parent_id] = counters.get(parent_id, 0) + 1
        prefix = f"{parent_number}." if parent_number else ""
        numbers[row_id] = f"{prefix}{counters[parent_id]}"
    return numbers


@transaction.atomic
def renumber(concept: Concept | int) -> None:
    """Recompute `number` for every goal object of a concept, writing only what changed."""
    concept_id = concept.pk if isinstance(concept, Concept) else concept
    fields = list(FieldOfAction.objects.filter(concept_id=concept_id).order_by("position", "id"))
    field_numbers = numbers_by_position([(f.pk, None, "") for f in fields])
    goals = list(
        StrategicGoal.objects.filter(concept_id=concept_id).order_by("field_id", "position", "id")
    )
    goal_numbers = numbers_by_position(
        [(g.pk, g.field_id, field_numbers[g.field_id]) for g in goals]
    )
    subgoals = list(
        SubGoal.objects.filter(concept_id=concept_id).order_by("goal_id", "position", "id")
    )
    sub_numbers = numbers_by_position(
        [(s.pk, s.goal_id, goal_numbers[s.goal_id]) for s in subgoals]
    )
    _store(FieldOfAction, fields, field_numbers)
    _store(StrategicGoal, goals, goal_numbers)
    _store(SubGoal, subgoals, sub_numbers)


def _store(model: type[G], objects: list[G], numbers: dict[int, str]) -> None:
    """Write the numbers that changed."""
    changed = [o for o in objects if o.number != numbers[o.pk]]
    for obj in changed:
        obj.number = numbers[obj.pk]
    model.objects.bulk_update(changed, ["number"])
