"""``{% load charts %}{% chart chart csv_url %}``: a chart as an accessible figure."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django import template

from kek.core.periods import format_period

from ..specs import Chart
from ..texts import format_number, shown

register = template.Library()


@register.inclusion_tag("charts/chart.html")
def chart(
    chart: Chart, csv_url: str = "", chart_id: str = "", table_link: str = ""
) -> dict[str, Any]:
    """Render ``chart`` with its text alternative, data table and CSV link (``csv_url``; no
    link when empty). ``chart_id`` prefixes the element ids (default: a random one).
    ``table_link``: the address of a table on the page that already shows the chart's data
    (e.g. ``#gemeinden``); the figure links to it instead of repeating it."""
    chart_id = chart_id or f"kek-chart-{uuid4().hex[:8]}"
    # A status symbol is explained in the value's cell, not in a column of its own (the CSV
    # keeps it as a column).
    columns = {key: label for key, label in chart.columns.items() if key != "symbol"}
    return {
        "chart": chart,
        "csv_url": csv_url,
        "table_link": table_link,
        "chart_id": chart_id,
        "spec_id": f"{chart_id}-spec",
        "description_id": f"{chart_id}-beschreibung",
        "headers": list(columns.values()),
        "table": [[_cell(key, row, chart.decimals) for key in columns] for row in chart.rows],
    }


def _cell(key: str, row: dict[str, Any], decimals: int) -> Any:
    value = row.get(key)
    if key == "value":
        return shown(value, row.get("symbol"), decimals)
    if value is None:
        return ""
    if key == "period":
        return format_period(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value, decimals)
    return str(value)
