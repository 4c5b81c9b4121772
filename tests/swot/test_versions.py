"""A Fortschreibung starts with its predecessor's SWOT and may revise it on its own."""

import pytest

from kek.goals.versions import new_version
from kek.swot.models import SwotItem

pytestmark = pytest.mark.django_db


def signature(concept) -> list[tuple]:
    items = SwotItem.objects.filter(concept=concept).order_by("kind", "position", "title")
    return [
        (
            i.key, i.kind, i.topic_id, i.title, i.explanation, i.position, i.is_example,
            sorted(str(g.key) for g in i.goals.all()),
            [(e.indicator_id, e.comparison_region_id, e.period, e.disaggregation, e.note)
             for e in i.indicator_evidence.all()],
            [(d.title, d.year, d.author) for d in i.document_evidence.all()],
            [(t.when_text, t.bodies, t.note) for t in i.expert_talks.all()],
        )
        for i in items
    ]  # fmt: skip


def test_new_version_copies_items_evidence_and_goal_links(concept, planner):
    copy = new_version(concept, planner)
    assert signature(copy) == signature(concept)
    copied = SwotItem.objects.filter(concept=copy)
    assert copied.exists() and copied.filter(goals__isnull=False).exists()
    for item in copied:
        assert all(goal.concept_id == copy.pk for goal in item.goals.all())
        assert item.history.first().history_user == planner


def test_revising_the_new_version_leaves_the_old_one_alone(concept):
    before = signature(concept)
    copy = new_version(concept)
    SwotItem.objects.filter(concept=copy, kind="threat").delete()
    SwotItem.objects.filter(concept=copy).update(title="Überarbeitet")
    assert signature(concept) == before
