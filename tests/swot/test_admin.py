"""The SWOT back office: items with their history, and deciding on suggestions."""

import pytest
from django.urls import reverse

from kek.swot.models import SwotItem, SwotSuggestion

from .world import AHEAD, CODE, import_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_suggestion(concept, client, planner):
    import_table(AHEAD)
    client.force_login(planner)
    response = client.post(reverse("kek_swot_refresh"), {"gebiet": "14730"})
    assert response.status_code == 302
    return SwotSuggestion.objects.get(indicator__code=CODE, status="open")


def test_the_list_shows_open_and_decided_suggestions(client, open_suggestion):
    html = client.get(reverse("kek_swot_suggestions")).content.decode()
    assert "Offen (1)" in html and "Übernommen (2)" in html and "Abgelehnt (2)" in html
    from kek.swot.suggestions import describe

    assert describe(open_suggestion).title in html
    assert "Vorschläge aus den Daten neu berechnen" in html


def test_rejecting_needs_a_reason(client, open_suggestion):
    url = reverse("kek_swot_reject", args=[open_suggestion.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'name="reason"' in form.content.decode()
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Bitte geben Sie den Grund der Ablehnung an." in response.content.decode()
    open_suggestion.refresh_from_db()
    assert open_suggestion.status == "open"
    assert client.post(url, {"reason": "Zu wenige Fälle"}).status_code == 302
    open_suggestion.refresh_from_db()
    assert (open_suggestion.status, open_suggestion.reason) == ("rejected", "Zu wenige Fälle")
    assert client.post(url, {"reason": "nochmal"}).status_code == 404


def test_accepting_opens_the_new_item_for_editing(client, open_suggestion, planner, concept):
    from kek.goals.versions import new_version

    draft = new_version(concept)
    response = client.post(reverse("kek_swot_accept", args=[open_suggestion.pk]))
    item = SwotItem.objects.get(suggestions=open_suggestion)
    assert item.concept == draft
    assert response["Location"] == reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Änderungsverlauf" in html and "Belege" in html
    # The history panel names who accepted (the factory sets no full name, so the username).
    assert "<td>planerin</td>" in html
    assert "Noch keine Änderungen aufgezeichnet." not in html


def test_an_edit_is_recorded_in_the_history(client, concept, planner):
    from kek.goals.versions import new_version

    item = SwotItem.objects.filter(concept=new_version(concept)).first()  # a draft's (issue 11)
    client.force_login(planner)
    item.title = "Neu formuliert"
    item._history_user = planner
    item.save()
    html = client.get(reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk])).content
    assert "Neu formuliert" in html.decode()
    assert item.history.first().history_user == planner
    assert item.history.count() >= 2


def test_the_form_offers_only_goals_of_the_items_version(client, concept, planner):
    from kek.goals.models import StrategicGoal
    from kek.goals.versions import new_version

    from ..http import formset

    other = new_version(concept)
    concept = new_version(concept)  # the item's own draft: only drafts change (issue 11)
    item = SwotItem.objects.filter(concept=concept).first()
    client.force_login(planner)
    url = reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk])
    html = client.get(url).content.decode()
    assert 'type="checkbox" name="goals"' in html
    mine = StrategicGoal.objects.filter(concept=concept)
    assert mine.exists() and StrategicGoal.objects.filter(concept=other).exists()
    assert all(f'name="goals" value="{g.pk}"' in html for g in mine)
    assert not any(
        f'name="goals" value="{g.pk}"' in html for g in StrategicGoal.objects.filter(concept=other)
    )

    foreign = StrategicGoal.objects.filter(concept=other).first()
    data = {
        "concept": concept.pk, "kind": item.kind, "position": item.position,
        "title": "Mit fremdem Ziel", "explanation": "", "goals": [foreign.pk],
        **formset("indicator_evidence", []), **formset("document_evidence", []),
        **formset("expert_talks", []),
    }  # fmt: skip
    client.post(url, data)
    item.refresh_from_db()
    assert item.title != "Mit fremdem Ziel"
    assert "keine gültige Auswahl" in client.post(url, data).content.decode()
    data["goals"] = [mine.first().pk]
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.title == "Mit fremdem Ziel"
    assert list(item.goals.all()) == [mine.first()]
    # A new item does not know its version before it is saved: the check comes after.
    data |= {"title": "Neu mit fremdem Ziel", "goals": [foreign.pk]}
    response = client.post(reverse("wagtailsnippets_swot_swotitem:add"), data)
    assert "derselben Konzeptversion" in response.content.decode()
    assert not SwotItem.objects.filter(title="Neu mit fremdem Ziel").exists()
