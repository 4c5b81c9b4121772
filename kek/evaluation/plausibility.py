"""Plausibility of a measured value against its indicator's series (issue 11, "Review before
publication"). Pure: no Django; the project leads' form (kek.projects.forms) asks it before a
value is saved, and a value it flags is saved only when confirmed, then waits for a planner.

The series is what already counts: the reviewed measured values and the baseline (a year
that has a measured value leaves the baseline out, as in the evaluation). Three checks:

(a) Jump: the change from the previous value (the latest one before the new date) is more
    than `jump_factor` (default 3) times the largest change between consecutive values of the
    `recent_values` (default 5) values before it. Changes are taken per year where values are
    more than a year apart (a change over two years counts half per year), never more per year
    where they are closer. Skipped with fewer than `jump_min_values` (default 3) earlier
    values, and for a series that never changed (there is no scale to compare with).
(b) Range: for a percentage unit ("%", "Prozent": `percent_units`) a value below 0 or above
    100; for a count unit (whose first word is in `count_units`, e.g. "Personen je Jahr",
    "km") a negative value; and for every indicator a value far beyond the span of baseline,
    target and the earlier values: below lowest − m × span or above highest + m × span, where
    span = highest − lowest (the largest magnitude when all are equal) and m = `range_margin`
    (default 2). Skipped without any of these numbers.
(c) Decimal-separator slip: the typed text groups digits ("1.234,5", "1,234.5", "1.234",
    "1,234") and the value is at least `slip_factor` (default 10) times the median of the
    recent values, or at most a `slip_factor`-th of it. When it fires, (a) and the far-beyond
    part of (b) are not reported as well: they would only say the same thing again; nor is
    the far-beyond part when the unit's own range is already broken.

`parse_number` reads the numbers as Germans type them ("12,5", "1.234,5", "1.234") and also the
English "1,234.5"; the thresholds come from the setting KEK_PLAUSIBILITY (`Thresholds.of`).
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

JUMP, RANGE, SLIP = "jump", "range", "slip"

# Digits in groups of three: "1.234", "-12.345.678", "1,234" (either separator, one kind).
GROUPED = re.compile(r"-?\d{1,3}([.,])\d{3}(\1\d{3})*")
MINUS = "\u2212"


# ----------------------------------------------------------------------------- numbers


def parse_number(text: str) -> float:
    """A decimal number as typed: "12,5", "1.234,5", "1.234" (German thousands), "12.5",
    "1,234.5" (English). Spaces (also no-break) between digits are ignored. ValueError if it
    is no number."""
    value = _compact(text)
    if "," in value and "." in value:
        # The separator that comes last is the decimal one.
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif "," in value:
        # One comma is the German decimal comma ("12,5", "1,234"); several separate thousands.
        value = value.replace(",", ".") if value.count(",") == 1 else _ungrouped(value, ",")
    elif "." in value and GROUPED.fullmatch(value):
        value = value.replace(".", "")  # "1.234", "1.234.567": German thousands
    number = float(value)
    if number in (float("inf"), float("-inf")) or number != number:
        raise ValueError(text)
    return number


def _compact(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]", "", text).replace(MINUS, "-")


def _ungrouped(value: str, separator: str) -> str:
    if not GROUPED.fullmatch(value):
        raise ValueError(value)
    return value.replace(separator, "")


def groups_digits(text: str) -> bool:
    """Whether the typed text separates thousands, or mixes both separators, so that a slip
    of the decimal separator changes the value by a factor of a thousand."""
    value = _compact(text)
    return ("," in value and "." in value) or bool(GROUPED.fullmatch(value))


def german(value: float, digits: int = 6) -> str:
    """A number in German without thousands separators: 1234,5; −3; 0,25."""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace("-", MINUS).replace(".", ",")


def times(factor: float) -> str:
    """ "dreimal", "zehnmal", "2,5-mal"."""
    if factor == int(factor) and int(factor) in _NUMBERS:
        return f"{_NUMBERS[int(factor)]}mal"
    return f"{german(factor)}-mal"


def fraction(factor: float) -> str:
    """ "ein Zehntel", "die Hälfte", "ein 25-tel"."""
    if factor == 2:
        return "die Hälfte"
    if factor == int(factor) and int(factor) in _FRACTIONS:
        return f"ein {_FRACTIONS[int(factor)]}"
    return f"ein {german(factor)}-tel"


_NUMBERS = {
    2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht", 9: "neun",
    10: "zehn", 11: "elf", 12: "zwölf", 20: "zwanzig", 100: "hundert",
}  # fmt: skip
_FRACTIONS = {
    3: "Drittel", 4: "Viertel", 5: "Fünftel", 6: "Sechstel", 7: "Siebtel", 8: "Achtel",
    9: "Neuntel", 10: "Zehntel", 20: "Zwanzigstel", 100: "Hundertstel",
}  # fmt: skip


# ----------------------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class Thresholds:
    jump_factor: float = 3.0
    jump_min_values: int = 3
    recent_values: int = 5
    slip_factor: float = 10.0
    range_margin: float = 2.0
    percent_units: tuple[str, ...] = ("%", "Prozent")
    count_units: tuple[str, ...] = (
        "Anzahl", "Stück", "Personen", "Einwohner", "Einwohnerinnen", "Menschen", "Fälle",
        "Unternehmen", "Betriebe", "Gemeinden", "Schulen", "Haushalte", "Plätze", "Teilnahmen",
        "Veranstaltungen", "Projekte", "Tausend", "Millionen", "km", "ha", "m", "m²", "t", "€",
        "EUR", "Euro",
    )  # fmt: skip

    @classmethod
    def of(cls, setting: Mapping[str, Any] | None) -> Thresholds:
        """The defaults with the entries of a KEK_PLAUSIBILITY setting; ValueError (German)
        for an unknown entry or a factor that is not a positive number."""
        known = {f.name: f for f in fields(cls)}
        changes: dict[str, Any] = {}
        for name, value in (setting or {}).items():
            if name not in known:
                raise ValueError(
                    f"KEK_PLAUSIBILITY: unbekannter Eintrag „{name}“ "
                    f"(bekannt: {', '.join(sorted(known))})."
                )
            if name.endswith("_units"):
                changes[name] = tuple(str(unit) for unit in value)
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"KEK_PLAUSIBILITY: „{name}“ muss eine positive Zahl sein.")
            changes[name] = int(value) if name in ("jump_min_values", "recent_values") else value
        return replace(cls(), **changes)

    def is_percent(self, unit: str) -> bool:
        return unit.strip().casefold() in {u.casefold() for u in self.percent_units}

    def is_count(self, unit: str) -> bool:
        words = unit.strip().split()
        return bool(words) and words[0].casefold() in {u.casefold() for u in self.count_units}


# ----------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class Point:
    when: dt.date
    value: float


@dataclass(frozen=True)
class Finding:
    check: str  # JUMP, RANGE or SLIP
    text: str  # German, for the lead and the planner


@dataclass(frozen=True)
class Indicator:
    """What the checks need to know of an indicator besides its series."""

    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    series: Sequence[Point] = field(default_factory=tuple)


def series_of(
    measured: Iterable[Point], baseline: float | None, baseline_year: int | None
) -> list[Point]:
    """The measured values in order of date, with the baseline (on 1 January of its year)
    unless a measured value falls into that year."""
    points = sorted(measured, key=lambda p: p.when)
    if (
        baseline is not None
        and baseline_year is not None
        and all(p.when.year != baseline_year for p in points)
    ):
        points.append(Point(dt.date(baseline_year, 1, 1), baseline))
        points.sort(key=lambda p: p.when)
    return points


def check(
    value: float,
    when: dt.date,
    indicator: Indicator,
    typed: str | None = None,
    thresholds: Thresholds | None = None,
) -> list[Finding]:
    """What is implausible about `value` measured on `when` (nothing: an empty list)."""
    limits = thresholds or Thresholds()
    earlier = [p for p in indicator.series if p.when < when]
    recent = earlier[-limits.recent_values :] or list(indicator.series[: limits.recent_values])
    slip = decimal_slip(value, typed, recent, limits)
    ranged = unit_range(value, indicator.unit, limits)
    if slip:
        return [slip, *ranged]
    ranged = ranged or [f for f in [far_beyond(value, indicator, limits)] if f]
    moved = jump(value, when, earlier[-limits.recent_values :], limits)
    return [*ranged, *([moved] if moved else [])]


def decimal_slip(
    value: float, typed: str | None, recent: Sequence[Point], limits: Thresholds
) -> Finding | None:
    if typed is None or not recent or not groups_digits(typed):
        return None
    median = statistics.median(p.value for p in recent)
    if median == 0:
        return None
    factor = limits.slip_factor
    around = f"um {german(median, 2)}"
    if abs(value) >= factor * abs(median):
        return Finding(
            SLIP,
            f"Der Wert {german(value)} ist mehr als {times(factor)} so groß wie die bisherigen "
            f"Werte ({around}). Bitte prüfen Sie das Dezimaltrennzeichen.",
        )
    if abs(value) * factor <= abs(median):
        return Finding(
            SLIP,
            f"Der Wert {german(value)} ist kleiner als {fraction(factor)} der bisherigen Werte "
            f"({around}). Bitte prüfen Sie das Dezimaltrennzeichen.",
        )
    return None


def unit_range(value: float, unit: str, limits: Thresholds) -> list[Finding]:
    if limits.is_percent(unit):
        if value < 0 or value > 100:
            return [
                Finding(
                    RANGE,
                    f"Der Wert {german(value)} liegt außerhalb von 0 bis 100 %: Ein Anteil in "
                    "Prozent kann nicht kleiner als 0 oder größer als 100 sein.",
                )
            ]
    elif limits.is_count(unit) and value < 0:
        return [
            Finding(
                RANGE,
                f"Der Wert {german(value)} ist negativ; in der Einheit „{unit.strip()}“ gibt "
                "es nur Werte ab 0.",
            )
        ]
    return []


def far_beyond(value: float, indicator: Indicator, limits: Thresholds) -> Finding | None:
    known = [v for v in (indicator.baseline, indicator.target) if v is not None]
    known += [p.value for p in indicator.series]
    if not known:
        return None
    low, high = min(known), max(known)
    span = (high - low) or max(abs(low), abs(high))
    if span == 0:
        return None
    margin = limits.range_margin * span
    if low - margin <= value <= high + margin:
        return None
    between = f"{german(low)} bis {german(high)}" if low != high else german(low)
    return Finding(
        RANGE,
        f"Der Wert {german(value)} liegt weit außerhalb der Werte von Ausgangswert, Zielwert "
        f"und bisherigen Messwerten ({between}). Bitte prüfen Sie Wert und Einheit.",
    )


def jump(
    value: float, when: dt.date, recent: Sequence[Point], limits: Thresholds
) -> Finding | None:
    if len(recent) < max(limits.jump_min_values, 2):
        return None
    largest = max(_per_year(a, b) for a, b in zip(recent, recent[1:], strict=False))
    if largest == 0:
        return None
    previous = recent[-1]
    change = _per_year(previous, Point(when, value))
    if change <= limits.jump_factor * largest:
        return None
    return Finding(
        JUMP,
        f"Der Wert {german(value)} weicht um {german(abs(value - previous.value), 2)} vom "
        f"vorigen Wert ({german(previous.value)} am {previous.when:%d.%m.%Y}) ab – mehr als "
        f"{times(limits.jump_factor)} so viel wie die größte jährliche Veränderung der letzten "
        f"Werte ({german(largest, 2)}). Bitte prüfen Sie den Wert.",
    )


def _per_year(a: Point, b: Point) -> float:
    years = max(1.0, (b.when - a.when).days / 365.25)
    return abs(b.value - a.value) / years
