"""The `kek` commands for the goal system, through call_command and the real console script."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.goals.models import Concept, StrategicGoal
from tests.test_database import copy_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_export_then_import_into_another_district(nordsachsen, kek, tmp_path, capsys):
    path = tmp_path / "ns.xlsx"
    kek("export-concept", "--district", "14730", str(path))
    kek("import-concept", "--district", "14729", "--allow-other-district", str(path))
    assert "Leipzig: Versionen 1: 37 angelegt" in capsys.readouterr().out
    assert Concept.objects.get(region__ags="14729").title == "KEK Nordsachsen 2030"


def test_a_bad_file_is_rejected_with_its_location_and_changes_nothing(nordsachsen, kek, tmp_path):
    path = tmp_path / "kaputt.yaml"
    kek("export-concept", "--district", "14730", str(path))
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Bestehende Unternehmen", "title: Neu Bestehende Unternehmen")
    path.write_text(text.replace("  - 9\n", "  - 99\n", 1), encoding="utf-8")
    before = StrategicGoal.objects.filter(title__startswith="Neu").count()
    with pytest.raises(CommandError, match=r"kaputt\.yaml, Zeile \d+, Feld sdgs"):
        kek("import-concept", "--district", "14730", str(path))
    assert StrategicGoal.objects.filter(title__startswith="Neu").count() == before == 0


def test_it_refuses_an_unknown_district(nordsachsen, kek, tmp_path):
    with pytest.raises(CommandError, match="Schlüssel 99999"):
        kek("export-concept", "--district", "99999", str(tmp_path / "x.yaml"))


def run_cli(*args: str, database: str) -> subprocess.CompletedProcess:
    kek = Path(sys.executable).parent / "kek"
    return subprocess.run(
        [str(kek), *args], cwd=ROOT, env={**os.environ, "DATABASE_URL": database},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_console_script_works_end_to_end_and_fails_cleanly(migrated_database, tmp_path):
    """On a database of its own, migrated for real (a copy of the suite's migrated one)."""
    database = copy_of(migrated_database, "cli")
    assert run_cli("load-defaults", database=database).returncode == 0
    listing = run_cli("--help", database=database)
    assert "import-concept" in listing.stdout and "load-defaults" in listing.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: kek-concept/1\nversions: []\n", encoding="utf-8")
    result = run_cli("import-concept", "--district", "14730", str(bad), database=database)
    assert result.returncode != 0
    assert "bad.yaml, Zeile 2, Feld versions" in result.stderr
    assert "Traceback" not in result.stderr
    unknown = run_cli("frobnicate", database=database)
    assert unknown.returncode == 2 and "Unbekannter Befehl" in unknown.stderr


TRICKY_TITLES = ["=1+1", "-", "@SUM(A1)", "'=x", "+49 341", "-5", "''doppelt"]


def test_xlsx_export_defuses_formulas_and_import_restores_them(nordsachsen, kek, tmp_path):
    """Issue 16: a title starting with = was written as a live formula, and re-importing that
    export failed. Every text cell is a string now and the round trip is lossless."""
    from openpyxl import load_workbook

    from kek.goals.models import FieldOfAction, SubGoal

    concept = Concept.objects.get(region__ags="14730")
    concept.title = '=HYPERLINK("http://example.org")'
    concept.save()
    objects = [
        *FieldOfAction.objects.filter(concept=concept).order_by("pk")[:2],
        *StrategicGoal.objects.filter(concept=concept).order_by("pk")[:2],
        *SubGoal.objects.filter(concept=concept).order_by("pk")[:3],
    ]
    for obj, title in zip(objects, TRICKY_TITLES, strict=True):
        obj.title = title
        obj.description = "-" + title
        obj.save()
    before, after = tmp_path / "before.yaml", tmp_path / "after.yaml"
    kek("export-concept", "--district", "14730", str(before))
    path = tmp_path / "ns.xlsx"
    kek("export-concept", "--district", "14730", str(path))

    book = load_workbook(path)
    titles = {cell.value: cell for cell in book["goals"]["E"][1:]}
    for title in TRICKY_TITLES:
        cell = titles["'" + title if title[0] in "=+-@'" else title]
        assert cell.data_type == "s"
    assert book["versions"]["B"][1].value == '\'=HYPERLINK("http://example.org")'
    assert all(cell.data_type != "f" for sheet in book for row in sheet for cell in row)

    kek("import-concept", "--district", "14730", str(path))
    kek("export-concept", "--district", "14730", str(after))
    assert after.read_text(encoding="utf-8") == before.read_text(encoding="utf-8")
    for obj, title in zip(objects, TRICKY_TITLES, strict=True):
        obj.refresh_from_db()
        assert (obj.title, obj.description) == (title, "-" + title)


# Issue 16: a file of another district, and user errors, are refused before any write.


def goal_counts() -> tuple[int, ...]:
    from kek.goals.models import FieldOfAction, SubGoal

    return tuple(m.objects.count() for m in (Concept, FieldOfAction, StrategicGoal, SubGoal))


def exported(kek, tmp_path: Path, name: str = "ns.yaml") -> Path:
    path = tmp_path / name
    kek("export-concept", "--district", "14730", str(path))
    return path


def test_a_file_of_another_district_is_refused_without_allow_other_district(
    nordsachsen, kek, tmp_path
):
    path = exported(kek, tmp_path)
    text = path.read_text(encoding="utf-8")
    text = text.replace('ags: "14730"', 'ags: "14729"').replace("ags: '14730'", "ags: '14729'")
    assert "14729" in text
    path.write_text(text.replace("title: KEK Nordsachsen 2030", "title: Fremder Titel"), "utf-8")
    before = goal_counts()
    with pytest.raises(
        CommandError,
        match=r"ns\.yaml, Feld district: die Datei gehört zum Landkreis 14729, nicht zu 14730 "
        r"\(Nordsachsen\); als Kopie nur mit --allow-other-district\.",
    ):
        kek("import-concept", "--district", "14730", str(path))
    assert Concept.objects.get(region=nordsachsen, version=1).title == "KEK Nordsachsen 2030"
    assert goal_counts() == before


def test_round_trip_into_leipzig_as_a_copy_keeps_the_goal_system(nordsachsen, kek, tmp_path):
    source = exported(kek, tmp_path)
    kek("import-concept", "--district", "14713", "--allow-other-district", str(source))
    copy = tmp_path / "leipzig.yaml"
    kek("export-concept", "--district", "14713", str(copy))
    ours, theirs = (p.read_text(encoding="utf-8").split("versions:", 1) for p in (source, copy))
    assert ours[1] == theirs[1]
    assert "Leipzig" in theirs[0] and "14713" in theirs[0]


LONG = "x" * 1_000_000
USER_ERRORS = [
    # (change of the exported YAML, expected message after "ns.yaml, ")
    (
        ("adopted_on: 2021-03-24", "adopted_on: 2021-02-30"),
        r"Zeile 13, Feld adopted_on: „2021-02-30“ ist kein Datum \(JJJJ-MM-TT\)\.",
    ),
    (
        ("title: KEK Nordsachsen 2030", f"title: {LONG}"),
        r"Zeile 9, Feld title: höchstens 200 Zeichen \(hier 1000000\)\.",
    ),
    (
        ("title: Bestehende Unternehmen", f"title: {LONG}"),
        r"Zeile \d+, Feld title: höchstens 300 Zeichen \(hier 10000\d\d\)\.",
    ),
    (
        ("  horizon_year: 2030\n", "  horizon_year: 2030\n  horizon_year: 2035\n"),
        r"Zeile 11, Feld horizon_year: dieses Feld steht hier doppelt \(zuerst in Zeile 10\)\.",
    ),
    (("  horizon_year: 2030\n", "  horizon_year: " + "[" * 20_000 + "\n"), r"Zeile 10: zu tief"),
    (
        ("  horizon_year: 2030\n", "  horizon_year: 2030\n  horizont: 2035\n"),
        r"Zeile 11, Feld horizont: unbekanntes Feld",
    ),
    (
        ("  horizon_year: 2030\n", "  horizon_year: [2030]\n"),
        r"Zeile 10, Feld horizon_year: erwartet wird eine ganze Zahl von 2000 bis 2100\.",
    ),
]


@pytest.mark.parametrize(("change", "message"), USER_ERRORS)
def test_user_errors_are_named_and_nothing_is_written(nordsachsen, kek, tmp_path, change, message):
    """Issue 16: impossible dates, 20,000 nested [ gave a traceback; duplicate keys, unknown
    fields and a 1,000,000-character title passed."""
    path = exported(kek, tmp_path)
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    before = goal_counts()
    with pytest.raises(CommandError, match=r"^ns\.yaml, " + message):
        kek("import-concept", "--district", "14730", str(path))
    assert goal_counts() == before
    assert Concept.objects.get(region=nordsachsen, version=1).title == "KEK Nordsachsen 2030"
