"""Evaluating target indicators from the database and rolling them up (F14, F15)."""

import datetime as dt

import pytest

from kek.evaluation import methods
from kek.projects.evaluation import evaluate_concept, evaluate_indicators

from ..goals.factories import FieldOfActionFactory, StrategicGoalFactory, SubGoalFactory
from .factories import MeasurementFactory, ProjectFactory, TargetIndicatorFactory

pytestmark = pytest.mark.django_db


def measure(indicator, values: dict[int, float]) -> None:
    for year, value in values.items():
        MeasurementFactory(indicator=indicator, date=dt.date(year, 12, 31), value=value)


def test_it_evaluates_the_worked_example_with_target():
    indicator = TargetIndicatorFactory(
        direction=-1, baseline_year=2015, baseline_value=100, target_value=50, target_year=2030
    )
    measure(indicator, {2020: 90})
    result = evaluate_indicators([indicator])[indicator.pk]
    assert result["status"] == methods.LIMITED_PROGRESS
    assert result["progress_value"] == pytest.approx(0.4617, abs=1e-3)


def test_the_latest_measurement_of_a_year_counts_and_beats_the_baseline():
    indicator = TargetIndicatorFactory(baseline_year=2015, baseline_value=50)
    MeasurementFactory(indicator=indicator, date=dt.date(2015, 3, 1), value=100)
    MeasurementFactory(indicator=indicator, date=dt.date(2020, 3, 1), value=105)
    MeasurementFactory(indicator=indicator, date=dt.date(2020, 9, 1), value=110)
    result = evaluate_indicators([indicator])[indicator.pk]
    assert (result["base_value"], result["current_value"]) == (100, 110)
    assert result["status"] == methods.ON_TRACK


def test_methods_are_chosen_per_indicator():
    dns = TargetIndicatorFactory(method="dns", target_value=200, target_year=2030)
    trend = TargetIndicatorFactory(method="trend", direction=-1)
    measure(dns, {2018: 100, 2019: 120, 2020: 140, 2021: 160})
    measure(trend, {2015: 100, 2020: 70})  # −6.9 % a year, decrease desired
    results = evaluate_indicators([dns, trend])
    assert results[dns.pk]["status"] == methods.SUN
    assert results[trend.pk]["status"] == methods.CLEAR_IMPROVEMENT


def test_it_rolls_scores_progress_and_completeness_up_the_goal_system():
    field = FieldOfActionFactory()
    goal = StrategicGoalFactory(field=field)
    sub = SubGoalFactory(goal=goal)
    good = ProjectFactory(concept=field.concept, subgoals=[sub], status="completed")
    bad = ProjectFactory(concept=field.concept, subgoals=[sub], status="planned")
    rising = TargetIndicatorFactory(project=good, baseline_year=2015, baseline_value=100)
    falling = TargetIndicatorFactory(project=bad, baseline_year=2015, baseline_value=100)
    TargetIndicatorFactory(project=bad)  # no data
    measure(rising, {2020: 120})
    measure(falling, {2020: 80})

    evaluation = evaluate_concept(field.concept)

    assert evaluation.of(good).status == methods.ON_TRACK
    assert evaluation.of(bad).score == pytest.approx(-5)  # the unmeasured one does not count
    assert evaluation.of(bad).completeness == pytest.approx(0.5)
    assert evaluation.of(sub).indicators == 3 and evaluation.of(sub).rated == 2
    assert evaluation.of(sub).score == pytest.approx((evaluation.of(good).score - 5) / 2)
    assert evaluation.of(sub).progress == pytest.approx((100 + 10) / 2)
    assert evaluation.of(field.concept).score == pytest.approx(evaluation.of(sub).score)
    assert evaluation.of(field.concept).status_counts == {
        methods.ON_TRACK: 1,
        methods.DETERIORATION: 1,
        methods.NOT_AVAILABLE: 1,
    }
    assert evaluation.of(goal).projects == 2


def test_goal_indicators_count_next_to_their_projects():
    sub = SubGoalFactory()
    indicator = TargetIndicatorFactory(
        project=None, subgoal=sub, baseline_year=2015, baseline_value=10
    )
    measure(indicator, {2020: 12})
    evaluation = evaluate_concept(sub.concept)
    assert evaluation.of(sub).status == methods.ON_TRACK
    assert evaluation.of(sub.goal).status == methods.ON_TRACK


def test_evaluation_needs_a_fixed_number_of_queries(django_assert_max_num_queries):
    field = FieldOfActionFactory()
    sub = SubGoalFactory(goal=StrategicGoalFactory(field=field))
    for _ in range(15):
        project = ProjectFactory(concept=field.concept, subgoals=[sub])
        measure(TargetIndicatorFactory(project=project), {2015: 1, 2020: 2})
    with django_assert_max_num_queries(8):
        evaluate_concept(field.concept)
