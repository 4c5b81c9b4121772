"""What publishing a new concept version changes for the forums: the topics whose field of
action or strategic goal the new version no longer has. They stay readable and name the goal
as last published (models.Topic); the planner sees them on the confirmation page first."""

from __future__ import annotations

from typing import Any

from kek.goals.models import Concept

from .models import SUBJECT_MODELS, SubjectKind, Topic


def dropped_subjects(current: Concept | None, draft: Concept) -> list[tuple[str, list[str]]]:
    if current is None:
        return []
    lines = []
    topics = Topic.objects.filter(
        district_id=draft.region_id, subject_kind__in=[SubjectKind.FIELD, SubjectKind.GOAL]
    ).order_by("position", "id")
    kept: dict[str, set[Any]] = {
        kind: set(SUBJECT_MODELS[kind].objects.filter(concept=draft).values_list("key", flat=True))
        for kind in (SubjectKind.FIELD, SubjectKind.GOAL)
    }
    for topic in topics:
        if topic.subject_key in kept[topic.subject_kind]:
            continue
        old = topic.subject_in(current)
        name = f" ({SubjectKind(topic.subject_kind).label} {old})" if old is not None else ""
        lines.append(f"„{topic.title}“{name}")
    return [("Diskussionsthemen, deren Ziel entfällt", lines)] if lines else []
