"""F9 – index, period-over-period change, growth and CAGR (pure, no database)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from kek.statistics import analysis as a


def series(region: str, points: dict, indicator: str = "bev") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "indicator": [indicator] * len(points),
            "region_key": [region] * len(points),
            "period": list(points),
            "value": list(points.values()),
        },
        schema_overrides={"value": pl.Float64},
    )


def values(frame: pl.DataFrame, column: str, region: str) -> list:
    return frame.filter(pl.col("region_key") == region).sort("period")[column].to_list()


def test_index_with_a_given_base_year():
    table = pl.concat(
        [
            series("14730", {2015: 80.0, 2018: 100.0, 2020: 88.0}),
            series("14729", {2015: None, 2018: 50.0}),  # base year is a symbol
            series("14713", {2015: 0.0, 2018: 5.0}),  # base 0
        ]
    )
    result = a.index(table, base_period=2015)
    assert values(result, "index", "14730") == pytest.approx([100.0, 125.0, 110.0])
    assert values(result, "base_value", "14730") == [80.0] * 3
    assert values(result, "index", "14729") == [None, None]
    assert values(result, "base_period", "14729") == [None, None]
    assert values(result, "index", "14713") == [None, None]


def test_index_defaults_to_each_series_first_year_with_a_value():
    table = pl.concat(
        [
            series("14730", {2015: None, 2016: 40.0, 2017: 50.0}),
            series("14729", {2017: 10.0, 2015: 8.0}),  # unsorted input
        ]
    )
    result = a.index(table)
    assert values(result, "index", "14730") == [None, 100.0, 125.0]
    assert values(result, "base_period", "14730") == [2016] * 3
    assert values(result, "index", "14729") == [100.0, 125.0]


def test_index_keeps_disaggregations_apart():
    table = series("14730", {2015: 10.0, 2016: 20.0}).with_columns(disaggregation=pl.lit("W"))
    table = pl.concat(
        [table, series("14730", {2015: 40.0, 2016: 20.0}).with_columns(disaggregation=pl.lit("M"))]
    )
    result = a.index(table, 2015).sort("disaggregation", "period")
    assert result["index"].to_list() == [100.0, 50.0, 100.0, 200.0]


def test_changes_against_the_previous_period():
    table = series("14730", {2015: 100.0, 2016: 110.0, 2017: None, 2020: 121.0, 2021: 0.0})
    table = pl.concat([table, series("14729", {2016: 0.0, 2017: 3.0})])
    result = a.changes(table)
    assert values(result, "change", "14730") == pytest.approx([None, 10.0, None, None, -121.0])
    assert values(result, "change_pct", "14730") == pytest.approx([None, 10.0, None, None, -100.0])
    assert values(result, "previous_period", "14730") == [None, 2015, 2016, 2017, 2020]
    assert values(result, "years", "14730") == [None, 1.0, 1.0, 3.0, 1.0]
    # from 0: the absolute change exists, the percentage does not
    assert values(result, "change", "14729") == [None, 3.0]
    assert values(result, "change_pct", "14729") == [None, None]


def growth_row(table: pl.DataFrame, **kwargs) -> dict:
    result = a.growth(table, **kwargs)
    assert result.height == 1
    return result.row(0, named=True)


def test_cagr_worked_example_of_the_spec():
    # SPEC §4: 100 → 110 over 2015–2020 → CAGR 0.01924
    row = growth_row(series("14730", {2015: 100.0, 2017: None, 2020: 110.0}))
    assert row["cagr"] == pytest.approx(0.019245, abs=1e-6)
    assert row["years"] == 5.0
    assert (row["start_period"], row["end_period"]) == (2015, 2020)
    assert row["change"] == pytest.approx(10.0)
    assert row["change_pct"] == pytest.approx(10.0)


def test_cagr_exact_doubling_and_decline():
    assert growth_row(series("a", {2015: 100.0, 2017: 121.0}))["cagr"] == pytest.approx(0.1)
    # 0.9 ** 0.2 − 1 = −0.0208516…
    assert growth_row(series("a", {2015: 100.0, 2020: 90.0}))["cagr"] == pytest.approx(
        -0.0208516, abs=1e-7
    )
    # falling to 0 is −100 % a year
    assert growth_row(series("a", {2015: 5.0, 2020: 0.0}))["cagr"] == pytest.approx(-1.0)


def test_cagr_undefined_cases_are_null():
    zero_base = growth_row(series("a", {2015: 0.0, 2020: 110.0}))
    assert zero_base["cagr"] is None
    assert zero_base["change_pct"] is None
    assert zero_base["change"] == 110.0
    opposite_signs = growth_row(series("a", {2015: -10.0, 2020: 10.0}))
    assert opposite_signs["cagr"] is None
    both_negative = growth_row(series("a", {2015: -100.0, 2017: -121.0}))
    assert both_negative["cagr"] == pytest.approx(0.1)  # growth of the magnitude


def test_single_year_series_has_no_change():
    row = growth_row(series("a", {2020: 42.0, 2021: None}))
    assert (row["start_period"], row["end_period"], row["years"]) == (2020, 2020, 0.0)
    assert (row["change"], row["change_pct"], row["cagr"]) == (None, None, None)


def test_growth_between_given_periods_and_a_missing_one():
    table = series("a", {2010: 50.0, 2015: 100.0, 2020: 110.0, 2023: 200.0})
    row = growth_row(table, start=2015, end=2020)
    assert (row["start_value"], row["end_value"], row["years"]) == (100.0, 110.0, 5.0)
    missing = growth_row(table, start=2016)
    assert missing["start_value"] is None
    assert missing["cagr"] is None
    assert missing["end_period"] == 2023


def test_growth_with_dates_counts_whole_years_between_equal_days():
    table = pl.DataFrame(
        {
            "indicator": ["bev"] * 3,
            "region_key": ["14730"] * 3,
            "period": [dt.date(2015, 12, 31), dt.date(2020, 12, 31), dt.date(2021, 6, 30)],
            "value": [100.0, 110.0, None],
        }
    )
    row = growth_row(table)
    assert row["years"] == 5.0
    assert row["cagr"] == pytest.approx(0.019245, abs=1e-6)
    iso_text = table.with_columns(pl.col("period").cast(pl.String))
    assert growth_row(iso_text)["years"] == 5.0


def test_growth_one_row_per_series():
    table = pl.concat(
        [
            series("14730", {2015: 1.0, 2016: 2.0}),
            series("14730", {2015: 4.0, 2016: 2.0}, indicator="alq"),
            series("14729", {2015: 3.0}),
        ]
    )
    result = a.growth(table)
    assert result.height == 3
    cagr = {(r["indicator"], r["region_key"]): r["cagr"] for r in result.to_dicts()}
    assert cagr == {("bev", "14730"): 1.0, ("alq", "14730"): -0.5, ("bev", "14729"): None}


def test_cagr_expression_guards_years():
    frame = pl.DataFrame({"v0": [100.0, 100.0], "v1": [121.0, 121.0], "t": [2.0, 0.0]})
    result = frame.select(a.cagr(pl.col("v0"), pl.col("v1"), pl.col("t")))
    assert result.to_series().to_list() == pytest.approx([0.1, None])
