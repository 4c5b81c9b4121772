"""The default SWOT content of Nordsachsen (data/nordsachsen/swot.yaml) and its loader."""

from pathlib import Path

import pytest
import yaml

from kek.core.defaults import DEFAULT_DIR, load_defaults
from kek.statistics.models import Observation
from kek.swot.defaults import DefaultsError, load_file
from kek.swot.models import IndicatorEvidence, SwotItem, SwotSuggestion
from kek.swot.suggestions import describe

pytestmark = pytest.mark.django_db

SPEC = yaml.safe_load((DEFAULT_DIR / "swot.yaml").read_text(encoding="utf-8"))


def test_items_and_decisions_are_loaded_as_the_file_says(concept):
    items = SwotItem.objects.filter(concept=concept)
    decisions = SPEC["suggestions"]
    accepted = [d for d in decisions if d["decision"] == "accept"]
    assert items.count() == len(SPEC["items"]) + len(accepted)
    assert set(items.values_list("kind", flat=True)) == {
        "strength",
        "weakness",
        "opportunity",
        "threat",
    }
    assert all(items.values_list("is_example", flat=True))
    stored = SwotSuggestion.objects.filter(region=concept.region)
    assert 0 < len(accepted) < len(decisions)  # both kinds of decision are checked below
    for decision in decisions:
        found = stored.get(indicator__code=decision["indicator"], rule=decision["rule"])
        assert found.status == {"accept": "accepted", "reject": "rejected"}[decision["decision"]]
        if found.status == "accepted":
            assert found.item.title == decision["title"]
            assert describe(found).text in found.item.explanation
        else:
            assert found.reason == decision["reason"].strip()
    assert not stored.filter(status="open").exists()


def test_every_figure_rests_on_shipped_data(concept):
    evidence = IndicatorEvidence.objects.filter(item__concept=concept).select_related("indicator")
    assert evidence.exists()
    for ev in evidence:
        rows = Observation.objects.filter(
            indicator=ev.indicator, region=concept.region, disaggregation=ev.disaggregation
        )
        assert rows.exists(), ev.indicator.code
        assert rows.first().batch.file_name.endswith(".ffcsv.csv")


def test_loading_again_changes_nothing(concept):
    before = (SwotItem.objects.count(), SwotSuggestion.objects.count())
    assert "SWOT-Analyse: schon vorhanden, unverändert." in load_defaults().summaries
    assert (SwotItem.objects.count(), SwotSuggestion.objects.count()) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"items": [{"kind": "chance", "title": "x"}]}, "swot.yaml, Eintrag 1: „chance“ ist keine"),
        ({"items": [{"kind": "strength"}]}, "swot.yaml, Eintrag 1: Die Angabe „title“ fehlt."),
        ({"items": [{"kind": "strength", "title": "x", "topic": "mond"}]}, "Themenfeld „mond“"),
        (
            {"items": [{"kind": "strength", "title": "x", "goals": ["9.9"]}]},
            "Ziel 9.9 gibt es nicht",
        ),
        (
            {"items": [{"kind": "strength", "title": "x", "farbe": "rot"}]},
            "Unbekannte Angabe „farbe“",
        ),
        (
            {"items": [{"kind": "strength", "title": "x", "indicators": [{"indicator": "NIX"}]}]},
            "Indikator „NIX“ gibt es nicht",
        ),
        (
            {
                "items": [
                    {
                        "kind": "strength",
                        "title": "x",
                        "indicators": [{"indicator": "BEVSTD", "region": "99"}],
                    }
                ]
            },
            "Ein Gebiet mit dem Schlüssel 99 gibt es nicht",
        ),  # fmt: skip
        (
            {"suggestions": [{"indicator": "AEW009-BIO-ANTEIL", "rule": "r", "decision": "x"}]},
            None,  # no matching open suggestion: skipped, reported in the summary
        ),
    ],
)
def test_a_bad_file_is_refused_with_file_and_entry_and_changes_nothing(concept, data, message):
    SwotItem.objects.filter(concept=concept).delete()
    SwotSuggestion.objects.all().delete()
    if message is None:
        summary = load_file(concept.region, concept, data, "swot.yaml")
        assert "1 Entscheidung(en) ohne passenden Vorschlag" in summary
        return
    with pytest.raises(DefaultsError, match=message):
        load_file(concept.region, concept, data, "swot.yaml")
    assert not SwotItem.objects.exists()
    assert not SwotSuggestion.objects.exists()


def test_a_district_without_swot_file_gets_none(concept, tmp_path: Path):
    from kek.swot.defaults import load

    assert load(concept.region, tmp_path, {}) == "SWOT-Analyse: keine Vorgaben."
