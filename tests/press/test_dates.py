"""The day or days a press article appeared, in German words (kek.press.dates)."""

from datetime import date

import pytest

from kek.press.dates import UNKNOWN, long_date, published


@pytest.mark.parametrize(
    ("first", "last", "period", "expected"),
    [
        (date(2020, 9, 12), None, "", "12. September 2020"),
        (date(2020, 9, 12), date(2020, 9, 12), "", "12. September 2020"),
        (date(2020, 9, 12), date(2020, 9, 13), "", "12./13. September 2020"),
        (date(2020, 9, 19), date(2020, 9, 20), "egal", "19./20. September 2020"),
        (date(2020, 9, 30), date(2020, 10, 1), "", "30. September/1. Oktober 2020"),
        (date(2020, 12, 31), date(2021, 1, 1), "", "31. Dezember 2020/1. Januar 2021"),
        (None, None, "September/Oktober 2020", "September/Oktober 2020"),
        (None, None, "  ", UNKNOWN),
        (None, None, "", "Datum nicht bekannt"),
    ],
)
def test_published_says_the_days_in_german(first, last, period, expected):
    assert published(first, last, period) == expected


def test_long_date_has_no_leading_zero():
    assert long_date(date(2021, 3, 4)) == "4. März 2021"
