"""Static output of a :class:`~kek.charts.specs.Chart`: SVG and PNG via vl-convert (offline,
bundled Vega-Lite; external data URLs are refused) and CSV of exactly ``chart.rows``."""

from __future__ import annotations

import csv
import io
from functools import cache
from typing import Any

import vl_convert

from kek.core import cells

from .specs import GERMAN_NUMBERS, GERMAN_TIME, Chart


@cache
def vegalite_version() -> str:
    """Newest Vega-Lite 6 bundled with vl-convert (the schema the specs declare)."""
    versions = [v for v in vl_convert.get_vegalite_versions() if v.startswith("6.")]
    return max(versions, key=lambda v: tuple(int(p) for p in v.split(".")))


def _options() -> dict[str, Any]:
    return {
        "vl_version": vegalite_version(),
        "allowed_base_urls": [],
        "format_locale": GERMAN_NUMBERS,
        "time_format_locale": GERMAN_TIME,
    }


def to_svg(chart: Chart) -> str:
    """The chart as an SVG document (boundaries of maps embedded)."""
    return vl_convert.vegalite_to_svg(chart.static_spec(), **_options())


def to_png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG, ``scale`` times the spec's pixel size (2 = print quality)."""
    return vl_convert.vegalite_to_png(chart.static_spec(), scale=scale, **_options())


def to_csv(chart: Chart) -> str:
    """``chart.rows`` as UTF-8 CSV text (RFC 4180: ``,``, decimal point, header = the row keys
    in ``chart.columns`` order); a missing value is an empty cell."""
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=list(chart.columns), lineterminator="\r\n")
    writer.writeheader()
    # Text that a spreadsheet would take for a formula gets a leading ' (`cells.defuse`).
    writer.writerows({key: cells.defuse(value) for key, value in row.items()} for row in chart.rows)
    return out.getvalue()
