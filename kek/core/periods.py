"""Periods of official statistics in German words, and their order (pure module, no Django).

Periods are stored as the files give them (``kek.statistics.parsers``, SPEC §5): a year
``2023``, a reference date ``2024-12-31`` (classic tables' ``31.12.2024`` is stored as ISO), or
a GENESIS time code: the first month and the length of the period in ISO 8601 style,
``YYYY-MMPnM`` (``2023-10P6M``: six months from October 2023, the winter term 2023/24;
``2023-01P6M``: the first half of 2023; ``2023-04P3M``: the second quarter; ``2023-05P1M``:
May 2023; ``2023-01P1Y``: the year 2023). A month alone (``2023-05``) is that month.

:func:`format_period` is the one place that turns them into German text, for tables,
headings, chart titles, axes and tooltips; any other text is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

MONTHS = (
    *("Januar", "Februar", "März", "April", "Mai", "Juni"),
    *("Juli", "August", "September", "Oktober", "November", "Dezember"),
)
_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_CODE = re.compile(r"^(\d{4})-(\d{2})P(\d{1,3})([MY])$")


def format_date(day: date) -> str:
    """``date(2026, 12, 2)`` → ``02.12.2026``."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def format_period(period: Any) -> str:
    """A period in German: ``2023`` → ``2023``; ``2024-12-31`` → ``31.12.2024``;
    ``2023-10P6M`` → ``Wintersemester 2023/24``; ``2024-04P6M`` → ``Sommersemester 2024``;
    ``2023-01P6M`` → ``1. Halbjahr 2023``; ``2023-07P3M`` → ``3. Quartal 2023``;
    ``2023-05P1M`` or ``2023-05`` → ``Mai 2023``; other lengths → ``Oktober 2023 bis März
    2024``; any other text unchanged."""
    text = str(period).strip()
    if _YEAR.match(text):
        return text
    if found := _DATE.match(text):
        year, month, day = found.groups()
        return f"{day}.{month}.{year}"
    if found := _MONTH.match(text):
        year, month = int(found[1]), int(found[2])
        return f"{MONTHS[month - 1]} {year}" if 1 <= month <= 12 else text
    found = _CODE.match(text)
    if found is None:
        return text
    year, month, count = int(found[1]), int(found[2]), int(found[3])
    months = count * 12 if found[4] == "Y" else count
    if not 1 <= month <= 12 or months < 1:
        return text
    return _span(year, month, months)


def _span(year: int, month: int, months: int) -> str:
    if months == 1:
        return f"{MONTHS[month - 1]} {year}"
    if months == 3 and month in (1, 4, 7, 10):
        return f"{(month + 2) // 3}. Quartal {year}"
    if months == 6 and month in (1, 7):
        return f"{(month + 5) // 6}. Halbjahr {year}"
    if months == 6 and month == 4:
        return f"Sommersemester {year}"
    if months == 6 and month == 10:
        return f"Wintersemester {year}/{(year + 1) % 100:02d}"
    if months % 12 == 0 and month == 1:
        last = year + months // 12 - 1
        return str(year) if last == year else f"{year} bis {last}"
    end_year, end_month = divmod(year * 12 + month - 1 + months - 1, 12)
    return f"{MONTHS[month - 1]} {year} bis {MONTHS[end_month]} {end_year}"


def period_end(period: Any) -> date | None:
    """The last day a period covers (a year: 31 December; a date: itself; a time code: the
    last day of its last month); None for a text that is not a known period."""
    text = str(period).strip()
    if found := _YEAR.match(text):
        return date(int(found[1]), 12, 31)
    try:
        if found := _DATE.match(text):
            return date(int(found[1]), int(found[2]), int(found[3]))
        if found := _MONTH.match(text):
            return _month_end(int(found[1]), int(found[2]), 1)
        if found := _CODE.match(text):
            months = int(found[3]) * (12 if found[4] == "Y" else 1)
            return _month_end(int(found[1]), int(found[2]), months)
    except ValueError:  # month 13, day 32 …
        return None
    return None


def _month_end(year: int, month: int, months: int) -> date | None:
    if not 1 <= month <= 12 or months < 1:
        return None
    after_year, after_month = divmod(year * 12 + month - 1 + months, 12)
    return date.fromordinal(date(after_year, after_month + 1, 1).toordinal() - 1)


def period_order(period: Any) -> tuple[int, date, str]:
    """Sort key: known periods by their last day (then by text), texts that are no known
    period before them (so that :func:`newest` is always a real period when there is one)."""
    end = period_end(period)
    return (1, end, str(period)) if end is not None else (0, date.min, str(period))


def newest(periods: Iterable[Any]) -> str | None:
    """The period that ends last (see :func:`period_order`); None for no periods."""
    texts = [str(p) for p in periods if p is not None and str(p).strip()]
    return max(texts, key=period_order) if texts else None
