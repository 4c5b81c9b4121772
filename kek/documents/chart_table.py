"""A chart's data as a document `Table`: exactly `chart.rows` under `chart.columns`, in the
German formatting of the web's data tables (`kek.charts.templatetags.charts`): periods in
words, values with the chart's decimals, a missing value as "k. A." or its status symbol
explained. Pure: no Django."""

from __future__ import annotations

from typing import Any

from kek.charts.specs import Chart
from kek.charts.texts import format_number, shown
from kek.core.periods import format_period

from .document import Table


def data_table(chart: Chart, caption: str = "", source: str = "") -> Table:
    """The rows of `chart` as a table (the status symbol is explained in the value's cell,
    not in a column of its own)."""
    keys = [key for key in chart.columns if key != "symbol"]
    rows = tuple(tuple(_cell(key, row, chart.decimals) for key in keys) for row in chart.rows)
    numeric = tuple(index for index, key in enumerate(keys) if _is_numeric(key, chart.rows))
    return Table(
        caption=caption or f"Daten zum Diagramm „{chart.title}“",
        columns=tuple(chart.columns[key] for key in keys),
        rows=rows,
        source=source,
        numeric=numeric,
    )


def _cell(key: str, row: dict[str, Any], decimals: int) -> str:
    value = row.get(key)
    if key == "value":
        return str(shown(value, row.get("symbol"), decimals))
    if value is None:
        return ""
    if key == "period":
        return format_period(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value, decimals)
    return str(value)


def _is_numeric(key: str, rows: list[dict[str, Any]]) -> bool:
    if key == "value":
        return True
    if key == "period":
        return False
    values = [row.get(key) for row in rows if row.get(key) is not None]
    return bool(values) and all(
        isinstance(value, float | int) and not isinstance(value, bool) for value in values
    )
