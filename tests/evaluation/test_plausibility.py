"""Plausibility checks of a measured value against its indicator's series (issue 11): jump,
range, decimal-separator slip, and numbers as Germans type them."""

import datetime as dt

import pytest

from kek.evaluation.plausibility import (
    JUMP,
    RANGE,
    SLIP,
    Indicator,
    Point,
    Thresholds,
    check,
    parse_number,
    series_of,
)


def yearly(*values: float, start: int = 2019) -> list[Point]:
    return [Point(dt.date(start + i, 12, 31), v) for i, v in enumerate(values)]


def checks(value: float, indicator: Indicator, typed: str | None = None, year: int = 2024):
    return [f.check for f in check(value, dt.date(year, 12, 31), indicator, typed)]


AROUND_50 = Indicator(unit="Anzahl", baseline=45, target=60, series=yearly(48, 50, 52, 49, 50))


# ----------------------------------------------------------------------------- (a) jump


def test_it_flags_a_change_beyond_three_times_the_largest_recent_change():
    # Changes 2, 2, 3, 1: the largest is 3; from 50 to 60 is 10 > 3 × 3.
    (finding,) = check(60, dt.date(2024, 12, 31), AROUND_50)
    assert finding.check == JUMP
    assert finding.text == (
        "Der Wert 60 weicht um 10 vom vorigen Wert (50 am 31.12.2023) ab – mehr als dreimal so "
        "viel wie die größte jährliche Veränderung der letzten Werte (3). Bitte prüfen Sie den "
        "Wert."
    )


def test_it_lets_a_change_within_the_factor_pass():
    assert checks(58.9, AROUND_50) == []  # 8.9 ≤ 3 × 3


def test_it_skips_the_jump_check_with_too_few_values():
    two = Indicator(unit="Anzahl", baseline=10, target=50, series=yearly(10, 12))
    assert checks(40, two) == []
    three = Indicator(unit="Anzahl", baseline=10, target=50, series=yearly(10, 11, 12))
    assert checks(40, three) == [JUMP]


def test_it_skips_the_jump_check_for_a_series_that_never_changed():
    flat = Indicator(unit="Anzahl", series=yearly(5, 5, 5))
    assert checks(6, flat) == []


def test_it_counts_changes_per_year_where_values_are_years_apart():
    # 10 → 14 over four years is 1 a year; 14 → 17 in two years 1.5: 4 in one year is < 3 × 1.5.
    sparse = Indicator(series=[Point(dt.date(y, 12, 31), v) for y, v in [(2016, 10), (2020, 14),
                                                                          (2022, 17)]])  # fmt: skip
    assert checks(21, sparse, year=2023) == []
    assert checks(22, sparse, year=2023) == [JUMP]  # 5 > 4.5


def test_the_jump_factor_is_configurable():
    lenient = Thresholds.of({"jump_factor": 5})
    assert check(60, dt.date(2024, 12, 31), AROUND_50, thresholds=lenient) == []


# ----------------------------------------------------------------------------- (b) range


def test_it_flags_a_negative_count():
    (finding, *_) = check(-3, dt.date(2024, 12, 31), AROUND_50)
    assert finding.check == RANGE
    assert finding.text == (
        "Der Wert −3 ist negativ; in der Einheit „Anzahl“ gibt es nur Werte ab 0."
    )


@pytest.mark.parametrize("value", [-0.5, 100.5])
def test_it_flags_a_percentage_outside_0_to_100(value):
    share = Indicator(unit="%", baseline=40, target=60, series=yearly(41, 42))
    assert checks(value, share)[0] == RANGE


def test_a_percentage_may_be_0_or_100_and_an_unknown_unit_negative():
    assert checks(100, Indicator(unit="%", baseline=90, target=100)) == []
    assert checks(0, Indicator(unit=" Prozent ", baseline=10, target=0)) == []
    assert checks(-2, Indicator(unit="Saldo", baseline=-1, target=1)) == []


def test_it_flags_a_value_far_beyond_baseline_target_and_earlier_values():
    # Baseline 10, target 30: span 20, so plausible is −30 … 70.
    radweg = Indicator(unit="km", baseline=10, target=30, series=yearly(12))
    assert checks(70, radweg) == []
    (finding,) = check(95, dt.date(2024, 12, 31), radweg)
    assert finding.check == RANGE
    assert "weit außerhalb" in finding.text and "(10 bis 30)" in finding.text


def test_a_value_beyond_baseline_and_target_is_plausible_if_the_series_was_there():
    moved = Indicator(unit="km", baseline=10, target=30, series=yearly(12, 60, 90, 120))
    assert RANGE not in checks(140, moved)


def test_without_baseline_target_or_values_nothing_can_be_judged():
    assert checks(1e9, Indicator(unit="km")) == []


# ----------------------------------------------------------------------------- (c) slip


@pytest.mark.parametrize("typed", ["1.234,5", "1,234.5"])
def test_it_flags_a_decimal_separator_slip(typed):
    findings = check(parse_number(typed), dt.date(2024, 12, 31), AROUND_50, typed)
    # Only the slip: the jump and the distance from the target say the same again.
    assert [f.text for f in findings] == [
        "Der Wert 1234,5 ist mehr als zehnmal so groß wie die bisherigen Werte (um 50). "
        "Bitte prüfen Sie das Dezimaltrennzeichen."
    ]
    assert findings[0].check == SLIP


def test_it_flags_a_slip_that_makes_the_value_smaller():
    thousands = Indicator(unit="Personen", series=yearly(1180, 1200, 1230))
    (finding, *_) = check(1.234, dt.date(2024, 12, 31), thousands, "1,234")
    assert finding.check == SLIP
    assert "kleiner als ein Zehntel der bisherigen Werte (um 1200)" in finding.text


def test_a_large_value_typed_without_separators_is_no_slip():
    assert SLIP not in checks(1234.5, AROUND_50, typed="1234,5")


def test_a_grouped_value_near_the_series_is_no_slip():
    thousands = Indicator(unit="Personen", series=yearly(1180, 1200, 1230))
    assert checks(1234.5, thousands, typed="1.234,5") == []


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", 12.5), ("12.5", 12.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
        ("1.234", 1234.0), ("1.234.567", 1234567.0), ("-0,25", -0.25), ("−3", -3.0),
        ("1 234,5", 1234.5), ("1,234", 1.234), ("50", 50.0),
    ],
)  # fmt: skip
def test_it_reads_numbers_as_germans_type_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["viel", "", "1,2,3", "nan", "inf", "1.2.3"])
def test_it_refuses_what_is_no_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_the_baseline_joins_the_series_unless_its_year_was_measured():
    measured = yearly(12, start=2022)
    assert series_of(measured, 10, 2020)[0] == Point(dt.date(2020, 1, 1), 10)
    assert series_of(measured, 10, 2022) == measured


def test_unknown_settings_are_refused_in_german():
    with pytest.raises(ValueError, match="unbekannter Eintrag „jump“"):
        Thresholds.of({"jump": 3})
    with pytest.raises(ValueError, match="muss eine positive Zahl sein"):
        Thresholds.of({"slip_factor": 0})
