"""German dates of the timeline, as precise as they are known (F18). Pure: no Django.

A point in time is a date with a precision: an exact day ("3. Juni 2019"), a month
("Februar 2019"), a year ("2020"), or the beginning or end of a year ("Anfang 2020",
"Ende 2018"). A timeline entry has a start, an end, both (a period, "September–Oktober
2020") or neither ("Zeitpunkt nicht bekannt"), and an open start "ab Februar 2019".
Nothing is more precise than what was given: a month is never shown with a day.

`when()` returns segments: plain text, or a machine-readable time (the `datetime` value of
an HTML `<time>`, which for a month is "2019-02" and for a year "2019") with its text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kek.core.periods import MONTHS

DAY, MONTH, YEAR, EARLY, LATE = "day", "month", "year", "early", "late"
PRECISIONS = {
    DAY: "Tag",
    MONTH: "Monat",
    YEAR: "Jahr",
    EARLY: "Anfang des Jahres",
    LATE: "Ende des Jahres",
}
UNKNOWN = "Zeitpunkt nicht bekannt"
DASH = "–"  # en dash


@dataclass(frozen=True)
class Point:
    date: dt.date
    precision: str

    @property
    def iso(self) -> str:
        if self.precision == DAY:
            return self.date.isoformat()
        if self.precision == MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return f"{self.date.year:04d}"

    def text(self, year: bool = True) -> str:
        """German; `year=False` leaves the year out (the first half of a period)."""
        tail = f" {self.date.year}" if year else ""
        if self.precision == DAY:
            return f"{self.date.day}. {MONTHS[self.date.month - 1]}{tail}"
        if self.precision == MONTH:
            return f"{MONTHS[self.date.month - 1]}{tail}"
        if self.precision == EARLY:
            return f"Anfang {self.date.year}"
        if self.precision == LATE:
            return f"Ende {self.date.year}"
        return str(self.date.year)

    def normalised(self) -> dt.date:
        """The date stored for this precision: the 1st of the month, the 1st of January."""
        if self.precision == DAY:
            return self.date
        if self.precision == MONTH:
            return self.date.replace(day=1)
        return self.date.replace(month=1, day=1)


@dataclass(frozen=True)
class Time:
    """A `<time datetime="{iso}">{text}</time>`."""

    iso: str
    text: str


Segment = str | Time


def when(start: Point | None, end: Point | None = None, ongoing: bool = False) -> list[Segment]:
    if start is None and end is None:
        return [UNKNOWN]
    if start is None:
        assert end is not None
        return ["bis ", Time(end.iso, end.text())]
    if end is None:
        point = Time(start.iso, start.text())
        return ["ab ", point] if ongoing else [point]
    return period(start, end)


def period(start: Point, end: Point) -> list[Segment]:
    """ "September–Oktober 2020", "2.–10. November 2020", "30. Juni – 2. Juli 2019",
    "2019–2020", "Ende 2018 – Anfang 2020"; the year once where both halves share it."""
    same_year = start.date.year == end.date.year
    both = {start.precision, end.precision}
    if both == {MONTH} and same_year:
        return [Time(start.iso, start.text(year=False)), DASH, Time(end.iso, end.text())]
    if both == {DAY} and same_year:
        if start.date.month == end.date.month:
            return [Time(start.iso, f"{start.date.day}."), DASH, Time(end.iso, end.text())]
        return [Time(start.iso, start.text(year=False)), f" {DASH} ", Time(end.iso, end.text())]
    if both == {YEAR}:
        return [Time(start.iso, start.text()), DASH, Time(end.iso, end.text())]
    return [Time(start.iso, start.text()), f" {DASH} ", Time(end.iso, end.text())]


def as_text(segments: list[Segment]) -> str:
    return "".join(s.text if isinstance(s, Time) else s for s in segments)
