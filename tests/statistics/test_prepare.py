"""Mappings and import preparation (pure modules, no database)."""

from pathlib import Path

import polars as pl
import pytest
import yaml

from kek.statistics.mappings import MappingError, load_mappings, read_mapping
from kek.statistics.parsers import ParseError, parse_bytes, parse_file
from kek.statistics.prepare import prepare, table_code

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "regionalstatistik"
SHIPPED = ROOT / "data" / "statistics"
MAPPINGS = load_mappings(SHIPPED / "mappings")


def one(frame: pl.DataFrame, **where) -> dict:
    rows = frame.filter(**where)
    assert rows.height == 1, rows
    return rows.row(0, named=True)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("12411-01-01-4.ffcsv.csv", "12411-01-01-4"),
        ("21311-01-01-4-B.ffcsv.csv", "21311-01-01-4-B"),
        ("13111-0005.ffcsv.csv", "13111-0005"),
        ("AI-N-01-2-5.ffcsv.csv", "AI-N-01-2-5"),
        ("13111-01-03-4-alt.csv", "13111-01-03-4"),
        ("12411-01-01-4-tabelle.csv", "12411-01-01-4"),
    ],
)
def test_table_code_from_file_name(name: str, code: str) -> None:
    assert table_code(name, pl.DataFrame({"table": ["99999"]})) == code


def test_table_code_falls_back_to_the_statistics_of_the_rows() -> None:
    frame = pl.DataFrame({"table": ["86121", "12411", "12411", ""]})
    assert table_code("meine-daten.csv", frame) == "12411, 86121"


def test_every_shipped_table_has_a_mapping_whose_entries_exist_in_it() -> None:
    topics = {entry["slug"] for entry in yaml.safe_load((SHIPPED / "topics.yaml").read_text())}
    seen = set()
    for path in sorted((SHIPPED / "tables").glob("*.csv")):
        result = parse_file(path)
        (statistic,) = result.statistics
        mapping = MAPPINGS[statistic]
        seen.add(statistic)
        variables = set(result.value_variables)
        assert variables <= set(mapping.indicators), path.name
        for rule in mapping.derived:
            series = [rule.numerator, rule.denominator]
            assert {part.variable for part in series if not part.area} <= variables
        specs = [*mapping.indicators.values(), *(rule.spec for rule in mapping.derived)]
        assert all(spec.topic in topics for spec in specs if spec.name), path.name
    assert seen == set(MAPPINGS)


def test_mapping_names_topics_and_derives_the_share_of_women() -> None:
    result = parse_file(FIXTURES / "12411-01-01-4.ffcsv.csv")
    prepared = prepare(result, "12411-01-01-4.ffcsv.csv", MAPPINGS)
    population = prepared.indicators["BEVSTD"]
    assert (population.name, population.topic, population.unit) == (
        "Bevölkerung",
        "demografie",
        "Personen",
    )
    assert population.disaggregations["GES"]["attributes"] == {
        "GESM": "männlich",
        "GESW": "weiblich",
    }
    data = prepared.data
    total = one(data, indicator="BEVSTD", region_key="14730", disaggregation="")["value"]
    women = one(data, indicator="BEVSTD", region_key="14730", disaggregation="GES:GESW")["value"]
    share = one(data, indicator="BEVSTD-W-ANTEIL", region_key="14730")
    assert share["value"] == pytest.approx(women / total * 100)
    assert prepared.indicators["BEVSTD-W-ANTEIL"].formula == "BEVSTD[GES:GESW] / BEVSTD × 100"
    # one share per region and period that has both series
    assert data.filter(indicator="BEVSTD-W-ANTEIL").height == result.data.height // 3


def test_without_mapping_indicators_come_from_the_value_variables() -> None:
    result = parse_file(FIXTURES / "52411-02-01-4.ffcsv.csv")
    prepared = prepare(result, "52411-02-01-4.ffcsv.csv", {})
    assert set(prepared.indicators) == set(result.value_variables)
    claims = prepared.indicators["FOR002"]
    assert (claims.name, claims.unit, claims.topic, claims.direction) == (
        "voraussichtliche Forderungen (Unternehmen)",
        "Tsd. EUR",
        "",
        0,
    )
    assert claims.statistic_code == "52411"
    assert claims.table_code == "52411-02-01-4"
    assert prepared.data.height == result.data.height


def test_merged_variable_joins_the_series_of_the_mapped_indicator() -> None:
    result = parse_file(FIXTURES / "13111-0005.ffcsv.csv")
    prepared = prepare(result, "13111-0005.ffcsv.csv", MAPPINGS)
    assert set(result.value_variables) == {"ERW065"}
    assert prepared.data["indicator"].unique().to_list() == ["ERW032"]
    assert prepared.data.height == result.data.height
    assert prepared.indicators["ERW032"].name == MAPPINGS["13111"].indicators["ERW032"].name


def test_ratio_symbols_follow_the_documented_rules() -> None:
    header = (
        "region_key;period;table;indicator_code;unit;value\n"
        "14730;2024;52411;ISV006;Anzahl;0\n"
        "14730;2024;52411;FOR002;Tsd. EUR;50\n"
        "14729;2024;52411;ISV006;Anzahl;4\n"
        "14729;2024;52411;FOR002;Tsd. EUR;-\n"
        "14713;2024;52411;ISV006;Anzahl;.\n"
        "14713;2024;52411;FOR002;Tsd. EUR;10\n"
        "14522;2024;52411;ISV006;Anzahl;8\n"
        "14522;2024;52411;FOR002;Tsd. EUR;2\n"
    )
    result = parse_bytes(header.encode(), "vorlage.csv")
    data = prepare(result, "vorlage.csv", MAPPINGS).data.filter(indicator="FOR002-JE-VERFAHREN")
    by_region = {row["region_key"]: row for row in data.iter_rows(named=True)}
    assert (by_region["14730"]["value"], by_region["14730"]["symbol"]) == (None, "x")
    assert (by_region["14729"]["value"], by_region["14729"]["symbol"]) == (0.0, None)
    assert (by_region["14713"]["value"], by_region["14713"]["symbol"]) == (None, ".")
    assert by_region["14522"]["value"] == pytest.approx(2 / 8 * 1000)


def test_two_values_for_the_same_cell_name_both_lines() -> None:
    text = (FIXTURES / "12411-01-01-4.ffcsv.csv").read_bytes()
    lines = text.splitlines(keepends=True)
    doubled = b"".join([*lines, lines[5]])
    with pytest.raises(ParseError) as error:
        prepare(parse_bytes(doubled, "doppelt.csv"), "doppelt.csv", MAPPINGS)
    assert error.value.line == len(lines) + 1
    assert "Zeile 6" in error.value.message
    assert "doppelt.csv" in str(error.value)


def test_too_long_period_is_reported_with_line_and_column() -> None:
    text = (
        "region_key;period;indicator_code;value\n"
        "14730;2024;BEVSTD;1\n"
        "14730;Stichtag zum Ende des Jahres 2024;BEVSTD;2\n"
    )
    with pytest.raises(ParseError) as error:
        prepare(parse_bytes(text.encode(), "lang.csv"), "lang.csv", {})
    assert (error.value.line, error.value.column) == (3, "Zeit")


def test_invalid_mapping_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("statistic: '1'\nindicators:\n  A: {direction: up}\n")
    with pytest.raises(MappingError, match="Richtung"):
        read_mapping(path)
    path.write_text("indicators: {}\n")
    with pytest.raises(MappingError, match="statistic"):
        read_mapping(path)
    path.write_text("statistic: '1'\nderived:\n  - {code: Q, name: Q, numerator: {variable: A}}\n")
    with pytest.raises(MappingError, match="denominator"):
        read_mapping(path)
