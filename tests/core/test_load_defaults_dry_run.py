"""Issue 16: `kek load-defaults --dry-run` shows what loading would add and writes nothing."""

import pytest

from ..rows import row_counts

pytestmark = pytest.mark.django_db


def test_on_an_empty_district_it_counts_what_loading_would_add(kek, capsys, without_defaults):
    before = row_counts()

    kek("load-defaults", "--dry-run")

    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Probelauf, nichts wurde gespeichert:"
    assert "Konzept für Nordsachsen: importiert." in out
    added = next(line for line in out if line.startswith("Würde anlegen: "))
    assert "4 Handlungsfelder" in added and "12 Strategische Ziele" in added
    assert "15 Projekte" in added
    assert row_counts() == before


def test_on_loaded_defaults_nothing_would_change(nordsachsen, kek, capsys):
    before = row_counts()

    kek("load-defaults", "--dry-run")

    out = capsys.readouterr().out.splitlines()
    assert "Konzept für Nordsachsen: schon vorhanden, unverändert." in out
    assert out[-1] == "Keine Zeile ändert sich."
    assert row_counts() == before
