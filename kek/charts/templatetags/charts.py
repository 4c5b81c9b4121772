"""``{% load charts %}{% chart chart csv_url %}``: a chart as an accessible figure."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from django import template

from ..specs import Chart
from ..texts import NO_VALUE, format_number, format_period

register = template.Library()


@register.inclusion_tag("charts/chart.html")
def chart(chart: Chart, csv_url: str = "", chart_id: str = "") -> dict[str, Any]:
    """Render ``chart`` with its text alternative, data table and CSV link (``csv_url``; no
    link when empty). ``chart_id`` prefixes the element ids (default: a random one)."""
    chart_id = chart_id or f"kek-chart-{uuid4().hex[:8]}"
    keys = list(chart.columns)
    return {
        "chart": chart,
        "csv_url": csv_url,
        "chart_id": chart_id,
        "spec_id": f"{chart_id}-spec",
        "description_id": f"{chart_id}-beschreibung",
        "headers": list(chart.columns.values()),
        "table": [[_cell(key, row.get(key), chart.decimals) for key in keys] for row in chart.rows],
    }


def _cell(key: str, value: Any, decimals: int) -> str:
    if value is None:
        return NO_VALUE if key == "value" else ""
    if key == "period":
        return format_period(value)
    if isinstance(value, float | int) and not isinstance(value, bool):
        return format_number(value, decimals)
    return str(value)
