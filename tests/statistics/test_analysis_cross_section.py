"""F9 – rank, percentile, district vs. Land vs. Germany, distribution (pure, no database)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kek.statistics import analysis as a

# Districts A–F in three Länder; E has only a status symbol.
DISTRICTS = {
    "14001": ("14", 10.0),  # A
    "14002": ("14", 20.0),  # B
    "15001": ("15", 20.0),  # C
    "15002": ("15", 30.0),  # D
    "14003": ("14", None),  # E
    "16001": ("16", 25.0),  # F
}


def cross_section(indicator: str = "x", period: int = 2023) -> pl.DataFrame:
    keys = list(DISTRICTS)
    rows = {
        "indicator": [indicator] * (len(keys) + 4),
        "region_key": [*keys, "14", "15", "16", "DG"],
        "region_level": ["district"] * len(keys) + ["state"] * 3 + ["country"],
        "parent_key": [DISTRICTS[k][0] for k in keys] + ["DG"] * 3 + [None],
        "period": [period] * (len(keys) + 4),
        "value": [DISTRICTS[k][1] for k in keys] + [18.0, 0.0, None, 22.0],
    }
    return pl.DataFrame(rows, schema_overrides={"value": pl.Float64})


def column(frame: pl.DataFrame, name: str) -> dict[str, object]:
    return dict(zip(frame["region_key"], frame[name], strict=True))


def test_rank_higher_is_better_with_ties_and_a_missing_value():
    ranked = a.rank(cross_section(), {"x": 1})
    assert ranked.height == 6  # districts only
    assert column(ranked, "rank") == {
        "15002": 1,
        "16001": 2,
        "14002": 3,
        "15001": 3,
        "14001": 5,
        "14003": None,
    }
    assert set(ranked["rank_count"]) == {5}
    # 100 × (n − mean rank) / (n − 1): D 100, F 75, B and C (mean rank 3.5) 37.5, A 0
    assert column(ranked, "percentile") == {
        "15002": 100.0,
        "16001": 75.0,
        "14002": 37.5,
        "15001": 37.5,
        "14001": 0.0,
        "14003": None,
    }


def test_rank_lower_is_better_puts_the_lowest_first():
    ranked = a.rank(cross_section(), {"x": -1})
    assert column(ranked, "rank") == {
        "14001": 1,
        "14002": 2,
        "15001": 2,
        "16001": 4,
        "15002": 5,
        "14003": None,
    }
    assert column(ranked, "percentile") == {
        "14001": 100.0,
        "14002": 62.5,
        "15001": 62.5,
        "16001": 25.0,
        "15002": 0.0,
        "14003": None,
    }
    assert set(ranked["direction"]) == {-1}


def test_rank_without_direction_ranks_the_highest_first():
    assert column(a.rank(cross_section()), "rank") == column(
        a.rank(cross_section(), {"x": 1}), "rank"
    )
    assert column(a.rank(cross_section(), {"x": 0}), "rank")["15002"] == 1


def test_rank_within_the_land():
    ranked = a.rank(cross_section(), pl.DataFrame({"indicator": ["x"], "direction": [1]}))
    assert column(ranked, "land_key")["14002"] == "14"
    assert column(ranked, "rank_land") == {
        "14002": 1,
        "14001": 2,
        "14003": None,
        "15002": 1,
        "15001": 2,
        "16001": 1,
    }
    assert column(ranked, "rank_count_land") == {
        "14002": 2,
        "14001": 2,
        "14003": 2,
        "15002": 2,
        "15001": 2,
        "16001": 1,
    }
    percentiles = column(ranked, "percentile_land")
    assert (percentiles["14002"], percentiles["14001"]) == (100.0, 0.0)
    assert percentiles["16001"] is None  # alone in its Land


def test_rank_each_cross_section_separately():
    table = pl.concat([cross_section("x", 2022), cross_section("x", 2023), cross_section("y")])
    table = table.with_columns(
        value=pl.when((pl.col("period") == 2022) & (pl.col("region_key") == "14001"))
        .then(99.0)
        .otherwise(pl.col("value"))
    )
    ranked = a.rank(table, {"x": 1, "y": -1})
    top = ranked.filter(pl.col("rank") == 1).sort("indicator", "period")
    assert top.select("indicator", "period", "region_key").rows() == [
        ("x", 2022, "14001"),
        ("x", 2023, "15002"),
        ("y", 2023, "14001"),
    ]


def test_comparison_district_land_germany_direction_aware():
    result = a.comparison(cross_section(), {"x": -1}, home_key="14002")
    assert result.height == 1
    row = result.row(0, named=True)
    assert (row["value"], row["land_key"], row["land_value"], row["germany_value"]) == (
        20.0,
        "14",
        18.0,
        22.0,
    )
    assert row["diff_land"] == pytest.approx(2.0)
    assert row["diff_land_pct"] == pytest.approx(100 * 2 / 18)
    assert row["diff_germany"] == pytest.approx(-2.0)
    assert row["diff_germany_pct"] == pytest.approx(100 * -2 / 22)
    # lower is better: above the Land is worse, below Germany is better
    assert (row["vs_land"], row["vs_germany"]) == (-1, 1)


def test_comparison_for_all_districts_with_missing_and_zero_references():
    result = a.comparison(cross_section(), {"x": 1})
    assert result.height == 6
    land_pct = column(result, "diff_land_pct")
    assert land_pct["15001"] is None  # Land value 0: no percentage
    assert column(result, "diff_land")["15001"] == 20.0
    assert column(result, "vs_land")["15001"] == 1
    assert column(result, "land_value")["16001"] is None  # Land with a symbol
    assert column(result, "vs_land")["16001"] is None
    assert column(result, "vs_germany")["14003"] is None  # district with a symbol
    assert column(result, "vs_germany")["15002"] == 1
    assert column(result, "vs_germany")["14001"] == -1


def test_comparison_without_direction_has_no_verdict():
    result = a.comparison(cross_section())
    assert result["vs_land"].null_count() == result.height
    assert column(result, "diff_germany")["15002"] == 8.0


def test_distribution_summary_and_home_position():
    summary = a.distribution(cross_section(), home_key="14002", directions={"x": 1})
    assert summary.height == 1
    row = summary.row(0, named=True)
    # values 10, 20, 20, 25, 30 (E's symbol is not counted, states are not districts)
    assert row["count"] == 5
    assert (row["min"], row["q1"], row["median"], row["q3"], row["max"]) == (
        10.0,
        20.0,
        20.0,
        25.0,
        30.0,
    )
    assert row["mean"] == pytest.approx(21.0)
    assert (row["min_region_key"], row["max_region_key"]) == ("14001", "15002")
    assert (row["home_value"], row["home_rank"], row["home_rank_count"]) == (20.0, 3, 5)
    assert row["home_percentile"] == 37.5


def test_distribution_quartiles_interpolate_linearly_and_ties_name_the_smallest_key():
    table = pl.DataFrame(
        {
            "indicator": ["x"] * 4,
            "region_key": ["05002", "05001", "05003", "05004"],
            "period": [2023] * 4,
            "value": [4.0, 1.0, 4.0, 2.0],
        }
    )
    row = a.distribution(table).row(0, named=True)
    # sorted 1, 2, 4, 4: q1 at position 0.75 → 1.75, median 3, q3 at 2.25 → 4
    assert (row["q1"], row["median"], row["q3"]) == (1.75, 3.0, 4.0)
    assert row["max_region_key"] == "05002"
    assert row["min_region_key"] == "05001"
    assert "home_rank" not in summary_columns(table)


def summary_columns(table: pl.DataFrame) -> list[str]:
    return a.distribution(table).columns


def test_distribution_home_without_value():
    row = a.distribution(cross_section(), home_key="14003").row(0, named=True)
    assert row["home_value"] is None
    assert row["home_rank"] is None


@pytest.mark.parametrize("direction", [1, -1])
def test_distribution_home_position_agrees_with_rank_for_every_district(direction):
    table = cross_section()
    ranks = a.rank(table, {"x": direction}).filter(pl.col("rank").is_not_null())
    assert ranks.height > 1
    for row in ranks.to_dicts():
        home = a.distribution(table, row["region_key"], {"x": direction}).row(0, named=True)
        assert (home["home_rank"], home["home_rank_count"], home["home_percentile"]) == (
            row["rank"],
            row["rank_count"],
            row["percentile"],
        )


def reference_ranks(values: list[float | None], direction: int) -> list[tuple]:
    """Plain definition: rank = 1 + number of better values; percentile from worse and ties."""
    valued = [v for v in values if v is not None]
    n = len(valued)
    result = []
    for v in values:
        if v is None:
            result.append((None, None))
            continue
        better = sum(1 for w in valued if (w < v if direction < 0 else w > v))
        ties = sum(1 for w in valued if w == v) - 1
        worse = n - 1 - better - ties
        result.append((better + 1, 100 * (worse + ties / 2) / (n - 1) if n > 1 else None))
    return result


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.integers(-3, 3).map(float)), min_size=1, max_size=12),
    direction=st.sampled_from([1, -1, 0]),
)
def test_rank_matches_the_plain_definition(values, direction):
    keys = [f"05{i:03d}" for i in range(len(values))]
    table = pl.DataFrame(
        {"indicator": "x", "region_key": keys, "period": 2023, "value": values},
        schema_overrides={"value": pl.Float64},
    )
    ranked = a.rank(table, {"x": direction})
    got = dict(
        zip(
            ranked["region_key"],
            zip(ranked["rank"], ranked["percentile"], strict=True),
            strict=True,
        )
    )
    expected = dict(zip(keys, reference_ranks(values, direction), strict=True))
    assert expected and got.keys() == expected.keys()
    for key, (rank, percentile) in expected.items():
        assert got[key][0] == rank
        assert got[key][1] == pytest.approx(percentile)
