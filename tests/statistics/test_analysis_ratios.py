"""F9 – per-capita values and shares; input normalisation (pure, no database)."""

from __future__ import annotations

import polars as pl
import pytest

from kek.statistics import analysis as a


def by_key(frame: pl.DataFrame, *keys: str) -> dict[tuple, dict]:
    return {tuple(row[k] for k in keys): row for row in frame.to_dicts()}


def test_per_capita_per_1000_inhabitants_with_missing_and_zero_population():
    doctors = pl.DataFrame(
        {
            "indicator": ["aerzte"] * 5,
            "region_key": ["14730", "14730", "14729", "14713", "14522"],
            "period": [2022, 2023, 2023, 2023, 2023],
            "value": [500.0, 520.0, None, 30.0, 12.0],
        }
    )
    population = pl.DataFrame(
        {
            "indicator": ["bev"] * 4,
            "region_key": ["14730", "14730", "14729", "14713"],
            "period": [2022, 2023, 2023, 2023],
            "value": [200_000.0, 199_422.0, 250_000.0, 0.0],
        }
    )
    result = by_key(a.per_capita(doctors, population), "region_key", "period")

    assert result["14730", 2022]["value"] == pytest.approx(2.5)  # 500 / 200,000 × 1,000
    assert result["14730", 2023]["value"] == pytest.approx(520 / 199_422 * 1000)
    assert result["14730", 2023]["numerator"] == 520.0
    assert result["14730", 2023]["denominator"] == 199_422.0
    assert result["14729", 2023]["value"] is None  # symbol in the numerator stays missing
    assert result["14713", 2023]["value"] is None  # population 0: null, not infinity
    assert result["14522", 2023]["value"] is None  # no population figure
    assert result["14730", 2023]["indicator"] == "aerzte"


def test_per_capita_scale_is_a_parameter():
    values = {"indicator": ["x"], "region_key": ["14730"], "period": [2023], "value": [3.0]}
    population = {"region_key": ["14730"], "period": [2023], "value": [200.0]}
    assert a.per_capita(values, population, per=100_000)["value"][0] == pytest.approx(1500.0)


def test_share_falls_back_to_the_denominators_total_for_other_disaggregations():
    numerator = pl.DataFrame(
        {
            "indicator": ["bev", "alo", "alo"],
            "region_key": ["14730"] * 3,
            "period": [2023] * 3,
            "disaggregation": ["GES:GESW", "GES:GESW", "GES:GESM"],
            "value": [101_000.0, 3_000.0, 4_500.0],
        }
    )
    denominator = pl.DataFrame(
        {
            "region_key": ["14730", "14730"],
            "period": [2023, 2023],
            "disaggregation": ["", "GES:GESM"],
            "value": [200_000.0, 50_000.0],
        }
    )
    result = by_key(a.share(numerator, denominator), "indicator", "disaggregation")
    # women / all inhabitants (no female denominator → the total)
    assert result["bev", "GES:GESW"]["value"] == pytest.approx(50.5)
    assert result["alo", "GES:GESW"]["value"] == pytest.approx(1.5)
    # men / men where the denominator has the same disaggregation
    assert result["alo", "GES:GESM"]["value"] == pytest.approx(9.0)
    assert result["alo", "GES:GESM"]["denominator"] == 50_000.0


def test_share_null_disaggregation_counts_as_total():
    numerator = {
        "indicator": ["a"],
        "region_key": ["14730"],
        "period": ["2023"],
        "disaggregation": [None],
        "value": [1.0],
    }
    denominator = {
        "region_key": ["14730"],
        "period": ["2023"],
        "disaggregation": [""],
        "value": [4.0],
    }
    result = a.share(numerator, denominator)
    assert result["value"].to_list() == [25.0]
    assert result["disaggregation"].to_list() == [""]


def test_share_rejects_an_ambiguous_denominator():
    numerator = {"indicator": ["a"], "region_key": ["14730"], "period": [2023], "value": [1.0]}
    denominator = {"region_key": ["14730", "14730"], "period": [2023, 2023], "value": [4.0, 5.0]}
    with pytest.raises(pl.exceptions.ComputeError):
        a.share(numerator, denominator)


def test_prepare_derives_level_and_land_and_reads_period_kinds():
    table = pl.DataFrame(
        {
            "indicator": ["x"] * 5,
            "region_key": ["DG", "14", "145", "14730", "14730010"],
            "period": ["2023", "2024-12-31", "2023-10P6M", "2023", "2023"],
            "value": [1, 2, 3, 4, 5],
        }
    )
    prepared = by_key(a.prepare(table), "region_key")
    levels = {key[0]: row["region_level"] for key, row in prepared.items()}
    assert levels == {
        "DG": "country",
        "14": "state",
        "145": "government_district",
        "14730": "district",
        "14730010": "municipality",
    }
    parents = {key[0]: row["parent_key"] for key, row in prepared.items()}
    assert parents == {"DG": None, "14": None, "145": None, "14730": "14", "14730010": None}
    assert {row["disaggregation"] for row in prepared.values()} == {""}
    assert prepared["14730",]["value"] == 4.0
    times = {key[0]: (row["_year"], row["_month"], row["_day"]) for key, row in prepared.items()}
    assert times["DG"] == (2023, 1, 1)
    assert times["14"] == (2024, 12, 31)
    assert times["145"] == (2023, 10, 1)


def test_prepare_sorts_by_series_and_time_once():
    table = pl.DataFrame(
        {
            "indicator": ["b", "a", "a", "a"],
            "region_key": ["14730", "14730", "14730", "14729"],
            "period": [2020, 2021, 2019, 2022],
            "value": [1.0, 2.0, 3.0, 4.0],
        }
    )
    prepared = a.prepare(table)
    assert prepared.select("indicator", "region_key", "period").rows() == [
        ("a", "14729", 2022),
        ("a", "14730", 2019),
        ("a", "14730", 2021),
        ("b", "14730", 2020),
    ]
    assert prepared["_sid"].to_list() == [0, 1, 1, 2]
    assert a.prepare(prepared) is prepared
    # a prepared table that lost its order is sorted again
    shuffled = prepared.reverse()
    assert a.prepare(shuffled)["value"].to_list() == [4.0, 3.0, 2.0, 1.0]


def test_prepare_keeps_a_given_parent_and_level():
    table = {
        "indicator": ["x"],
        "region_key": ["02000"],
        "region_level": ["district"],
        "parent_key": ["02"],
        "period": [2023],
        "value": [1.0],
    }
    row = a.prepare(table).row(0, named=True)
    assert (row["region_level"], row["parent_key"]) == ("district", "02")
