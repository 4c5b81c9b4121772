"""M2 – weather symbols of the German Sustainability Strategy (SPEC §4)."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
import pytest

from kek.evaluation import methods as m

RISING = [(2015 + i, 10.0 + i) for i in range(6)]  # slope 1, current 15 in 2020


def evaluate_one(
    points: list[tuple[int, float]], estimator: str = "slope", **params: Any
) -> dict[str, Any]:
    observations = pl.DataFrame(
        {
            "series_id": ["s"] * len(points),
            "year": [year for year, _ in points],
            "value": [value for _, value in points],
        },
        schema={"series_id": pl.String, "year": pl.Int64, "value": pl.Float64},
    )
    params_frame = pl.DataFrame([{"series_id": "s", "direction": 1} | params])
    return m.evaluate_dns(observations, params_frame, estimator=estimator).row(0, named=True)


def test_it_shows_sun_when_the_projection_reaches_the_target() -> None:
    result = evaluate_one(RISING, target=25.0, target_year=2030)

    assert result["trend"] == pytest.approx(1.0)
    assert result["projected_value"] == pytest.approx(25.0)
    assert result["miss_pct"] == pytest.approx(0.0, abs=1e-9)
    assert (result["status"], result["score"]) == (m.SUN, 5.0)


def test_it_shows_sun_when_the_target_is_already_reached() -> None:
    result = evaluate_one(RISING, target=12.0)

    assert (result["status"], result["miss_pct"]) == (m.SUN, 0.0)


def test_it_shows_sun_and_cloud_for_a_miss_between_5_and_20_percent() -> None:
    result = evaluate_one(RISING, target=26.5, target_year=2030)

    assert result["gap"] == pytest.approx(11.5)
    assert result["miss_pct"] == pytest.approx(100 * 1.5 / 11.5)
    assert (result["status"], result["score"]) == (m.SUN_CLOUD, 2.5)


def test_it_shows_cloud_for_a_miss_above_20_percent_in_the_desired_direction() -> None:
    result = evaluate_one(RISING, target=40.0, target_year=2030)

    assert result["miss_pct"] == pytest.approx(60.0)
    assert (result["status"], result["score"]) == (m.CLOUD, 0.0)


def test_it_shows_thunderstorm_when_moving_away_from_the_target() -> None:
    falling = [(year, 25.0 - value) for year, value in RISING]

    result = evaluate_one(falling, target=25.0)

    assert result["annual_change"] == pytest.approx(-1.0)
    assert (result["status"], result["score"]) == (m.THUNDERSTORM, -5.0)


def test_it_shows_cloud_for_a_flat_series_below_target() -> None:
    result = evaluate_one([(2018, 10.0), (2019, 10.0), (2020, 10.0)], target=20.0)

    assert result["annual_change"] == 0.0
    assert (result["miss_pct"], result["status"]) == (100.0, m.CLOUD)


def test_it_rates_decrease_desired_series() -> None:
    falling = [(year, 30.0 - value) for year, value in RISING]  # 20 → 15

    assert evaluate_one(falling, direction=-1, target=5.0)["status"] == m.SUN
    assert evaluate_one(falling, direction=1, target=25.0)["status"] == m.THUNDERSTORM


@pytest.mark.parametrize(
    ("target", "status"),
    [(34.5, m.SUN), (35.0, m.SUN_CLOUD), (38.75, m.SUN_CLOUD), (40.0, m.CLOUD)],
)
def test_it_puts_exactly_5_and_20_percent_into_sun_and_cloud(target: float, status: str) -> None:
    # endpoints: (15 − 3.125) / 5 = 2.375 a year; eight years to 2028 → projected 34.
    points = [(2015, 3.125), (2017, 8.0), (2020, 15.0)]

    result = evaluate_one(points, "endpoints", target=target, target_year=2028)

    assert result["projected_value"] == 34.0
    assert result["status"] == status


def test_it_marks_exact_boundary_values_of_the_miss() -> None:
    points = [(2015, 3.125), (2017, 8.0), (2020, 15.0)]

    at_5 = evaluate_one(points, "endpoints", target=35.0, target_year=2028)
    at_20 = evaluate_one(points, "endpoints", target=38.75, target_year=2028)

    assert (at_5["miss_pct"], at_20["miss_pct"]) == (5.0, 20.0)


SERIES = [(2015, 10.0), (2016, 14.0), (2017, 12.0), (2018, 13.0), (2019, 15.0), (2020, 16.0)]


def test_it_estimates_the_trend_by_least_squares_slope_by_default() -> None:
    slope = np.polyfit([year for year, _ in SERIES], [value for _, value in SERIES], 1)[0]

    result = evaluate_one(SERIES, target=30.0, target_year=2030)

    assert result["estimator"] == "slope"
    assert result["trend"] == pytest.approx(slope)
    assert result["projected_value"] == pytest.approx(16.0 + 10 * slope)


def test_it_estimates_the_trend_from_the_end_points() -> None:
    result = evaluate_one(SERIES, "endpoints", target=30.0, target_year=2030)

    assert result["trend"] == pytest.approx(1.2)
    assert result["projected_value"] == pytest.approx(28.0)
    assert result["miss_pct"] == pytest.approx(100 * 2 / 14)
    assert result["status"] == m.SUN_CLOUD


def test_it_estimates_the_trend_as_compound_rate() -> None:
    rate = 1.6**0.2 - 1

    result = evaluate_one(SERIES, "compound", target=30.0, target_year=2030)

    assert result["trend"] == pytest.approx(rate)
    assert result["annual_change"] == pytest.approx(16.0 * rate)
    assert result["projected_value"] == pytest.approx(16.0 * (1 + rate) ** 10)
    assert result["status"] == m.SUN


def test_it_uses_only_the_last_six_data_points() -> None:
    history = [(year, 1000.0) for year in range(2000, 2015)]

    result = evaluate_one(history + RISING, target=25.0)

    assert (result["n_points"], result["window_start_year"]) == (6, 2015)
    assert result["trend"] == pytest.approx(1.0)


def test_it_projects_the_current_value_when_the_target_year_has_passed() -> None:
    result = evaluate_one(RISING, target=30.0, target_year=2018)

    assert (result["horizon"], result["projected_value"]) == (0, 15.0)
    assert (result["miss_pct"], result["status"]) == (100.0, m.CLOUD)


@pytest.mark.parametrize(
    ("points", "params", "reason"),
    [
        (RISING[:2], {"target": 30.0}, m.FEWER_THAN_3_POINTS),
        (RISING, {"target": None}, m.NO_TARGET),
        ([], {"target": 30.0}, m.NO_DATA),
    ],
)
def test_it_does_not_rate_series_it_cannot_judge(
    points: list[tuple[int, float]], params: dict[str, Any], reason: str
) -> None:
    result = evaluate_one(points, **params)

    assert (result["status"], result["reason"], result["score"]) == (m.NOT_RATED, reason, None)
    assert result["projected_value"] is None


@pytest.mark.parametrize("first", [0.0, -5.0])
def test_it_does_not_rate_an_undefined_compound_rate(first: float) -> None:
    points = [(2018, first), (2019, 3.0), (2020, 5.0)]

    result = evaluate_one(points, "compound", target=10.0)

    assert (result["status"], result["reason"]) == (m.NOT_RATED, m.COMPOUND_UNDEFINED)


def test_it_takes_the_estimator_per_series_from_params() -> None:
    observations = pl.DataFrame(
        {"series_id": ["a"] * 6 + ["b"] * 6, "year": list(range(2015, 2021)) * 2}
        | {"value": [value for _, value in SERIES] * 2}
    )
    params = pl.DataFrame(
        {"series_id": ["a", "b"], "direction": [1, 1], "target": [30.0, 30.0]}
        | {"estimator": ["endpoints", None]}
    )

    result = m.evaluate_dns(observations, params, estimator="compound")

    assert result["estimator"].to_list() == ["endpoints", "compound"]
    assert result["trend"][0] == pytest.approx(1.2)


def test_it_rejects_an_unknown_estimator() -> None:
    with pytest.raises(ValueError, match="estimator"):
        evaluate_one(RISING, "median", target=30.0)
