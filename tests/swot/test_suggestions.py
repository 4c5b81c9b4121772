"""Suggestions from the data, stored with the planner's decisions (kek.swot.suggestions)."""

import pytest

from kek.statistics.models import Indicator
from kek.swot import suggestions
from kek.swot.models import IndicatorEvidence, SwotSuggestion

from .world import AHEAD, CODE, import_table


def mine(region):
    return SwotSuggestion.objects.filter(region=region, indicator__code=CODE)


@pytest.fixture
def ahead(nordsachsen):
    import_table(AHEAD)
    return nordsachsen


def test_it_suggests_a_strength_stating_its_numbers(ahead):
    suggestions.refresh(ahead)
    found = mine(ahead).get()
    assert (found.kind, found.rule, found.status) == ("strength", "strength-clearly-better", "open")
    assert found.numbers["home_value"] == 60
    assert found.numbers["land_value"] == 50
    assert found.numbers["gap_land"] == pytest.approx(0.2)
    assert "+20,0 %" in found.explanation


def test_same_data_gives_the_same_suggestions(ahead):
    first = suggestions.compute(ahead)
    assert suggestions.compute(ahead) == first
    suggestions.refresh(ahead)
    again = suggestions.refresh(ahead)
    assert again.added == 0
    assert (
        again.kept
        == mine(ahead).count()
        + SwotSuggestion.objects.filter(region=ahead, status="open")
        .exclude(indicator__code=CODE)
        .count()
    )


def test_a_rejected_suggestion_stays_rejected_after_reimport(ahead):
    suggestions.refresh(ahead)
    suggestions.reject(mine(ahead).get(), "Sondereffekt der Prüfstatistik")
    import_table(AHEAD)  # the same file again
    suggestions.refresh(ahead)
    found = mine(ahead).get()
    assert (found.status, found.reason) == ("rejected", "Sondereffekt der Prüfstatistik")


def test_new_data_offers_a_candidate_again_and_drops_stale_open_ones(ahead):
    suggestions.refresh(ahead)
    suggestions.reject(mine(ahead).get(), "nicht belastbar")
    import_table({"2023": {"14730": "62", "14": "50", "DG": "48"}})
    done = suggestions.refresh(ahead)
    assert done.added >= 1
    assert sorted(mine(ahead).values_list("status", flat=True)) == ["open", "rejected"]
    import_table({"2023": {"14730": "64", "14": "50", "DG": "48"}})
    done = suggestions.refresh(ahead)
    assert done.removed >= 1
    assert sorted(mine(ahead).values_list("status", flat=True)) == ["open", "rejected"]
    assert mine(ahead).get(status="open").numbers["home_value"] == 64


def test_nothing_is_suggested_without_a_direction_or_for_counts(ahead):
    Indicator.objects.filter(code=CODE).update(direction=0)
    suggestions.refresh(ahead)
    assert not mine(ahead).exists()
    Indicator.objects.filter(code=CODE).update(direction=1, additive=True)
    suggestions.refresh(ahead)
    assert not mine(ahead).exists()


def test_lower_is_better_turns_the_lead_into_a_weakness(nordsachsen):
    import_table(AHEAD, direction=-1)
    suggestions.refresh(nordsachsen)
    assert mine(nordsachsen).get().kind == "weakness"


def test_accepting_makes_an_item_with_the_indicator_as_evidence(ahead, concept, planner):
    suggestions.refresh(ahead)
    suggestion = mine(ahead).get()
    item = suggestions.accept(suggestion, concept, planner)
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.item, suggestion.decided_by) == (
        "accepted",
        item,
        planner,
    )
    assert (item.concept, item.kind) == (concept, "strength")
    evidence = IndicatorEvidence.objects.get(item=item)
    assert (evidence.indicator.code, evidence.period) == (CODE, "2023")
    assert item.history.first().history_user == planner
    suggestions.refresh(ahead)
    assert mine(ahead).get().status == "accepted"
