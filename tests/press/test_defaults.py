"""The default press series of Nordsachsen (data/nordsachsen/press.yaml) and its loader: the
three known parts, nothing invented, loading again changes nothing, a bad file is refused with
file, line and field and changes nothing."""

from datetime import date
from pathlib import Path

import pytest

from kek.core.defaults import load_defaults
from kek.core.fileio import load_yaml
from kek.press.defaults import DefaultsError, load, load_file
from kek.press.models import PressArticle, PressSeries

pytestmark = pytest.mark.django_db


def test_the_three_known_parts_are_loaded(nordsachsen):
    series = PressSeries.objects.get(region=nordsachsen)
    assert (series.title, series.period) == ("KEK-Presseserie", "September–Oktober 2020")
    assert series.description == (
        "Im September und Oktober 2020 erschien wöchentlich eine Presseserie in der Torgauer "
        "Zeitung, der LVZ und der Oschatzer Allgemeinen."
    )
    rows = list(
        PressArticle.objects.filter(series=series)
        .order_by("part")
        .values_list("part", "title", "medium", "first_date", "last_date", "period")
    )
    assert rows == [
        (1, "Dem Landkreis geht es gut, wenn es der Wirtschaft gut geht", "Torgauer Zeitung",
         date(2020, 9, 12), date(2020, 9, 13), ""),
        (2, "Was macht das ‚Leben auf dem Land‘ attraktiv und erstrebenswert?",
         "Torgauer Zeitung", date(2020, 9, 19), date(2020, 9, 20), ""),
        (3, "Geht es der Wirtschaft gut, geht es auch dem Landkreis gut",
         "LVZ Delitzsch-Eilenburg", None, None, "September/Oktober 2020"),
    ]  # fmt: skip
    assert PressArticle.objects.filter(region=nordsachsen).count() == 3
    for article in PressArticle.objects.all():  # facts only: no text, link or author we lack
        assert (article.teaser, article.url, article.author, article.document) == ("", "", "", None)
        assert not article.is_example
        assert article.history.count() == 1
    assert PressArticle.objects.get(part=3).published == "September/Oktober 2020"


def test_loading_again_changes_nothing(nordsachsen):
    before = list(PressArticle.objects.values()), list(PressSeries.objects.values())
    assert "Presseserie: schon vorhanden, unverändert." in load_defaults().summaries
    assert (list(PressArticle.objects.values()), list(PressSeries.objects.values())) == before


def test_a_district_without_press_file_gets_none(nordsachsen, tmp_path: Path):
    assert load(nordsachsen, tmp_path, {}) == "Presseserie: keine Vorgaben."


def test_the_file_loads_into_an_empty_district_with_its_field_links(concept, folder):
    PressArticle.objects.all().delete()
    PressSeries.objects.all().delete()
    path = folder / "press.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("        medium: LVZ", '        fields: ["1"]\n        medium: LVZ')
    )
    summary = load(concept.region, folder, {"press": "press.yaml"})
    assert summary == "Presseserie: 1 Serie(n) mit zusammen 3 Artikeln angelegt."
    third = PressArticle.objects.get(part=3)
    assert [f.number for f in third.fields_of_action.all()] == ["1"]
    assert third.history.first().fields_of_action.count() == 1


ARTICLE = (
    "series:\n  - title: Serie\n    articles:\n      - title: Artikel\n        medium: Blatt\n"
)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("        date: 2020-09-31\n", "press.yaml, Zeile 6, Feld date: „2020-09-31“ ist kein"),
        ("        date: 12.09.2020\n", "press.yaml, Zeile 6, Feld date: „12.09.2020“ ist kein"),
        ("", "press.yaml, Zeile 4, Feld period: Ohne Datum bitte den bekannten Zeitraum"),
        ("        date: 2020-09-13\n        until: 2020-09-12\n",
         "press.yaml, Zeile 7, Feld until: Der letzte Tag liegt vor dem ersten."),
        ("        period: 2020\n        until: 2020-09-12\n",
         "press.yaml, Zeile 7, Feld until: Ein letzter Tag braucht einen ersten Tag"),
        ("        period: 2020\n        part: eins\n", "press.yaml, Zeile 7, Feld part: "),
        ("        period: 2020\n        url: javascript:alert(1)\n",
         "press.yaml, Zeile 7, Feld url: "),
        ("        period: 2020\n        farbe: rot\n",
         "press.yaml, Zeile 7, Feld farbe: unbekanntes Feld; erlaubt sind author"),
        ("        period: 2020\n        fields: [\"9\"]\n",
         "press.yaml, Zeile 7, Feld fields: Ein Handlungsfeld 9 gibt es"),
        ("        period: 2020\n        example: vielleicht\n",
         "press.yaml, Zeile 7, Feld example: Erwartet wird true oder false."),
        ("        period: 2020\n        author: " + "x" * 201 + "\n",
         "press.yaml, Zeile 7, Feld author: .*200"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_refused_with_file_line_field_and_changes_nothing(
    concept, tmp_path, extra, message
):
    PressArticle.objects.all().delete()
    PressSeries.objects.all().delete()
    path = tmp_path / "press.yaml"
    path.write_text(ARTICLE + extra, encoding="utf-8")
    data = load_yaml(path, DefaultsError)
    with pytest.raises(DefaultsError, match=message):
        load_file(concept.region, data, "press.yaml")
    assert not PressArticle.objects.exists() and not PressSeries.objects.exists()


def test_an_unknown_top_level_entry_is_refused(concept):
    PressArticle.objects.all().delete()
    PressSeries.objects.all().delete()
    with pytest.raises(DefaultsError, match="press.yaml.*Feld serien: unbekanntes Feld"):
        load_file(concept.region, {"serien": []}, "press.yaml")
