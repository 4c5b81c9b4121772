"""The SWOT items of a concept version as the public pages and the documents show them: with
their evidence and goals in a fixed number of queries, grouped by topic and quadrant."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.text import slugify

from kek.goals.models import Concept, StrategicGoal

from .models import KIND_PLURALS, IndicatorEvidence, Kind, SwotItem

NO_TOPIC = "Übergreifend"


@dataclass
class Quadrant:
    kind: str
    label: str
    items: list[SwotItem] = field(default_factory=list)


@dataclass
class TopicBlock:
    name: str
    slug: str
    quadrants: list[Quadrant]

    @property
    def count(self) -> int:
        return sum(len(q.items) for q in self.quadrants)


def items_of(concept: Concept) -> QuerySet[SwotItem]:
    """A concept's items with everything the SWOT page shows, in a fixed number of queries."""
    evidence = IndicatorEvidence.objects.select_related(
        "indicator", "comparison_region", "comparison_group__district"
    )
    return (
        SwotItem.objects.filter(concept=concept)
        .select_related("topic")
        .prefetch_related(
            Prefetch("indicator_evidence", queryset=evidence),
            "document_evidence__document",
            "expert_talks",
            Prefetch("goals", queryset=StrategicGoal.objects.order_by("position", "id")),
        )
        .order_by("topic__position", "topic__name", "position", "id")
    )


def blocks(items: list[SwotItem]) -> list[TopicBlock]:
    """Items grouped by topic, each topic with all four quadrants (empty ones included)."""
    result: dict[int | None, TopicBlock] = {}
    for item in items:
        block = result.get(item.topic_id)
        if block is None:
            name = item.topic.name if item.topic else NO_TOPIC
            slug = item.topic.slug if item.topic else slugify(NO_TOPIC)
            block = TopicBlock(name, slug, [Quadrant(k, KIND_PLURALS[k]) for k in Kind.values])
            result[item.topic_id] = block
        block.quadrants[Kind.values.index(item.kind)].items.append(item)
    return list(result.values())
