"""Issue 11: accepting a SWOT suggestion. The item goes into the district's working draft (the
Fortschreibung), never into the public adopted version, and is not lost when the draft is
published; without a draft the page says so and offers to start one. Its title and text are
German sentences with the district's value and the comparison; an item of the same indicator
is named before a second one is made; several suggestions are decided at once."""

import html

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kek.goals.models import Concept
from kek.goals.versions import new_version
from kek.statistics.models import Indicator
from kek.swot import suggestions
from kek.swot.models import SwotItem, SwotSuggestion

from .world import AHEAD, CODE, import_table

pytestmark = pytest.mark.django_db


def suggestion(region, code: str, **fields) -> SwotSuggestion:
    values = {
        "kind": "weakness", "rule": "weakness-behind-land", "fingerprint": f"test-{code}",
        "numbers": {"period": "2024-12-31", "home_value": 97.7243, "land_value": 218.942},
        "explanation": "Schwäche (Vorschlag): Deutlich schlechter als das Land. Wert …",
    } | fields  # fmt: skip
    return SwotSuggestion.objects.create(
        region=region, indicator=Indicator.objects.get(code=code), **values
    )


def page(response) -> str:
    return html.unescape(response.content.decode())


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


def test_it_goes_into_the_working_draft_not_into_the_adopted_version(
    planner_client, concept, nordsachsen
):
    draft = new_version(concept)
    found = suggestion(nordsachsen, "ISV006")
    before = SwotItem.objects.filter(concept=concept).count()

    shown = page(planner_client.get(reverse("kek_swot_accept", args=[found.pk])))
    assert f"Version 2 (Entwurf) von „{draft.title}“" in shown

    response = planner_client.post(reverse("kek_swot_accept", args=[found.pk]))
    item = SwotItem.objects.get(suggestions=found)
    assert item.concept == draft
    assert SwotItem.objects.filter(concept=concept).count() == before
    assert any("in Version 2 (Entwurf)" in m for m in said(response))
    listing = page(planner_client.get(reverse("kek_swot_suggestions")))
    assert f"kommen in <strong>Version 2 (Entwurf) von „{draft.title}“</strong>" in listing


def test_without_a_draft_it_says_so_and_offers_to_start_one(planner_client, concept, nordsachsen):
    found = suggestion(nordsachsen, "ISV006")
    listing = page(planner_client.get(reverse("kek_swot_suggestions")))
    assert "Nordsachsen hat keine Version im Entwurf." in listing
    assert f'href="{reverse("kek_new_version", args=[concept.pk])}?next=' in listing
    assert reverse("kek_swot_accept", args=[found.pk]) not in listing

    response = planner_client.post(reverse("kek_swot_accept", args=[found.pk]))
    assert response.status_code == 302
    assert any("keine Version im Entwurf" in m for m in said(response))
    found.refresh_from_db()
    assert found.status == "open" and not SwotItem.objects.filter(suggestions=found).exists()


def test_a_suggestion_accepted_after_the_draft_was_made_is_not_lost(
    planner_client, client, concept, nordsachsen
):
    draft = new_version(concept)
    found = suggestion(nordsachsen, "ISV006")
    planner_client.post(reverse("kek_swot_accept", args=[found.pk]))
    item = SwotItem.objects.get(suggestions=found)
    assert item.concept == draft
    # The draft is published (its adoption); the item is in the public SWOT.
    Concept.objects.filter(pk=concept.pk).update(is_current=False, status="superseded")
    Concept.objects.filter(pk=draft.pk).update(is_current=True, status="adopted")
    client.logout()
    assert item.title in page(client.get("/swot/"))


def test_the_default_title_and_text_are_german_sentences_with_the_numbers(nordsachsen):
    found = suggestion(nordsachsen, "BEVDICHTE")
    described = suggestions.describe(found)
    assert described.title == (
        "Bevölkerungsdichte deutlich unter Sachsen: 97,7 Einwohner je km² (Sachsen 218,9)"
    )
    assert described.text.startswith(
        "Bevölkerungsdichte in Nordsachsen (31.12.2024): 97,7 Einwohner je km²; Sachsen 218,9. "
        "Nordsachsen −55,4 % unter Sachsen. "
    )
    assert "Schwäche: Deutlich schlechter als das Land" in described.text
    assert "Wert" not in described.text and "2024-12-31" not in described.text


def test_a_computed_suggestion_of_a_percentage_speaks_in_percentage_points(
    planner_client, concept, nordsachsen
):
    import_table(AHEAD)
    suggestions.refresh(nordsachsen)
    found = SwotSuggestion.objects.get(indicator__code=CODE, status="open")
    draft = new_version(concept)
    planner_client.post(reverse("kek_swot_accept", args=[found.pk]))
    item = SwotItem.objects.get(suggestions=found, concept=draft)
    name = Indicator.objects.get(code=CODE).name
    assert item.title == f"{name} deutlich über Sachsen: 60 Prozent (Sachsen 50)"
    assert "Sachsen 50; Deutschland 48." in item.explanation
    assert "+10,0 Prozentpunkte über Sachsen, +12,0 Prozentpunkte über Deutschland" in (
        item.explanation
    )


def test_an_item_of_the_same_indicator_is_named_before_a_second_is_made(
    planner_client, concept, nordsachsen
):
    draft = new_version(concept)
    existing = SwotItem.objects.filter(
        concept=draft, indicator_evidence__indicator__code="BEVDICHTE"
    ).first()
    found = suggestion(nordsachsen, "BEVDICHTE")
    url = reverse("kek_swot_accept", args=[found.pk])
    count = SwotItem.objects.filter(concept=draft).count()

    warned = page(planner_client.post(url))
    assert "gibt es in dieser Version schon" in warned
    assert reverse("wagtailsnippets_swot_swotitem:edit", args=[existing.pk]) in warned
    assert "Trotzdem übernehmen" in warned
    assert SwotItem.objects.filter(concept=draft).count() == count

    assert planner_client.post(url, {"confirm": "1"}).status_code == 302
    assert SwotItem.objects.filter(concept=draft).count() == count + 1


def test_several_suggestions_are_accepted_or_rejected_at_once(planner_client, concept, nordsachsen):
    draft = new_version(concept)
    new = suggestion(nordsachsen, "ISV006")
    twice = suggestion(nordsachsen, "BEVDICHTE")
    other = suggestion(nordsachsen, "FOR002-JE-VERFAHREN")
    bulk = reverse("kek_swot_bulk")

    response = planner_client.post(
        bulk, {"aktion": "accept", "gebiet": "14730", "vorschlag": [new.pk, twice.pk]}
    )
    assert said(response)[-1].startswith(
        "1 Vorschlag in Version 2 (Entwurf) übernommen. 1 Vorschlag offen gelassen, weil es zum "
        "selben Indikator schon einen Eintrag gibt (Bevölkerungsdichte)"
    )
    assert SwotItem.objects.get(suggestions=new).concept == draft
    assert SwotSuggestion.objects.get(pk=twice.pk).status == "open"

    refused = planner_client.post(
        bulk, {"aktion": "reject", "gebiet": "14730", "vorschlag": [twice.pk, other.pk]}
    )
    assert "Bitte geben Sie den Grund der Ablehnung an." in said(refused)
    assert SwotSuggestion.objects.filter(pk__in=[twice.pk, other.pk], status="open").count() == 2

    response = planner_client.post(
        bulk,
        {"aktion": "reject", "gebiet": "14730", "vorschlag": [twice.pk, other.pk],
         "reason": "Schon in der Analyse"},
    )  # fmt: skip
    assert "2 Vorschläge abgelehnt." in said(response)
    assert set(
        SwotSuggestion.objects.filter(pk__in=[twice.pk, other.pk]).values_list("reason", flat=True)
    ) == {"Schon in der Analyse"}


def test_the_list_offers_the_selection(planner_client, concept, nordsachsen):
    new_version(concept)
    found = suggestion(nordsachsen, "ISV006")
    listing = page(planner_client.get(reverse("kek_swot_suggestions")))
    assert f'name="vorschlag" value="{found.pk}"' in listing
    assert 'name="aktion" value="accept"' in listing and 'name="aktion" value="reject"' in listing
    assert suggestions.describe(found).title in listing
