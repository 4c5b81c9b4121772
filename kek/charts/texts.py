"""German text alternatives of the charts: what a chart shows in one paragraph (range,
highest and lowest value, the home district and its rank), and German number formatting."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import polars as pl

from kek.core.periods import format_period as format_period
from kek.core.symbols import NO_VALUE as NO_VALUE
from kek.core.symbols import SYMBOLS, Shown

NO_DATA = "Es liegen keine Werte vor."


def format_number(value: float | None, decimals: int = 1) -> str:
    """German number text: ``1.234,5``, minus sign ``−``; None or NaN → ``k. A.``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_VALUE
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".").replace("-", "−")


def shown(value: float | None, symbol: str | None = None, decimals: int = 1) -> Shown:
    """A table cell's value: the German number, else the status symbol explained (see
    :class:`kek.core.symbols.Shown`), else ``k. A.``."""
    if value is not None and not (isinstance(value, float) and math.isnan(value)):
        return Shown(format_number(value, decimals))
    if symbol in SYMBOLS:
        return Shown(NO_VALUE, symbol or "")
    return Shown()


def in_unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


def _signed_percent(value: float) -> str:
    text = format_number(value, 1)
    return f"{text} %" if text.startswith("−") or value == 0 else f"+{text} %"


# --- time series ------------------------------------------------------------------------------


def time_series_text(
    frame: pl.DataFrame, title: str, unit: str, decimals: int, home: str | None
) -> str:
    """Span of the periods, then per region (home first) its first and last value and the
    change in per cent. ``frame``: region, period, value sorted by region and period."""
    valid = frame.filter(pl.col("value").is_not_null())
    if valid.is_empty():
        return f"Liniendiagramm „{title}“: {NO_DATA}"
    ends = valid.group_by("region", maintain_order=True).agg(
        first_period=pl.col("period").first(),
        first=pl.col("value").first(),
        last_period=pl.col("period").last(),
        last=pl.col("value").last(),
    )
    rows = sorted(ends.to_dicts(), key=lambda row: row["region"] != home)
    periods = valid["period"]
    span = f"{format_period(periods.min())} bis {format_period(periods.max())}"
    head = f"Liniendiagramm „{title}“{in_unit(unit)}, {span}."
    return " ".join([head, *(_series_sentence(row, decimals) for row in rows)])


def _series_sentence(row: Mapping[str, Any], decimals: int) -> str:
    name, first, last = row["region"], row["first"], row["last"]
    if row["first_period"] == row["last_period"]:
        return f"{name}: {format_number(last, decimals)} ({format_period(row['last_period'])})."
    change = f" ({_signed_percent(100.0 * (last - first) / abs(first))})" if first else ""
    return (
        f"{name}: von {format_number(first, decimals)} ({format_period(row['first_period'])}) "
        f"auf {format_number(last, decimals)} ({format_period(row['last_period'])}){change}."
    )


# --- bars -------------------------------------------------------------------------------------


def bars_text(frame: pl.DataFrame, title: str, unit: str, decimals: int, home: str | None) -> str:
    """Number of bars, highest and lowest bar, the home region's value."""
    valid = frame.filter(pl.col("value").is_not_null())
    head = f"Balkendiagramm „{title}“{in_unit(unit)} mit {frame.height} Balken."
    if valid.is_empty():
        return f"{head} {NO_DATA}"
    high = valid.sort("value", descending=True, maintain_order=True).row(0, named=True)
    low = valid.sort("value", maintain_order=True).row(0, named=True)
    parts = [
        head,
        f"Höchster Wert: {high['region']} mit {format_number(high['value'], decimals)}.",
        f"Niedrigster Wert: {low['region']} mit {format_number(low['value'], decimals)}.",
    ]
    home_rows = frame.filter(pl.col("region") == home) if home is not None else frame.clear()
    if home_rows.height:
        row = home_rows.row(0, named=True)
        parts.append(f"{home}: {shown(row['value'], row.get('symbol'), decimals).words}.")
    return " ".join(parts)


# --- all districts: distribution and map ------------------------------------------------------


_RANK_ORDER = {
    1: " (Rang 1 = höchster Wert, höher ist besser)",
    -1: " (Rang 1 = niedrigster Wert, niedriger ist besser)",
}


def _district_sentences(summary: Mapping[str, Any], decimals: int, direction: int) -> list[str]:
    sentences = [
        f"Niedrigster Wert: {summary['min_region']} mit {format_number(summary['min'], decimals)}.",
        f"Median: {format_number(summary['median'], decimals)}.",
        f"Höchster Wert: {summary['max_region']} mit {format_number(summary['max'], decimals)}.",
    ]
    if summary.get("home_value") is not None:
        sentences.append(
            f"{summary['home_region']}: {format_number(summary['home_value'], decimals)}, "
            f"Rang {summary['home_rank']} von {summary['home_rank_count']}"
            f"{_RANK_ORDER.get(direction, ' (Rang 1 = höchster Wert)')}."
        )
    return sentences


def distribution_text(
    summary: Mapping[str, Any], title: str, unit: str, decimals: int, direction: int
) -> str:
    if not summary:
        return f"Verteilung „{title}“: {NO_DATA}"
    head = f"Verteilung „{title}“{in_unit(unit)} über {summary['count']} Kreise."
    return " ".join([head, *_district_sentences(summary, decimals, direction)])


def map_text(
    summary: Mapping[str, Any],
    title: str,
    unit: str,
    decimals: int,
    direction: int,
    n_districts: int,
) -> str:
    head = f"Karte der Kreise Deutschlands: „{title}“{in_unit(unit)}."
    if not summary:
        return f"{head} {NO_DATA}"
    parts = [head, "Dunklere Flächen bedeuten höhere Werte."]
    parts += _district_sentences(summary, decimals, direction)
    missing = n_districts - int(summary["count"])
    if missing > 0:
        districts = "einen Kreis" if missing == 1 else f"{missing} Kreise"
        parts.append(f"Für {districts} liegt kein Wert vor (graue Flächen).")
    return " ".join(parts)


def municipal_map_text(
    summary: Mapping[str, Any],
    title: str,
    unit: str,
    decimals: int,
    district: str,
    drawn_without_value: int,
    not_drawn: Mapping[str, bool],
) -> str:
    """What the map of a district's municipalities shows: range and median, how many of the
    drawn ones have no value, and which are not drawn for want of an outline (name → whether
    it has a value; their values are in the table)."""
    head = f"Karte der Gemeinden in {district}: „{title}“{in_unit(unit)}."
    if not summary:
        return f"{head} {NO_DATA}"
    parts = [head, "Dunklere Flächen bedeuten höhere Werte."]
    parts += _district_sentences(summary, decimals, 0)
    if drawn_without_value > 0:
        places = "eine Gemeinde" if drawn_without_value == 1 else f"{drawn_without_value} Gemeinden"
        parts.append(f"Für {places} liegt kein Wert vor (graue Flächen).")
    # Former municipalities in a table have neither an outline nor a value: nothing is missing.
    missing = [name for name, valued in not_drawn.items() if valued]
    if missing:
        count = "eine Gemeinde" if len(missing) == 1 else f"{len(missing)} Gemeinden"
        note = "ihr Wert steht" if len(missing) == 1 else "ihre Werte stehen"
        parts.append(
            f"Ohne hinterlegte Gemeindegrenze nicht in der Karte: {count} "
            f"({'; '.join(missing)}), {note} in der Tabelle."
        )
    return " ".join(parts)


# --- measurement series -----------------------------------------------------------------------


def measurement_text(
    frame: pl.DataFrame,
    target: Mapping[str, Any] | None,
    title: str,
    unit: str,
    decimals: int,
) -> str:
    """Number and span of the measurements, first and last value, the target and the gap
    between the last value and the target. ``frame``: period, value sorted by period."""
    valid = frame.filter(pl.col("value").is_not_null())
    parts = [f"Messreihe „{title}“{in_unit(unit)}:"]
    if valid.is_empty():
        parts.append("Es liegen noch keine Messwerte vor.")
    else:
        first, last = valid.row(0, named=True), valid.row(-1, named=True)
        parts.append(
            f"{valid.height} Messwerte von {format_period(first['period'])} bis "
            f"{format_period(last['period'])}; "
            f"erster Wert {format_number(first['value'], decimals)}, "
            f"letzter Wert {format_number(last['value'], decimals)}."
        )
    if target:
        when = f" für {format_period(target['period'])}" if target["period"] is not None else ""
        parts.append(f"Zielwert{when}: {format_number(target['value'], decimals)}.")
        if not valid.is_empty():
            parts.append(_target_gap(valid["value"][-1] - target["value"], decimals))
    return " ".join(parts)


def _target_gap(gap: float, decimals: int) -> str:
    if gap == 0:
        return "Der letzte Wert entspricht dem Zielwert."
    side = "über" if gap > 0 else "unter"
    return f"Der letzte Wert liegt {format_number(abs(gap), decimals)} {side} dem Zielwert."
