"""M1 – Open SDG progress measure (SPEC §4), checked against sdg-build's arithmetic."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
import pytest

from kek.evaluation import methods as m


def evaluate_one(points: list[tuple[int, float]], **params: Any) -> dict[str, Any]:
    observations = pl.DataFrame(
        {
            "series_id": ["s"] * len(points),
            "year": [year for year, _ in points],
            "value": [value for _, value in points],
        },
        schema={"series_id": pl.String, "year": pl.Int64, "value": pl.Float64},
    )
    profile = params.pop("profile", m.DEFAULT_PROFILE)
    params_frame = pl.DataFrame([{"series_id": "s", "direction": 1} | params])
    return m.evaluate_open_sdg(observations, params_frame, profile=profile).row(0, named=True)


def sdg_build(
    base: float,
    current: float,
    years: tuple[int, int],
    direction: int,
    target: float | None = None,
    target_year: int = 2030,
) -> tuple[str, float, float]:
    """Transcription of sdg-build's SeriesProgress arithmetic (default thresholds, no limit):
    returns (status in SPEC names, progress value, score)."""
    base_year, current_year = years
    if target == 0:
        target = 0.001
    sign = -1 if base < 0 else 1
    achieved = target is not None and (
        (direction == -1 and current <= target) or (direction == 1 and current >= target)
    )
    if base == 0:
        base = 0.001

    def growth(v1: float, v2: float, t1: float, t2: float) -> float:
        return ((v1 / v2) ** (1 / (t1 - t2))) - 1

    observed = growth(current, base, current_year, base_year)
    if target is None:
        value = sign * direction * observed
        high, med, low = 0.015, 0.005, 0
        if value < low:
            score = max(125 * value - 2.5, -5)
        elif value >= high:
            score = min(500 * value - 5, 5)
        elif value >= med:
            score = 250 * value - 1.25
        else:
            score = 500 * value - 2.5
    else:
        required = growth(target, base, target_year, base_year)
        value = sign * direction * observed / abs(required)
        high, med, low = 0.95, 0.6, 0
        upper, lower = min(7.1429 * value - 4.2857, 5), max(4.1667 * value - 2.5, -5)
        score = upper if value >= med else lower
    if achieved:
        return m.TARGET_ACHIEVED, value, 5
    if value >= high:
        status = m.ON_TRACK
    elif value >= med:
        status = m.NEEDS_ACCELERATION
    elif value >= low:
        status = m.LIMITED_PROGRESS
    else:
        status = m.DETERIORATION
    return status, value, score


def test_it_rates_the_worked_example_with_target_as_limited_progress() -> None:
    result = evaluate_one([(2015, 100.0), (2020, 90.0)], direction=-1, target=50.0)

    # Exactly 0.461744; SPEC's 0.4618 divides the CAGRs rounded to six places.
    assert result["progress_value"] == pytest.approx(0.4618, abs=1e-4)
    assert result["status"] == m.LIMITED_PROGRESS
    assert result["cagr_observed"] == pytest.approx(0.9**0.2 - 1)
    assert result["cagr_required"] == pytest.approx(0.5 ** (1 / 15) - 1)
    assert (result["base_year"], result["current_year"], result["target_year"]) == (
        2015,
        2020,
        2030,
    )


def test_it_rates_the_worked_example_without_target_as_on_track() -> None:
    result = evaluate_one([(2015, 100.0), (2020, 110.0)], direction=1)

    assert result["progress_value"] == pytest.approx(0.01924, abs=5e-6)
    assert result["cagr_observed"] == pytest.approx(0.01924, abs=5e-6)
    assert result["status"] == m.ON_TRACK
    assert result["target"] is None and result["target_year"] is None
    assert result["threshold_profile"] == "default"


@pytest.mark.parametrize(
    ("base", "current", "direction", "target"),
    [
        (100.0, 90.0, -1, 50.0),
        (100.0, 70.0, -1, 50.0),
        (100.0, 83.0, -1, 50.0),
        (100.0, 105.0, -1, 50.0),
        (100.0, 110.0, 1, None),
        (100.0, 101.0, 1, None),
        (100.0, 99.0, 1, None),
        (100.0, 97.0, -1, None),
        (-100.0, -90.0, 1, None),
        (-100.0, -90.0, 1, -60.0),
        (-100.0, -110.0, 1, -60.0),
        (0.0, 5.0, 1, None),
        (10.0, 5.0, -1, 0.0),
        (20.0, 30.0, 1, 25.0),
        (2.0, 1.0, 1, 8.0),
    ],
)
def test_it_agrees_with_sdg_build_progress_measure(
    base: float, current: float, direction: int, target: float | None
) -> None:
    status, value, score = sdg_build(base, current, (2015, 2020), direction, target)

    result = evaluate_one([(2015, base), (2020, current)], direction=direction, target=target)

    assert result["status"] == status
    assert result["progress_value"] == pytest.approx(value, rel=1e-12)
    assert result["score"] == pytest.approx(score, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize(("direction", "current"), [(-1, 45.0), (-1, 50.0), (1, 50.0)])
def test_it_marks_target_achieved_when_current_meets_target(direction: int, current: float) -> None:
    base = 100.0 if direction == -1 else 10.0

    result = evaluate_one([(2015, base), (2020, current)], direction=direction, target=50.0)

    assert result["status"] == m.TARGET_ACHIEVED
    assert result["score"] == 5.0


def test_it_keeps_target_achieved_when_no_progress_value_can_be_computed() -> None:
    result = evaluate_one([(2019, 40.0)], direction=-1, target=50.0)

    assert result["status"] == m.TARGET_ACHIEVED
    assert result["reason"] == m.LESS_THAN_ONE_YEAR
    assert result["progress_value"] is None


def test_it_falls_back_to_the_first_later_year_when_base_year_has_no_data() -> None:
    result = evaluate_one([(2012, 50.0), (2016, 100.0), (2017, 104.0), (2020, 110.0)])

    assert (result["base_year_requested"], result["base_year"]) == (2015, 2016)
    assert result["base_value"] == 100.0
    assert result["cagr_observed"] == pytest.approx(1.1**0.25 - 1)


def test_it_uses_the_requested_base_year_when_it_has_data() -> None:
    result = evaluate_one([(2012, 50.0), (2016, 100.0), (2020, 110.0)], base_year=2012)

    assert (result["base_year"], result["base_value"]) == (2012, 50.0)


def test_it_reports_not_available_without_data() -> None:
    result = evaluate_one([], target=5.0)

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.NO_DATA)
    assert result["score"] is None


def test_it_reports_not_available_when_base_year_is_after_latest_year() -> None:
    result = evaluate_one([(2010, 1.0), (2014, 2.0)], base_year=2015)

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.BASE_YEAR_AFTER_LATEST)
    assert result["base_year"] is None and result["current_year"] == 2014


def test_it_reports_not_available_with_less_than_one_year_between_base_and_current() -> None:
    result = evaluate_one([(2013, 1.0), (2015, 2.0)])

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.LESS_THAN_ONE_YEAR)
    assert result["base_year"] == result["current_year"] == 2015


@pytest.mark.parametrize(("base", "current"), [(10.0, -5.0), (-10.0, 5.0), (0.0, -5.0)])
def test_it_reports_not_available_when_base_and_current_have_opposite_signs(
    base: float, current: float
) -> None:
    result = evaluate_one([(2015, base), (2020, current)])

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.OPPOSITE_SIGNS)
    assert result["cagr_observed"] is None


def test_it_reports_not_available_when_target_year_is_not_after_base_year() -> None:
    result = evaluate_one([(2015, 10.0), (2020, 12.0)], target=20.0, target_year=2015)

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.TARGET_YEAR_NOT_AFTER_BASE)


def test_it_reports_not_available_when_base_and_target_have_opposite_signs() -> None:
    result = evaluate_one([(2015, 10.0), (2020, 12.0)], direction=-1, target=-5.0)

    assert (result["status"], result["reason"]) == (m.NOT_AVAILABLE, m.TARGET_OPPOSITE_SIGN)


def test_it_replaces_a_zero_target_with_one_thousandth() -> None:
    result = evaluate_one([(2015, 10.0), (2020, 5.0)], direction=-1, target=0.0)

    required = (0.001 / 10) ** (1 / 15) - 1
    assert result["target"] == 0.001
    assert result["note"] == m.TARGET_ZERO_REPLACED
    assert result["cagr_required"] == pytest.approx(required)
    assert result["progress_value"] == pytest.approx(-(0.5**0.2 - 1) / abs(required))


def test_it_replaces_a_zero_base_with_one_thousandth() -> None:
    result = evaluate_one([(2015, 0.0), (2020, 5.0)], direction=1)

    assert result["base_value"] == 0.001
    assert result["note"] == m.BASE_ZERO_REPLACED
    assert result["cagr_observed"] == pytest.approx(5000**0.2 - 1)
    assert result["status"] == m.ON_TRACK


def test_it_lists_both_replacements_in_the_note() -> None:
    result = evaluate_one([(2015, 0.0), (2020, 5.0)], direction=-1, target=0.0)

    assert result["note"] == f"{m.BASE_ZERO_REPLACED}; {m.TARGET_ZERO_REPLACED}"


@pytest.mark.parametrize(("direction", "status"), [(1, m.ON_TRACK), (-1, m.DETERIORATION)])
def test_it_applies_the_sign_rule_to_negative_series(direction: int, status: str) -> None:
    result = evaluate_one([(2015, -100.0), (2020, -90.0)], direction=direction)

    assert result["sign"] == -1
    assert result["progress_value"] == pytest.approx(-direction * (0.9**0.2 - 1))
    assert result["status"] == status


def test_it_rates_a_missed_target_equal_to_the_baseline_as_deterioration() -> None:
    result = evaluate_one([(2015, 100.0), (2020, 95.0)], direction=1, target=100.0)

    assert result["cagr_required"] == 0.0
    assert result["progress_value"] == -np.inf
    assert (result["status"], result["score"]) == (m.DETERIORATION, -5.0)


def test_it_rates_a_met_target_equal_to_the_baseline_as_achieved() -> None:
    result = evaluate_one([(2015, 100.0), (2020, 100.0)], direction=1, target=100.0)

    assert (result["status"], result["score"]) == (m.TARGET_ACHIEVED, 5.0)


@pytest.mark.parametrize(
    ("profile", "status"), [("default", m.DETERIORATION), ("eurostat", m.LIMITED_PROGRESS)]
)
def test_it_applies_the_selected_no_target_profile(profile: str, status: str) -> None:
    result = evaluate_one([(2015, 100.0), (2020, 100.0 * 0.995**5)], profile=profile)

    assert result["progress_value"] == pytest.approx(-0.005)
    assert (result["threshold_profile"], result["status"]) == (profile, status)


def test_it_takes_the_threshold_profile_per_series_from_params() -> None:
    observations = pl.DataFrame(
        {"series_id": ["a", "a", "b", "b"], "year": [2015, 2020] * 2, "value": [100.0, 101.0] * 2}
    )
    params = pl.DataFrame(
        {"series_id": ["a", "b"], "direction": [1, 1], "threshold_profile": ["eurostat", None]}
    )

    result = m.evaluate_open_sdg(observations, params)

    assert result["status"].to_list() == [m.NEEDS_ACCELERATION, m.LIMITED_PROGRESS]
    assert result["threshold_high"].to_list() == [0.01, 0.015]


def test_it_evaluates_many_series_in_params_order() -> None:
    observations = pl.DataFrame(
        {
            "series_id": ["b", "a", "b", "a", "c"],
            "year": [2020, 2020, 2015, 2015, 2018],
            "value": [110.0, 90.0, 100.0, 100.0, 7.0],
        }
    )
    params = pl.DataFrame(
        {
            "series_id": ["c", "a", "b", "z"],
            "direction": [1, -1, 1, 1],
            "target": [None, 50, None, 1],
        }
    )

    result = m.evaluate_open_sdg(observations, params)

    assert result["series_id"].to_list() == ["c", "a", "b", "z"]
    assert result["status"].to_list() == [
        m.NOT_AVAILABLE,
        m.LIMITED_PROGRESS,
        m.ON_TRACK,
        m.NOT_AVAILABLE,
    ]
    assert result.columns == list(m.SCHEMAS[m.OPEN_SDG])


def test_it_ignores_missing_values() -> None:
    result = evaluate_one([(2015, 100.0), (2019, 105.0), (2020, float("nan"))])

    assert result["current_year"] == 2019


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-0.03, -5.0), (-0.02, -5.0), (-0.01, -3.75), (0.0, -2.5), (0.003, -1.0), (0.005, 0.0)]
    + [(0.01, 1.25), (0.015, 2.5), (0.018, 4.0), (0.02, 5.0), (0.5, 5.0)],
)
def test_it_scores_without_target_with_sdg_build_lines(value: float, expected: float) -> None:
    assert m.score_open_sdg_without_target(value) == pytest.approx(expected)


def test_it_maps_eurostat_thresholds_to_the_score_bands() -> None:
    scores = m.score_open_sdg_without_target([0.01, 0.0, -0.01], 0.01, 0.0, -0.01)

    assert scores == pytest.approx([2.5, 0.0, -2.5])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-1.0, -5.0), (0.0, -2.5), (0.3, 4.1667 * 0.3 - 2.5), (0.6, 0.0), (0.95, 2.5), (2.0, 5.0)],
)
def test_it_scores_with_target_with_sdg_build_lines(value: float, expected: float) -> None:
    assert m.score_open_sdg_with_target(value) == pytest.approx(expected, abs=1e-4)


def test_it_rejects_two_values_for_the_same_year() -> None:
    observations = {"series_id": ["a", "a"], "year": [2015, 2015], "value": [1.0, 2.0]}

    with pytest.raises(ValueError, match="two values"):
        m.evaluate_open_sdg(observations, {"series_id": ["a"], "direction": [1]})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"series_id": ["a"], "direction": [2]}, "direction"),
        ({"series_id": ["a", "a"], "direction": [1, 1]}, "unique"),
        ({"series_id": ["a"]}, "missing column"),
        ({"series_id": ["a"], "direction": [1], "threshold_profile": ["x"]}, "threshold_profile"),
    ],
)
def test_it_rejects_invalid_params(params: dict[str, list[Any]], message: str) -> None:
    observations = {"series_id": ["a"], "year": [2015], "value": [1.0]}

    with pytest.raises(ValueError, match=message):
        m.evaluate_open_sdg(observations, params)
