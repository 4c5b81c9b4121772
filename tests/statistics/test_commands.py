"""`kek import-stats` and `kek export-observations` through call_command."""

import csv

import pytest
from django.core.management import CommandError

from kek.statistics.models import ImportBatch, Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_prints_counts_per_file_and_unchanged_on_reimport(
    regions, planner, kek, fixture_file, capsys
):
    population = fixture_file("12411-01-01-4.ffcsv.csv")
    waste = fixture_file("86121-Z-01.ffcsv.csv")
    kek("import-stats", str(population), str(waste), "--user", "planerin")
    out = capsys.readouterr().out.splitlines()
    batches = {b.file_name: b for b in ImportBatch.objects.all()}
    assert len(out) == 2
    first = batches[population.name]
    assert out[0].startswith(
        f"{population.name}: Tabelle 12411-01-01-4: importiert – {first.rows_added} neu"
    )
    assert "0 geändert, 0 unverändert" in out[0]
    assert f"{first.rows_skipped} Werte übersprungen" in out[0]
    assert out[1].startswith(f"{waste.name}: Tabelle 86121-Z-01: ")
    assert first.user == planner
    kek("import-stats", str(population))
    again = capsys.readouterr().out
    assert again.startswith(f"{population.name}: Tabelle 12411-01-01-4: unverändert – 0 neu")
    assert f"{first.rows_added} unverändert" in again


def test_import_without_permission_is_refused(regions, participant, kek, fixture_file):
    with pytest.raises(CommandError, match="keine Berechtigung"):
        kek("import-stats", str(fixture_file("12411-01-01-4.ffcsv.csv")), "--user", "buerger")
    assert not Observation.objects.exists()


def test_bad_file_among_several_imports_nothing(regions, kek, fixture_file, tmp_path):
    bad = tmp_path / "12411-kaputt.csv"
    text = fixture_file("12411-01-01-4.ffcsv.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    lines[3] = lines[3].replace(";Anzahl;", ";Anzahl;;", 1)
    bad.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        kek("import-stats", str(fixture_file("52411-02-01-4.ffcsv.csv")), str(bad))
    assert str(error.value).startswith("12411-kaputt.csv, Zeile 4")
    assert "Keine der Dateien wurde importiert" in str(error.value)
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


def test_missing_file_is_a_clear_error(regions, kek, tmp_path):
    with pytest.raises(CommandError, match="fehlt.csv: Die Datei kann nicht gelesen werden"):
        kek("import-stats", str(tmp_path / "fehlt.csv"))


def test_export_writes_exactly_the_region_values(regions, kek, fixture_file, tmp_path, capsys):
    kek("import-stats", str(fixture_file("12411-01-01-4.ffcsv.csv")))
    kek("import-stats", str(fixture_file("52411-02-01-4.ffcsv.csv")))
    target = tmp_path / "nordsachsen.csv"
    kek("export-observations", "--region", "14730", str(target))
    header = target.read_text(encoding="utf-8").splitlines()[0]
    assert (
        header == "region_key,region_name,table,indicator,disaggregation,period,value,unit,symbol"
    )
    rows = read_csv(target)
    assert len(rows) == Observation.objects.filter(region__ags="14730").count()
    assert {row["region_key"] for row in rows} == {"14730"}
    total = next(r for r in rows if r["indicator"] == "BEVSTD" and r["disaggregation"] == "")
    assert total == {
        "region_key": "14730",
        "region_name": "Nordsachsen",
        "table": "12411-01-01-4",
        "indicator": "BEVSTD",
        "disaggregation": "",
        "period": "2024-12-31",
        "value": "199422",
        "unit": "Personen",
        "symbol": "",
    }
    share = next(r for r in rows if r["indicator"] == "BEVSTD-W-ANTEIL")
    stored = Observation.objects.get(indicator__code="BEVSTD-W-ANTEIL", region__ags="14730")
    assert float(share["value"]) == stored.value
    assert f"Nordsachsen: {len(rows)} Werte" in capsys.readouterr().out


def test_export_of_one_table_and_symbols(regions, kek, fixture_file, tmp_path):
    kek("import-stats", str(fixture_file("12411-01-01-4.ffcsv.csv")))
    kek("import-stats", str(fixture_file("52411-02-01-4.ffcsv.csv")))
    target = tmp_path / "insolvenzen.csv"
    kek("export-observations", "--region", "09561", "--table", "52411-02-01-4", str(target))
    rows = read_csv(target)
    assert {row["table"] for row in rows} == {"52411-02-01-4"}
    stored = Observation.objects.filter(region__ags="09561", batch__table="52411-02-01-4")
    assert len(rows) == stored.count() > 0
    for row in rows:
        assert (row["value"] == "") == (row["symbol"] != "")


def test_export_of_unknown_region_is_refused(regions, kek, tmp_path):
    with pytest.raises(CommandError, match="Schlüssel 99999"):
        kek("export-observations", "--region", "99999", str(tmp_path / "x.csv"))
