"""Periods of official statistics in German words and in order (kek.core.periods, pure)."""

from datetime import date

import pytest

from kek.charts.texts import format_period as format_period_of_the_charts
from kek.core.periods import format_date, format_period, newest, period_end, period_order


@pytest.mark.parametrize(
    ("period", "words"),
    [
        ("2023", "2023"),
        (2023, "2023"),
        ("2024-12-31", "31.12.2024"),
        ("2023-10P6M", "Wintersemester 2023/24"),  # 21311 (time code SEMEST)
        ("1999-10P6M", "Wintersemester 1999/00"),
        ("2024-04P6M", "Sommersemester 2024"),
        ("2023-01P6M", "1. Halbjahr 2023"),
        ("2023-07P6M", "2. Halbjahr 2023"),
        ("2023-01P3M", "1. Quartal 2023"),
        ("2023-04P3M", "2. Quartal 2023"),
        ("2023-10P3M", "4. Quartal 2023"),
        ("2023-05P1M", "Mai 2023"),
        ("2023-05", "Mai 2023"),
        ("2023-01P12M", "2023"),
        ("2023-01P1Y", "2023"),
        ("2021-01P3Y", "2021 bis 2023"),
        ("2023-08P12M", "August 2023 bis Juli 2024"),
        ("2023-11P4M", "November 2023 bis Februar 2024"),
        ("2023-02P3M", "Februar 2023 bis April 2023"),
        ("Winter 2023", "Winter 2023"),  # any other text unchanged
        ("2023-13P1M", "2023-13P1M"),
    ],
)
def test_it_names_every_kind_of_period_in_german(period, words):
    assert format_period(period) == words


def test_it_is_the_one_function_the_charts_use():
    assert format_period_of_the_charts is format_period
    assert format_period_of_the_charts("2023-10P6M") == "Wintersemester 2023/24"


def test_it_knows_the_last_day_of_a_period():
    assert period_end("2023") == date(2023, 12, 31)
    assert period_end("2024-12-31") == date(2024, 12, 31)
    assert period_end("2023-10P6M") == date(2024, 3, 31)
    assert period_end("2024-01P6M") == date(2024, 6, 30)
    assert period_end("2024-02P1M") == date(2024, 2, 29)
    assert period_end("2023-01P1Y") == date(2023, 12, 31)
    assert period_end("2024-02-30") is None
    assert period_end("irgendwann") is None


def test_it_orders_periods_by_their_end_and_finds_the_newest():
    semesters = ["2023-10P6M", "2023-04P6M", "2022-10P6M"]
    assert sorted(semesters, key=period_order) == ["2022-10P6M", "2023-04P6M", "2023-10P6M"]
    assert newest(semesters) == "2023-10P6M"
    assert newest(["2023-12-31", "2024-06-30", "2024-03-31"]) == "2024-06-30"
    assert newest(["2019", "2023", "2021"]) == "2023"
    assert newest(["2023", "unbekannt"]) == "2023"  # a known period wins over other text
    assert newest([]) is None
    assert newest([None, ""]) is None


def test_it_writes_dates_with_leading_zeros():
    assert format_date(date(2026, 12, 2)) == "02.12.2026"
