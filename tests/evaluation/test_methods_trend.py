"""M3 – trend without target (SPEC §4)."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest

from kek.evaluation import methods as m


def evaluate_one(points: list[tuple[int, float]], direction: int = 1) -> dict[str, Any]:
    observations = pl.DataFrame(
        {
            "series_id": ["s"] * len(points),
            "year": [year for year, _ in points],
            "value": [value for _, value in points],
        },
        schema={"series_id": pl.String, "year": pl.Int64, "value": pl.Float64},
    )
    params = pl.DataFrame({"series_id": ["s"], "direction": [direction]})
    return m.evaluate_trend(observations, params).row(0, named=True)


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (0.0500001, m.CLEAR_IMPROVEMENT),
        (0.05, m.SLIGHT_IMPROVEMENT),
        (0.01, m.SLIGHT_IMPROVEMENT),
        (0.0099999, m.STABLE),
        (0.0, m.STABLE),
        (-0.0099999, m.STABLE),
        (-0.01, m.SLIGHT_WORSENING),
        (-0.0499999, m.SLIGHT_WORSENING),
        (-0.05, m.CLEAR_WORSENING),
        (-0.3, m.CLEAR_WORSENING),
        (float("nan"), m.NOT_AVAILABLE),
    ],
)
def test_it_classifies_the_trend_at_the_band_boundaries(value: float, status: str) -> None:
    assert m.classify_trend([value])[0] == status


def test_it_uses_the_cagr_over_the_whole_available_period() -> None:
    result = evaluate_one([(2010, 100.0), (2013, 50.0), (2020, 200.0)])

    assert (result["base_year"], result["current_year"], result["n_points"]) == (2010, 2020, 3)
    assert result["cagr"] == pytest.approx(2 ** (1 / 10) - 1)
    assert (result["status"], result["score"]) == (m.CLEAR_IMPROVEMENT, 5.0)


@pytest.mark.parametrize(
    ("direction", "status", "score"),
    [(1, m.SLIGHT_WORSENING, -2.5), (-1, m.SLIGHT_IMPROVEMENT, 2.5)],
)
def test_it_adjusts_the_trend_for_the_desired_direction(
    direction: int, status: str, score: float
) -> None:
    result = evaluate_one([(2015, 100.0), (2020, 90.0)], direction)

    assert result["progress_value"] == pytest.approx(direction * (0.9**0.2 - 1))
    assert (result["status"], result["score"]) == (status, score)


def test_it_rates_a_flat_series_as_stable() -> None:
    result = evaluate_one([(2015, 7.0), (2018, 7.0)])

    assert (result["status"], result["score"], result["cagr"]) == (m.STABLE, 0.0, 0.0)


def test_it_rates_a_clear_decline_as_clear_worsening() -> None:
    result = evaluate_one([(2015, 100.0), (2016, 90.0)])

    assert (result["status"], result["score"]) == (m.CLEAR_WORSENING, -5.0)


def test_it_applies_the_sign_rule_to_negative_series() -> None:
    result = evaluate_one([(2015, -100.0), (2020, -50.0)])

    assert result["sign"] == -1
    assert result["status"] == m.CLEAR_IMPROVEMENT


def test_it_replaces_a_zero_first_value_with_one_thousandth() -> None:
    result = evaluate_one([(2015, 0.0), (2020, 1.0)])

    assert (result["base_value"], result["note"]) == (0.001, m.BASE_ZERO_REPLACED)


@pytest.mark.parametrize(
    ("points", "reason"),
    [
        ([], m.NO_DATA),
        ([(2020, 5.0)], m.FEWER_THAN_2_POINTS),
        ([(2015, 5.0), (2020, -5.0)], m.OPPOSITE_SIGNS),
    ],
)
def test_it_reports_not_available_when_no_trend_can_be_computed(
    points: list[tuple[int, float]], reason: str
) -> None:
    result = evaluate_one(points)

    assert (result["status"], result["reason"], result["score"]) == (m.NOT_AVAILABLE, reason, None)
