"""The links between SWOT items and strategic goals, and the evidence, are on record (issue 16):
an edit in the back office, and the copy a new concept version starts with."""

import pytest
from django.urls import reverse

from kek.core.changes import entries
from kek.goals.models import StrategicGoal
from kek.goals.versions import new_version
from kek.swot.models import DocumentEvidence, SwotItem

from ..http import formset

pytestmark = pytest.mark.django_db
LINKS = "Strategische Ziele, die darauf antworten"


def item_form(item, goals, documents=()) -> dict:
    return {
        "concept": item.concept_id, "kind": item.kind, "position": item.position,
        "topic": item.topic_id or "", "title": item.title, "explanation": item.explanation,
        "goals": [g.pk for g in goals],
        **formset("indicator_evidence", []),
        **formset("document_evidence", [{"title": t, "year": "", "author": "", "url": ""}
                                        for t in documents]),
        **formset("expert_talks", []),
    }  # fmt: skip


def test_an_edit_of_goals_and_evidence_is_recorded_with_old_and_new(client, concept, planner):
    draft = new_version(concept)  # only a draft's SWOT changes (issue 11)
    item = SwotItem.objects.filter(concept=draft, goals__isnull=False).first()
    old = list(item.goals.order_by("number"))
    new = [StrategicGoal.objects.filter(concept=draft).exclude(pk__in=[g.pk for g in old])[0]]
    item.indicator_evidence.all().delete()
    item.document_evidence.all().delete()
    item.expert_talks.all().delete()
    item = SwotItem.objects.get(pk=item.pk)
    before = item.history.count()
    client.force_login(planner)
    url = reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk])
    response = client.post(url, item_form(item, new, documents=["Demografiestudie 2017"]))
    assert response.status_code == 302, response.content.decode()[:2000]

    assert item.history.count() == before + 1
    record = item.history.first()
    assert record.history_user == planner
    assert {g.strategicgoal_id for g in record.goals.all()} == {new[0].pk}
    newest = entries(item)
    link = next(c for e in newest for c in e.changes if c[0] == LINKS)
    assert link == (LINKS, ", ".join(str(g) for g in old), str(new[0]))
    document = DocumentEvidence.objects.get(item=item)
    assert document.history.get().history_user == planner
    assert any(e.kind == "Beleg: Dokument oder Studie" for e in newest)


def test_a_new_version_copies_the_items_with_their_goal_links_on_record(concept, planner):
    copy = new_version(concept, user=planner)
    item = SwotItem.objects.filter(concept=copy, goals__isnull=False).first()
    created = item.history.get()
    assert (created.history_type, created.history_user) == ("+", planner)
    assert created.history_change_reason == "Kopie aus Version 1"
    assert {g.strategicgoal_id for g in created.goals.all()} == set(
        item.goals.values_list("pk", flat=True)
    )
    evidence = item.indicator_evidence.first() or item.document_evidence.first()
    assert evidence is not None
    assert evidence.history.get().history_user == planner
