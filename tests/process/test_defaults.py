"""The default process timeline of Nordsachsen (data/nordsachsen/process.yaml) and its loader."""

import datetime as dt

import pytest

from kek.core.defaults import load_defaults, read_spec
from kek.core.fileio import FileError
from kek.goals.models import Concept
from kek.process.defaults import DefaultsError, load
from kek.process.models import Phase, TimelineEntry, TimelineLink

pytestmark = pytest.mark.django_db


def rows() -> list[tuple]:
    return list(
        TimelineEntry.objects.order_by("phase__position", "sort_order").values_list(
            "phase__title", "title", "date_from", "from_precision", "date_until",
            "until_precision", "ongoing", "state", "concept__version",
        )
    )  # fmt: skip


def test_the_real_process_is_loaded_as_the_file_says(nordsachsen):
    D = dt.date
    loaded = rows()
    assert [r[1] for r in loaded] == [
        "Demografiestudie des Leibniz-Instituts für Länderkunde",
        "Beginn der Arbeit am Kreisentwicklungskonzept",
        "Fachgespräche",
        "Arbeitsgruppe „Wirtschaft & Innovation“",
        "Arbeitsgruppe „Bildung & Qualifikation“",
        "Arbeitsgruppe „Lebenswerter Landkreis“",
        "Workshop „Infrastruktur & Mobilität“",
        "Workshop „Flächen – Natur – Umwelt“",
        "Workshop „Tourismus“",
        "Steuerungsgruppe legt die vier Handlungsfelder fest",
        "Konzeptentwurf intern geschärft",
        "Gespräche mit den Bürgermeistern",
        "Presseserie zum KEK",
        "Regionales Diskussionsforum in Eilenburg",
        "Regionales Diskussionsforum in Collm",
        "Regionales Diskussionsforum in Torgau",
        "Endbericht fertiggestellt",
        "Beschluss des Kreistages",
        "Projektkatalog dem Kreistag vorgelegt",
    ]
    by_title = {r[1]: r for r in loaded}
    assert by_title["Demografiestudie des Leibniz-Instituts für Länderkunde"][2:4] == (
        D(2017, 1, 1), "year")  # fmt: skip
    assert by_title["Beginn der Arbeit am Kreisentwicklungskonzept"][2:4] == (D(2018, 1, 1), "late")
    assert by_title["Fachgespräche"][2:7] == (D(2019, 2, 1), "month", None, "day", True)
    assert by_title["Steuerungsgruppe legt die vier Handlungsfelder fest"][2] is None
    assert by_title["Konzeptentwurf intern geschärft"][2:6] == (None, "day", D(2020, 1, 1), "early")
    assert by_title["Presseserie zum KEK"][2:6] == (D(2020, 9, 1), "month", D(2020, 10, 1), "month")
    forums = [r for r in loaded if r[1].startswith("Regionales Diskussionsforum")]
    assert [(r[2], r[7]) for r in forums] == [
        (D(2020, 11, 2), "cancelled"), (D(2020, 11, 7), "cancelled"), (D(2020, 11, 10), "cancelled")
    ]  # fmt: skip
    assert all(r[7] == "done" for r in loaded if r not in forums)
    assert [r[1] for r in loaded if r[8] is not None] == ["Beschluss des Kreistages"]
    assert by_title["Beschluss des Kreistages"][8] == 1
    assert TimelineEntry.objects.get(title="Beschluss des Kreistages").concept == (
        Concept.objects.get(region=nordsachsen, version=1)
    )
    reason = TimelineEntry.objects.get(title="Regionales Diskussionsforum in Collm").reason
    assert reason.startswith("Wegen der Pandemie abgesagt. Die Angemeldeten erhielten")


def test_loading_again_changes_nothing(nordsachsen):
    before = (rows(), Phase.objects.count(), TimelineLink.objects.count())
    assert "Projektverlauf: schon vorhanden, unverändert." in load_defaults().summaries
    assert (rows(), Phase.objects.count(), TimelineLink.objects.count()) == before


def test_a_fresh_district_gets_the_timeline_with_the_summary(nordsachsen, folder):
    Phase.objects.all().delete()
    summary = load(nordsachsen, folder, read_spec(folder))
    assert summary == "Projektverlauf: 5 Phasen mit 19 Meilensteinen angelegt."
    assert TimelineEntry.objects.count() == 19


def test_without_a_version_1_the_adoption_links_none(nordsachsen, folder):
    Phase.objects.all().delete()
    spec = read_spec(folder)
    (folder / "process.yaml").write_text(
        (folder / "process.yaml").read_text(encoding="utf-8").replace("version: 1", "version: 7"),
        encoding="utf-8",
    )
    load(nordsachsen, folder, spec)
    assert TimelineEntry.objects.get(title="Beschluss des Kreistages").concept is None


TORGAU = "        reason: *forums\n        text: Geplant im Haus der Presse"
BAD = [
    ("        date: 2019-06-05\n", "        date: 2019-13\n", "date", "„2019-13“ ist kein Datum"),
    ("        date: 2019-06-05\n", "        date: im Juni\n", "date", "„im Juni“ ist kein Datum"),
    ("        state: abgesagt\n", "        state: ausgefallen\n", "state", "kein Stand"),
    ("        ongoing: true\n", "        ongoing: true\n        farbe: rot\n", "farbe",
     "unbekanntes Feld"),
    ("        until: 2020-10\n", "        until: 2020-08\n", "until", "Das Ende liegt vor"),
    (TORGAU, TORGAU.replace("*forums", "''"), "reason", "warum der Meilenstein abgesagt ist"),
    ("      - title: Fachgespräche\n", "      - title: ''\n", "title", "Die Angabe fehlt"),
    ("        meetings: [2019-06-05]\n", "        meetings: [2019-06-04]\n", "meetings",
     "Am 2019-06-04 hat der Landkreis keine Sitzung"),
    ("        meetings: [2019-06-05]\n", "        meetings: [2019-06]\n", "meetings",
     "Am 2019-06 hat der Landkreis keine Sitzung"),
    ("        events: [2020-11-07]\n", "        events: [2020-11-08]\n", "events",
     "Am 2020-11-08 hat der Landkreis keine Veranstaltung"),
    ("        press: [1, 2, 3]\n", "        press: [1, 2, 4]\n", "press",
     "Keinen Presseartikel Teil 4 gefunden"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "field", "problem"), BAD)
def test_a_bad_entry_is_refused_with_file_line_and_field_and_nothing_is_written(
    nordsachsen, folder, old, new, field, problem
):
    Phase.objects.all().delete()
    path = folder / "process.yaml"
    content = path.read_text(encoding="utf-8")
    assert old in content
    damaged = content.replace(old, new, 1)
    path.write_text(damaged, encoding="utf-8")
    offset = next(
        n for n, text in enumerate(new.splitlines()) if text.strip(" -").startswith(f"{field}:")
    )
    line = damaged[: damaged.index(new)].count("\n") + 1 + offset
    with pytest.raises(FileError) as raised:
        load_defaults(folder)
    error = raised.value
    assert isinstance(error, DefaultsError)
    assert (error.file, error.field) == ("process.yaml", field)
    assert error.where == f"Zeile {line}", str(error)
    assert problem in str(error)
    assert str(error).startswith(f"process.yaml, Zeile {line}, Feld {field}: ")
    assert not Phase.objects.exists() and not TimelineEntry.objects.exists()


def test_a_district_without_a_timeline_file_gets_none(nordsachsen, tmp_path):
    assert load(nordsachsen, tmp_path, {}) == "Projektverlauf: keine Vorgaben."
