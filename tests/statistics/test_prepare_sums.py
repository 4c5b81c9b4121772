"""Land and Germany sums of additive indicators and per-km² ratios (pure, no database)."""

from pathlib import Path

import polars as pl
import pytest

from kek.statistics.mappings import (
    Derived,
    IndicatorSpec,
    Mapping,
    MappingError,
    Series,
    read_mapping,
)
from kek.statistics.parsers import ParseResult
from kek.statistics.parsers.model import OUTPUT_SCHEMA, FileFormat
from kek.statistics.prepare import prepare, region_areas

# Land 01 has two districts, Land 02 (a city state) one.
DISTRICTS = pl.DataFrame(
    {
        "region_key": ["01001", "01002", "02000"],
        "land_key": ["01", "01", "02"],
        "area_km2": [10.0, 30.0, 50.0],
    }
)
PERIOD = "2024-12-31"
SHARE = Derived(
    IndicatorSpec("POP-W-ANTEIL", "Frauenanteil", unit="Prozent"),
    Series("POP", "GES:GESW"),
    Series("POP"),
    100,
)
DENSITY = Derived(
    IndicatorSpec("POP-DICHTE", "Bevölkerungsdichte", unit="Einwohner je km²"),
    Series("POP"),
    Series("", area=True),
)
MAPPINGS = {
    "12411": Mapping(
        "12411",
        {"POP": IndicatorSpec("POP", "Bevölkerung", additive=True)},
        (SHARE, DENSITY),
    )
}


def row(key: str, value: float | None, symbol: str | None = None, **fields) -> dict:
    base = {
        "table": "12411",
        "region_key": key,
        "region_name": f"Gebiet {key}",
        "period": PERIOD,
        "period_kind": "date",
        "value_variable_code": "POP",
        "value_variable_label": "Bevölkerung",
        "unit": "Anzahl",
        "disaggregation": "",
        "disaggregation_label": "",
        "value": value,
        "symbol": symbol,
        "quality": None,
    }
    return base | fields


def prepared(rows: list[dict], districts=DISTRICTS, mappings=MAPPINGS) -> pl.DataFrame:
    lines = [entry | {"source_line": line} for line, entry in enumerate(rows, start=2)]
    data = pl.DataFrame(lines, schema=OUTPUT_SCHEMA)
    result = ParseResult(data, FileFormat.TEMPLATE, {"12411": "Bevölkerung"}, {})
    return prepare(result, "12411-01-01-4.csv", mappings, districts).data


def complete(**values: float) -> list[dict]:
    """One row per district; keyword `d01001=…` overrides a district's value."""
    numbers = {"01001": 100.0, "01002": 50.0, "02000": 7.0}
    numbers |= {key[1:]: value for key, value in values.items()}
    return [row(key, value) for key, value in numbers.items()]


def found(data: pl.DataFrame, key: str, indicator: str = "POP", **where) -> dict | None:
    rows = data.filter(indicator=indicator, region_key=key, **({"disaggregation": ""} | where))
    assert rows.height <= 1, rows
    return rows.row(0, named=True) if rows.height else None


def test_land_and_germany_are_the_sums_of_complete_districts() -> None:
    data = prepared(complete())
    saxony = found(data, "01")
    assert (saxony["value"], saxony["symbol"], saxony["quality"]) == (150.0, None, "sum")
    assert (saxony["region_name"], saxony["source_line"]) == ("01", 2)
    assert found(data, "02")["value"] == 7.0
    germany = found(data, "DG")
    assert (germany["value"], germany["quality"], germany["region_name"]) == (157.0, "sum", "DG")


def test_no_sum_when_a_district_is_missing() -> None:
    data = prepared([entry for entry in complete() if entry["region_key"] != "01002"])
    assert found(data, "01") is None
    assert found(data, "DG") is None
    assert found(data, "02")["value"] == 7.0


@pytest.mark.parametrize("symbol", [".", "/", "x", "..."])
def test_no_sum_when_a_district_carries_a_symbol(symbol: str) -> None:
    rows = [row("01001", 100.0), row("01002", None, symbol), row("02000", 7.0)]
    data = prepared(rows)
    assert found(data, "01") is None
    assert found(data, "DG") is None
    assert found(data, "02")["value"] == 7.0


def test_nothing_counts_as_zero_and_all_nothing_stays_nothing() -> None:
    data = prepared([row("01001", 100.0), row("01002", None, "-"), row("02000", None, "-")])
    assert found(data, "01")["value"] == 100.0
    land = found(data, "02")
    assert (land["value"], land["symbol"], land["quality"]) == (None, "-", "sum")
    assert found(data, "DG")["value"] == 100.0


def test_the_files_own_land_row_wins() -> None:
    data = prepared([*complete(), row("01", 999.0, region_name="Schleswig-Holstein")])
    land = found(data, "01")
    assert (land["value"], land["quality"], land["region_name"]) == (
        999.0,
        None,
        "Schleswig-Holstein",
    )
    assert found(data, "DG")["value"] == 157.0  # Germany is the sum of the districts


def test_germany_only_when_every_district_of_the_register_is_in_the_file() -> None:
    more = pl.concat(
        [DISTRICTS, pl.DataFrame({"region_key": ["03001"], "land_key": ["03"], "area_km2": [1.0]})]
    )
    data = prepared(complete(), districts=more)
    assert found(data, "01")["value"] == 150.0
    assert found(data, "03") is None
    assert found(data, "DG") is None


def test_rows_outside_the_current_districts_are_left_out_of_the_sums() -> None:
    dissolved = [row("01003", 5.0), row("01001001", 3.0)]
    data = prepared([*complete(), *dissolved])
    assert found(data, "01")["value"] == 150.0
    assert found(data, "01003")["value"] == 5.0  # still imported as it stands


def test_sums_per_period_and_disaggregation() -> None:
    women = [
        row(key, value, disaggregation="GES:GESW", disaggregation_label="Geschlecht: weiblich")
        for key, value in (("01001", 60.0), ("01002", 20.0), ("02000", 4.0))
    ]
    older = [row("01001", 90.0, period="2023-12-31"), row("02000", 6.0, period="2023-12-31")]
    data = prepared([*complete(), *women, *older])
    land = found(data, "01", disaggregation="GES:GESW")
    assert (land["value"], land["quality"]) == (80.0, "sum")
    assert found(data, "DG", disaggregation="GES:GESW")["value"] == 84.0
    last_year = data.filter(period="2023-12-31", quality="sum")
    assert last_year["region_key"].to_list() == ["02"]


def test_no_sums_without_districts_or_for_indicators_not_marked_additive() -> None:
    assert prepared(complete(), districts=None).filter(quality="sum").is_empty()
    plain = {"12411": Mapping("12411", {"POP": IndicatorSpec("POP", "Bevölkerung")})}
    assert prepared(complete(), mappings=plain).filter(quality="sum").is_empty()
    assert prepared(complete(), mappings={}).filter(quality="sum").is_empty()


def test_derived_ratio_gets_land_and_germany_values_from_the_sums() -> None:
    women = [
        row(key, value, disaggregation="GES:GESW", disaggregation_label="Geschlecht: weiblich")
        for key, value in (("01001", 60.0), ("01002", 20.0), ("02000", 4.0))
    ]
    data = prepared([*complete(), *women])
    assert found(data, "01001", "POP-W-ANTEIL")["value"] == pytest.approx(60.0)
    assert found(data, "01", "POP-W-ANTEIL")["value"] == pytest.approx(80 / 150 * 100)
    assert found(data, "DG", "POP-W-ANTEIL")["value"] == pytest.approx(84 / 157 * 100)


def test_area_denominator_divides_by_the_area_of_district_land_and_germany() -> None:
    data = prepared(complete())
    assert found(data, "01001", "POP-DICHTE")["value"] == pytest.approx(100 / 10)
    assert found(data, "01", "POP-DICHTE")["value"] == pytest.approx(150 / 40)
    assert found(data, "02", "POP-DICHTE")["value"] == pytest.approx(7 / 50)
    assert found(data, "DG", "POP-DICHTE")["value"] == pytest.approx(157 / 90)


def test_area_denominator_without_a_known_area_gives_no_value() -> None:
    unknown = DISTRICTS.with_columns(
        area_km2=pl.when(pl.col("region_key") == "01002").then(None).otherwise("area_km2")
    )
    data = prepared(complete(), districts=unknown)
    assert found(data, "01001", "POP-DICHTE") is not None
    assert found(data, "01002", "POP-DICHTE") is None
    assert found(data, "01", "POP-DICHTE") is None
    assert found(data, "DG", "POP-DICHTE") is None
    assert found(data, "02", "POP-DICHTE")["value"] == pytest.approx(7 / 50)
    assert prepared(complete(), districts=None).filter(indicator="POP-DICHTE").is_empty()


def test_zero_area_is_not_meaningful() -> None:
    zero = DISTRICTS.with_columns(area_km2=pl.lit(0.0))
    density = found(prepared(complete(), districts=zero), "01001", "POP-DICHTE")
    assert (density["value"], density["symbol"]) == (None, "x")


def test_region_areas_sum_up() -> None:
    areas = dict(region_areas(DISTRICTS).iter_rows())
    assert areas == {"01001": 10.0, "01002": 30.0, "02000": 50.0, "01": 40.0, "02": 50.0,
                     "DG": 90.0}  # fmt: skip


def test_drafts_carry_the_additive_flag() -> None:
    lines = [entry | {"source_line": line} for line, entry in enumerate(complete(), start=2)]
    result = ParseResult(pl.DataFrame(lines, schema=OUTPUT_SCHEMA), FileFormat.TEMPLATE, {}, {})
    drafts = prepare(result, "x.csv", MAPPINGS, DISTRICTS).indicators
    assert drafts["POP"].additive
    assert not drafts["POP-DICHTE"].additive  # a ratio does not add up
    assert drafts["POP-DICHTE"].formula == "POP / Fläche (km²)"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "12411.yaml"
    path.write_text('statistic: "12411"\n' + text, encoding="utf-8")
    return path


def test_mapping_reads_aggregate_sum_and_area(tmp_path: Path) -> None:
    mapping = read_mapping(
        write(
            tmp_path,
            "indicators:\n  BEVSTD: {aggregate: sum}\n  ERW065: {code: X}\n"
            "derived:\n  - {code: D, name: Dichte, numerator: {variable: BEVSTD},"
            " denominator: {area: true}}\n",
        )
    )
    assert mapping.indicators["BEVSTD"].additive
    assert not mapping.indicators["ERW065"].additive
    assert mapping.additive_codes() == {"BEVSTD"}
    assert mapping.derived[0].denominator == Series("", area=True)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicators:\n  BEVSTD: {aggregate: mean}\n", "12411.yaml: BEVSTD: „aggregate: mean“"),
        ("indicators:\n  BEVSTD: {aggregate: true}\n", "12411.yaml: BEVSTD: „aggregate: True“"),
        (
            "derived:\n  - {code: D, name: D, aggregate: sum, numerator: {variable: A},"
            " denominator: {variable: B}}\n",
            "12411.yaml: D: unbekannte Angabe aggregate",
        ),
        (
            "derived:\n  - {code: D, name: D, numerator: {variable: A}, denominator: {}}\n",
            "12411.yaml: D: „denominator“ braucht eine „variable“ oder „area: true“",
        ),
        (
            "derived:\n  - {code: D, name: D, numerator: {variable: A},"
            " denominator: {area: false}}\n",
            "„denominator“ ist entweder „{area: true}“",
        ),
        (
            "derived:\n  - {code: D, name: D, numerator: {variable: A},"
            " denominator: {area: true, variable: B}}\n",
            "„denominator“ ist entweder „{area: true}“",
        ),
        (
            "derived:\n  - {code: D, name: D, numerator: {area: true},"
            " denominator: {variable: B}}\n",
            "12411.yaml: D: „numerator“ braucht eine „variable“.",
        ),
        (
            "derived:\n  - {code: D, name: D, numerator: {variable: A}, denominator: B}\n",
            "12411.yaml: D: „denominator“ ist keine Angabe",
        ),
    ],
)
def test_mapping_errors_name_file_and_variable(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(MappingError) as caught:
        read_mapping(write(tmp_path, text))
    assert message in str(caught.value)
