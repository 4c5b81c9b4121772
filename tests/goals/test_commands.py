"""The `kek` commands for the goal system, through call_command and the real console script."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.goals.models import Concept, StrategicGoal

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def test_export_then_import_into_another_district(nordsachsen, kek, tmp_path, capsys):
    path = tmp_path / "ns.xlsx"
    kek("export-concept", "--district", "14730", str(path))
    kek("import-concept", "--district", "14729", str(path))
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


def run_cli(*args: str, database: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    kek = Path(sys.executable).parent / "kek"
    return subprocess.run(
        [str(kek), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_console_script_works_end_to_end_and_fails_cleanly(tmp_path):
    """Runs on its own SQLite file, whatever database the suite uses."""
    database = tmp_path / "cli.sqlite3"
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
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
