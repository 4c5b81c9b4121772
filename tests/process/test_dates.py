"""German dates of the timeline at every precision (kek.process.dates, pure)."""

import datetime as dt

import pytest

from kek.process.dates import DAY, EARLY, LATE, MONTH, YEAR, Point, Time, as_text, when

D = dt.date


@pytest.mark.parametrize(
    ("point", "text", "iso"),
    [
        (Point(D(2019, 6, 3), DAY), "3. Juni 2019", "2019-06-03"),
        (Point(D(2019, 2, 1), MONTH), "Februar 2019", "2019-02"),
        (Point(D(2020, 1, 1), YEAR), "2020", "2020"),
        (Point(D(2020, 1, 1), EARLY), "Anfang 2020", "2020"),
        (Point(D(2018, 1, 1), LATE), "Ende 2018", "2018"),
        (Point(D(2021, 3, 24), DAY), "24. März 2021", "2021-03-24"),
    ],
)
def test_a_point_shows_only_what_its_precision_knows(point, text, iso):
    assert as_text(when(point)) == text
    assert when(point) == [Time(iso, text)]


def test_a_month_or_year_never_shows_a_day_even_if_one_was_stored():
    assert as_text(when(Point(D(2019, 2, 17), MONTH))) == "Februar 2019"
    assert Point(D(2019, 2, 17), MONTH).normalised() == D(2019, 2, 1)
    assert as_text(when(Point(D(2020, 9, 5), YEAR))) == "2020"
    assert Point(D(2020, 9, 5), EARLY).normalised() == D(2020, 1, 1)


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (Point(D(2020, 9, 1), MONTH), Point(D(2020, 10, 1), MONTH), "September–Oktober 2020"),
        (Point(D(2020, 11, 2), DAY), Point(D(2020, 11, 10), DAY), "2.–10. November 2020"),
        (Point(D(2019, 6, 30), DAY), Point(D(2019, 7, 2), DAY), "30. Juni – 2. Juli 2019"),
        (Point(D(2019, 1, 1), YEAR), Point(D(2020, 1, 1), YEAR), "2019–2020"),
        (Point(D(2018, 1, 1), LATE), Point(D(2020, 1, 1), EARLY), "Ende 2018 – Anfang 2020"),
        (Point(D(2020, 12, 1), MONTH), Point(D(2021, 2, 1), MONTH), "Dezember 2020 – Februar 2021"),
    ],
)
def test_a_period_names_the_shared_year_once(start, end, text):
    segments = when(start, end)
    assert as_text(segments) == text
    times = [s for s in segments if isinstance(s, Time)]
    assert [t.iso for t in times] == [start.iso, end.iso]


def test_open_ends_and_unknown_dates_say_so():
    assert as_text(when(None, Point(D(2020, 1, 1), EARLY))) == "bis Anfang 2020"
    assert when(None, Point(D(2020, 1, 1), EARLY)) == ["bis ", Time("2020", "Anfang 2020")]
    assert as_text(when(Point(D(2019, 2, 1), MONTH), ongoing=True)) == "ab Februar 2019"
    assert when(None) == ["Zeitpunkt nicht bekannt"]
