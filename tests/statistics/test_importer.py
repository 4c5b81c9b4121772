"""The database importer against the real fixture files (F7, F8)."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from kek.regions.models import Region
from kek.statistics.importer import ImportFailed, import_bytes, import_file
from kek.statistics.models import ImportBatch, Indicator, Observation
from kek.statistics.parsers import parse_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def data_lines(path) -> int:
    return len(path.read_bytes().splitlines()) - 1


def value(code: str, ags: str, period: str, disaggregation: str = "") -> float | None:
    return Observation.objects.get(
        indicator__code=code, region__ags=ags, period=period, disaggregation=disaggregation
    ).value


def snapshot() -> list[tuple]:
    return list(
        Observation.objects.order_by("id").values_list(
            "id", "indicator_id", "region_id", "period", "disaggregation", "value", "symbol",
            "quality", "batch_id",
        )
    )  # fmt: skip


def counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Observation, Region, Indicator, ImportBatch))


def test_population_of_nordsachsen_is_read_back_from_the_database(regions, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    keys = set(parse_file(path).data["region_key"])
    unknown = keys - set(Region.objects.values_list("ags", flat=True))
    batch = import_file(path)
    assert value("BEVSTD", "14730", "2024-12-31") == 199_422
    assert value("BEVSTD", "14730", "2024-12-31", "GES:GESM") == 98_780
    population = Observation.objects.filter(indicator__code="BEVSTD")
    parsed = parse_file(path).data
    from_file = population.exclude(quality="sum")
    assert from_file.count() == parsed.filter(~parsed["region_key"].is_in(unknown)).height
    assert data_lines(path) == parsed.height
    assert set(batch.skipped_regions) == unknown  # districts dissolved in 2008
    assert set(from_file.values_list("region__ags", flat=True)) == keys - unknown
    # Länder whose districts are all in the file get their sum (kek.statistics.prepare).
    summed = set(population.filter(quality="sum").values_list("region__ags", flat=True))
    assert summed and all(len(ags) == 2 for ags in summed)
    shares = Observation.objects.filter(indicator__code="BEVSTD-W-ANTEIL")
    density = Observation.objects.filter(indicator__code="BEVDICHTE")
    assert batch.rows_added == population.count() + shares.count() + density.count()
    assert (batch.rows_changed, batch.rows_unchanged) == (0, 0)
    assert (batch.table, batch.status, batch.licence) == ("12411-01-01-4", "done", "dl-de/by-2-0")
    share = shares.get(region__ags="14730").value
    assert share == pytest.approx(
        100 * value("BEVSTD", "14730", "2024-12-31", "GES:GESW") / 199_422
    )


def test_indicator_is_created_from_the_mapping(regions, fixture_file):
    import_file(fixture_file("12411-01-01-4.ffcsv.csv"))
    population = Indicator.objects.get(code="BEVSTD")
    assert population.name == "Bevölkerung"
    assert population.topic.slug == "demografie"
    assert population.direction == Indicator.Direction.NONE
    assert (population.statistic_code, population.table_code) == ("12411", "12411-01-01-4")
    assert population.disaggregation_label("GES:GESW") == "Geschlecht: weiblich"
    claims = import_file(fixture_file("52411-02-01-4.ffcsv.csv"))
    assert claims.indicators_added == 5  # ISV006, ISVNW1, FOR002 and two ratios
    assert Indicator.objects.get(code="ISV006").direction == Indicator.Direction.LOWER


def test_table_nobody_configured_gets_indicators_from_its_value_variables(regions, fixture_file):
    import_file(fixture_file("template-example.csv"))
    broadband = Indicator.objects.get(code="BREITB")
    assert (broadband.name, broadband.unit, broadband.topic) == (
        "Haushalte mit 1000 Mbit/s",
        "Prozent",
        None,
    )
    arzberg = Observation.objects.get(indicator=broadband)
    assert (arzberg.region.ags, arzberg.value, arzberg.symbol) == ("14730010", None, ".")
    reach = Observation.objects.get(indicator__code="ERREICH")
    assert (reach.value, reach.quality) == (42.5, "() s")


@pytest.mark.parametrize(
    ("name", "expected_format"),
    [
        ("13111-01-03-4-alt.csv", "ffcsv-alt"),
        ("86121-Z-01-alt.csv", "ffcsv-alt"),
        ("12411-01-01-4-tabelle.csv", "genesis-tabelle"),
        ("13111-01-03-4-tabelle.csv", "genesis-tabelle"),
        ("template-example.csv", "vorlage"),
        ("AI-N-01-2-5.ffcsv.csv", "ffcsv"),
    ],
)
def test_every_format_stores_one_observation_per_parsed_value(
    regions, fixture_file, name, expected_format
):
    path = fixture_file(name)
    parsed = parse_file(path).data
    batch = import_file(path)
    assert batch.file_format == expected_format
    stored = set(Region.objects.values_list("ags", flat=True))
    from_file = Observation.objects.filter(indicator__formula="").count()
    assert from_file == parsed.filter(parsed["region_key"].is_in(stored)).height
    assert batch.rows_added == Observation.objects.count() > 0


def test_table_export_matches_the_flat_file(regions, fixture_file):
    import_file(fixture_file("12411-01-01-4-tabelle.csv"))
    assert value("BEVSTD", "14730", "2024-12-31") == 199_422
    assert value("BEVSTD", "14730", "2024-12-31", "GES:GESM") == 98_780
    hidden = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14523", period="2024-12-31", disaggregation=""
    )
    assert (hidden.value, hidden.symbol) == (None, ".")


def test_zip_and_xlsx_variants(regions, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr(path.name, path.read_bytes())
    import_bytes(packed.getvalue(), "12411-01-01-4.zip")
    assert value("BEVSTD", "14730", "2024-12-31") == 199_422
    lines = fixture_file("template-example.csv").read_text(encoding="utf-8").splitlines()
    book = Workbook()
    for line in lines:
        book.active.append(line.split(";"))
    sheet = io.BytesIO()
    book.save(sheet)
    batch = import_bytes(sheet.getvalue(), "vorlage.xlsx")
    assert batch.file_format == "vorlage"
    assert value("BREITB", "14730010", "2023") is None


def test_municipalities_are_created_below_their_district(regions, fixture_file):
    path = fixture_file("AI-N-01-2-5.ffcsv.csv")
    batch = import_file(path)
    keys = set(parse_file(path).data["region_key"])
    assert batch.regions_added == len(keys)
    torgau = Region.objects.get(ags="14730310")
    assert (torgau.level, torgau.parent.ags, torgau.name) == (
        "municipality",
        "14730",
        "Torgau, Stadt",
    )
    assert Region.objects.get(ags="16064014").parent.ags == "16064"


def test_regierungsbezirke_are_created_and_dissolved_districts_skipped(regions, fixture_file):
    batch = import_file(fixture_file("13111-01-03-4.ffcsv.csv"))
    leipzig = Region.objects.get(ags="147")
    assert (leipzig.level, leipzig.parent.ags) == ("government_district", "14")
    assert "14389" in batch.skipped_regions  # Torgau-Oschatz, dissolved in 2008
    assert not Region.objects.filter(ags="14389").exists()
    assert batch.rows_skipped > 0
    assert "übersprungen" in batch.summary()


def test_reimport_changes_nothing_and_says_so(regions, fixture_file):
    path = fixture_file("13111-01-03-4.ffcsv.csv")
    first = import_file(path)
    before = snapshot()
    again = import_file(path)
    assert snapshot() == before
    assert (again.rows_added, again.rows_changed) == (0, 0)
    assert again.rows_unchanged == first.rows_added
    assert again.summary().startswith("unverändert")


def test_changed_value_is_updated_and_recorded(regions, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    first = import_file(path)
    text = path.read_text(encoding="utf-8-sig")
    cell = ";14730;Nordsachsen, Landkreis;GES;Geschlecht;GESM;männlich;{};"
    changed = text.replace(cell.format(98780), cell.format(98781))
    assert changed != text
    batch = import_bytes(changed.encode(), path.name)
    assert value("BEVSTD", "14730", "2024-12-31", "GES:GESM") == 98_781
    # The district and the sum of its Land (Sachsen is complete in the fixture) change.
    assert (batch.rows_added, batch.rows_changed) == (0, 2)
    assert batch.rows_unchanged == first.rows_added - 2
    saxony = value("BEVSTD", "14", "2024-12-31", "GES:GESM")
    assert sorted(batch.changes, key=lambda change: change["region"]) == [
        {
            "indicator": "BEVSTD",
            "region": "14",
            "period": "2024-12-31",
            "disaggregation": "GES:GESM",
            "old": saxony - 1,
            "new": saxony,
        },
        {
            "indicator": "BEVSTD",
            "region": "14730",
            "period": "2024-12-31",
            "disaggregation": "GES:GESM",
            "old": 98780.0,
            "new": 98781.0,
        },
    ]
    row = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation="GES:GESM"
    )
    assert row.batch == batch
    untouched = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation=""
    )
    assert untouched.batch == first


def test_merged_tables_form_one_series(regions, fixture_file):
    import_file(fixture_file("13111-01-03-4.ffcsv.csv"))
    import_file(fixture_file("13111-0005.ffcsv.csv"))
    periods = set(
        Observation.objects.filter(indicator__code="ERW032", region__ags="14").values_list(
            "period", flat=True
        )
    )
    assert {"2023-09-30", "2025-06-30"} <= periods
    assert not Indicator.objects.filter(code="ERW065").exists()


def test_planner_changes_to_an_indicator_survive_a_reimport(regions, fixture_file):
    path = fixture_file("41312-01-01-4.ffcsv.csv")
    import_file(path)
    Indicator.objects.filter(code="TIE003").update(name="Rinder", definition="eigene")
    import_bytes(path.read_bytes() + b"\n", path.name)
    cattle = Indicator.objects.get(code="TIE003")
    assert (cattle.name, cattle.definition) == ("Rinder", "eigene")


def test_bad_value_imports_nothing_and_names_file_line_and_column(regions, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[-1] = lines[-1].rsplit(";", 4)[0] + ";zwölf;Anzahl;BEVSTD;Bevölkerungsstand"
    before = counts()
    with pytest.raises(ImportFailed) as error:
        import_bytes("\n".join(lines).encode(), "kaputt.csv")
    assert f"kaputt.csv, Zeile {len(lines)}, Spalte value" in str(error.value)
    assert counts() == before


def test_failure_while_writing_rolls_everything_back(regions, fixture_file, monkeypatch):
    from kek.statistics import importer

    import_file(fixture_file("52411-02-01-4.ffcsv.csv"))
    before, rows = counts(), snapshot()

    def broken(*args):
        raise importer.DatabaseError("Platte voll")

    monkeypatch.setattr(importer.bulk, "upsert_frame", broken)
    text = fixture_file("12411-01-01-4.ffcsv.csv").read_bytes()
    with pytest.raises(ImportFailed, match="Platte voll"):
        import_bytes(text, "12411-01-01-4.ffcsv.csv")
    assert (counts(), snapshot()) == (before, rows)
