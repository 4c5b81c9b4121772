"""Flat-file CSV, new (English) and old (German) column layout, against trimmed real files."""

from pathlib import Path

import polars as pl
import pytest

from kek.statistics.parsers import OUTPUT_SCHEMA, FileFormat, parse_bytes, parse_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "regionalstatistik"

ROW_COUNTS = {
    "11111-02-01-4.ffcsv.csv": 46,
    "12211-Z-11.ffcsv.csv": 184,
    "12411-01-01-4.ffcsv.csv": 144,
    "13111-0005.ffcsv.csv": 72,
    "13111-01-03-4.ffcsv.csv": 312,
    "21311-01-01-4-B.ffcsv.csv": 180,
    "32121-01-02-4.ffcsv.csv": 14,
    "41312-01-01-4.ffcsv.csv": 33,
    "52411-02-01-4.ffcsv.csv": 15,
    "86121-Z-01.ffcsv.csv": 180,
    "AI-N-01-2-5.ffcsv.csv": 82,
}


def cell(frame: pl.DataFrame, **where: str) -> dict:
    rows = frame.filter(**where)
    assert rows.height == 1, rows
    return rows.row(0, named=True)


@pytest.mark.parametrize(("name", "rows"), ROW_COUNTS.items())
def test_every_trimmed_file_parses_one_row_per_line(name: str, rows: int) -> None:
    result = parse_file(FIXTURES / name)
    assert result.file_format is FileFormat.FLAT
    assert result.data.schema == pl.Schema(OUTPUT_SCHEMA)
    assert result.data.height == rows
    assert result.data["source_line"].to_list() == list(range(2, rows + 2))
    assert (result.data["value"].is_null() == result.data["symbol"].is_not_null()).all()


def test_nordsachsen_population() -> None:
    data = parse_file(FIXTURES / "12411-01-01-4.ffcsv.csv").data
    total = cell(data, region_key="14730", disaggregation="")
    male = cell(data, region_key="14730", disaggregation="GES:GESM")
    assert total["value"] == 199_422
    assert male["value"] == 98_780
    assert male["disaggregation_label"] == "Geschlecht: männlich"
    assert total["region_name"] == "Nordsachsen, Landkreis"
    assert (total["table"], total["period"], total["period_kind"]) == (
        "12411",
        "2024-12-31",
        "date",
    )
    assert (total["value_variable_code"], total["unit"]) == ("BEVSTD", "Anzahl")


def test_dissolved_district_keeps_dash_symbol() -> None:
    data = parse_file(FIXTURES / "12411-01-01-4.ffcsv.csv").data
    old = cell(data, region_key="03152", disaggregation="")
    assert (old["value"], old["symbol"]) == (None, "-")


def test_region_levels_and_metadata() -> None:
    result = parse_file(FIXTURES / "13111-01-03-4.ffcsv.csv")
    keys = set(result.data["region_key"])
    assert {"DG", "14", "02", "11", "145", "147", "14730", "02000", "11000", "11001001"} <= keys
    assert result.variables == {"NAT": "Nationalität", "GES": "Geschlecht"}
    assert result.attributes == {
        "NAT": {"NATA": "ausländisch"},
        "GES": {"GESM": "männlich", "GESW": "weiblich"},
    }
    assert result.statistics == {
        "13111": "Statistik der sozialversicherungspflichtig Beschäftigten"
    }
    row = cell(result.data, region_key="DG", disaggregation="GES:GESM|NAT:NATA")
    assert row["value"] == 3_561_574
    assert row["disaggregation_label"] == "Geschlecht: männlich | Nationalität: ausländisch"


def test_value_q_column_becomes_quality() -> None:
    data = parse_file(FIXTURES / "12211-Z-11.ffcsv.csv").data
    remscheid = cell(data, region_key="05120", disaggregation="LBFORM01:FAMILIEN")
    assert (remscheid["value"], remscheid["quality"]) == (14.0, "()")
    friesland = cell(data, region_key="03455", disaggregation="LBFORM01:ALLEINST")
    assert (friesland["value"], friesland["symbol"], friesland["quality"]) == (None, "/", None)
    nordsachsen = cell(data, region_key="14730", disaggregation="LBFORM01:LB-INS")
    assert (nordsachsen["value"], nordsachsen["quality"], nordsachsen["unit"]) == (
        97.0,
        "e",
        "1000",
    )


def test_semester_and_four_variables() -> None:
    data = parse_file(FIXTURES / "21311-01-01-4-B.ffcsv.csv").data
    assert set(data["period"]) == {"2023-10P6M"}
    assert set(data["period_kind"]) == {"semester"}
    row = data.filter(region_key="14730").row(0, named=True)
    assert row["disaggregation"].split("|") == sorted(row["disaggregation"].split("|"))
    assert len(row["disaggregation"].split("|")) == 3


def test_decimal_comma_several_value_variables_and_suffixed_land_variable() -> None:
    result = parse_file(FIXTURES / "86121-Z-01.ffcsv.csv")
    assert set(result.value_variables) == {"ABFALL1A", "ABFALL1B", "ABFALL1C"}
    assert result.value_variables["ABFALL1B"].unit == "2010=100"
    row = cell(
        result.data,
        region_key="14",
        period="2023",
        value_variable_code="ABFALL1A",
        disaggregation="ABFA02:ABFALLART100",
    )
    assert row["value"] == pytest.approx(593.9)
    assert row["region_name"] == "Sachsen"  # region variable DLANDU


def test_rows_without_second_variable_and_true_zeros() -> None:
    data = parse_file(FIXTURES / "52411-02-01-4.ffcsv.csv").data
    workers = cell(data, region_key="14730", value_variable_code="ISVNW1")
    assert (workers["value"], workers["disaggregation"]) == (169.0, "")
    claims = cell(data, region_key="14730", value_variable_code="FOR002")
    assert (claims["value"], claims["unit"]) == (10_913.0, "Tsd. EUR")
    ansbach = data.filter(pl.col("symbol").is_null(), region_key="09561")
    assert ansbach["value"].to_list() == [0.0, 0.0, 0.0]  # written as a bare "0"


def test_municipalities_and_x_symbol() -> None:
    data = parse_file(FIXTURES / "AI-N-01-2-5.ffcsv.csv").data
    assert data.filter(pl.col("region_key").str.starts_with("14730"))[
        "region_key"
    ].str.len_chars().unique().to_list() == [8]
    tastrup = cell(data, region_key="01059101", value_variable_code="AI0112")
    assert (tastrup["value"], tastrup["symbol"]) == (None, "x")
    negative = data.filter(pl.col("value") < 0)
    assert negative.height > 0


def test_quarterly_dates() -> None:
    data = parse_file(FIXTURES / "13111-0005.ffcsv.csv").data
    assert data["period"].unique().sort().to_list() == [
        "2023-09-30",
        "2023-12-31",
        "2024-03-31",
        "2024-06-30",
        "2024-09-30",
        "2024-12-31",
        "2025-03-31",
        "2025-06-30",
    ]


# --- old layout: German column names, CODE__Label__Unit value columns, Windows-1252


def test_old_layout_matches_new_layout() -> None:
    old = parse_file(FIXTURES / "13111-01-03-4-alt.csv")
    new = parse_file(FIXTURES / "13111-01-03-4.ffcsv.csv")
    assert old.file_format is FileFormat.FLAT_OLD
    assert old.data.height == 48
    key = ["region_key", "period", "disaggregation"]
    compared = ["region_name", "period_kind", "value_variable_code", "unit", "value", "symbol"]
    joined = old.data.join(new.data, on=key, how="left", suffix="_new")
    for column in compared:
        assert joined[column].to_list() == joined[f"{column}_new"].to_list(), column
    assert old.variables == new.variables
    assert old.attributes == new.attributes


def test_old_layout_details() -> None:
    result = parse_file(FIXTURES / "13111-01-03-4-alt.csv")
    saxony = cell(result.data, region_key="14", disaggregation="")
    assert saxony["region_name"] == "Sachsen"  # indentation removed
    assert (saxony["period"], saxony["quality"]) == ("2025-06-30", "p")
    assert saxony["value_variable_label"] == "Sozialversicherungspfl. Beschaeftigte (Arbeitsort)"
    assert result.statistics == {
        "13111": "Statistik der sozialversicherungspflichtig Beschäftigten"
    }


def test_old_layout_with_three_value_columns() -> None:
    old = parse_file(FIXTURES / "86121-Z-01-alt.csv")
    new = parse_file(FIXTURES / "86121-Z-01.ffcsv.csv").data
    assert old.data.height == 3 * 18
    assert {code: v.unit for code, v in old.value_variables.items()} == {
        "ABFALL1A": "1000 t",
        "ABFALL1B": "2010=100",
        "ABFALL1C": "Prozent",
    }
    assert old.data.filter(source_line=2)["value_variable_code"].to_list() == [
        "ABFALL1A",
        "ABFALL1B",
        "ABFALL1C",
    ]
    key = ["region_key", "period", "value_variable_code", "disaggregation"]
    joined = old.data.join(new, on=key, how="left", suffix="_new")
    assert joined["value"].to_list() == joined["value_new"].to_list()


def test_table_without_region_variable_belongs_to_germany() -> None:
    text = (
        "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;"
        "1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;"
        "value_unit;value_variable_code;value_variable_label\n"
        "12411;Bevölkerung;STAG;Stichtag;2024-12-31;GES;Geschlecht;GESM;männlich;41241701;"
        "Anzahl;BEVSTD;Bevölkerungsstand\n"
    )
    row = parse_bytes(text.encode(), "national.csv").data.row(0, named=True)
    assert (row["region_key"], row["region_name"], row["disaggregation"]) == (
        "DG",
        "Deutschland",
        "GES:GESM",
    )
