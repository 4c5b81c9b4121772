"""The day or days a press article appeared, in German words (pure module, no Django).

Articles of the KEK press series appeared in weekend editions: "12./13. September 2020".
Where the exact date is not known, the stated period is shown instead ("September/Oktober
2020"); no date is invented.
"""

from __future__ import annotations

from datetime import date

from kek.core.periods import MONTHS

UNKNOWN = "Datum nicht bekannt"


def long_date(day: date) -> str:
    """ "12. September 2020"."""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def published(first: date | None, last: date | None = None, period: str = "") -> str:
    """ "12. September 2020", "12./13. September 2020", "30. September/1. Oktober 2020",
    "31. Dezember 2020/1. Januar 2021"; without a date the stated period (or that the date
    is not known)."""
    if first is None:
        return period.strip() or UNKNOWN
    if last is None or last == first:
        return long_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}./{long_date(last)}"
    if first.year == last.year:
        return f"{first.day}. {MONTHS[first.month - 1]}/{long_date(last)}"
    return f"{long_date(first)}/{long_date(last)}"
