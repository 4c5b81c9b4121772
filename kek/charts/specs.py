"""Vega-Lite (v6) specifications for the charts and maps of the analysis (F10).

Pure module: no Django. Every builder returns a :class:`Chart`: the spec, a title, a German text
alternative (see :mod:`kek.charts.texts`), the rows that are drawn (exactly the data shown; the
data table and the CSV download are made from them) and German labels for the row keys.

Input rows are mappings (or a polars DataFrame) with the keys named in each builder. Values are
numbers or None (no value, e.g. a status symbol); rows without a value are kept in
``Chart.rows`` (the table shows them as "k. A.", or the meaning of their ``symbol``) but draw
nothing. Values are rounded to ``decimals`` places (half away from zero), the precision the
chart displays.

Periods are years (``2023`` or ``"2023"``, drawn on a linear year axis), ISO dates
(``"2024-12-31"``, drawn on a time axis) or other periods such as GENESIS time codes
(``"2023-10P6M"``, drawn in order on an axis of their German names, ``kek.core.periods``).

Numbers use German formatting inside the spec (``config.locale``), so vega-embed in the browser
and vl-convert for documents both show ``1.234,5``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

from kek.core import periods

from . import texts
from .geo import ATTRIBUTION, d3_winding, district_features

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"

# Okabe–Ito colours (distinguishable with colour-vision deficiencies); lines also differ by dash
# and point shape, so colour is never the only cue.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3], [10, 4])
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge")
HOME_COLOUR = "#D55E00"
OTHER_COLOUR = "#6B7280"
NEUTRAL_COLOUR = "#0072B2"
MISSING_COLOUR = "#E5E7EB"

GERMAN_NUMBERS = {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]}
GERMAN_TIME = {
    "dateTime": "%A, der %e. %B %Y, %X",
    "date": "%d.%m.%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    "months": [
        *("Januar", "Februar", "März", "April", "Mai", "Juni"),
        *("Juli", "August", "September", "Oktober", "November", "Dezember"),
    ],
    "shortMonths": [
        *("Jan", "Feb", "Mrz", "Apr", "Mai", "Jun"),
        *("Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    ],
}
CONFIG: dict[str, Any] = {
    "locale": {"number": GERMAN_NUMBERS, "time": GERMAN_TIME},
    "font": "Fira Sans, Arial, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
    "background": "#ffffff",
}
WIDTH = 560
# Axis labels never overlap: Vega hides a label that would touch its neighbour ("greedy"), and
# time axes ask for at most TIME_TICKS labels, horizontal value axes for VALUE_TICKS (German
# numbers such as 20.000.000 are long). Named periods ("Wintersemester 2023/24") are turned
# when they would not fit side by side on the narrowest screen (NARROWEST px, the web charts
# fill their column).
LABEL_SEPARATION = 6
LABELS_APART = {"labelOverlap": "greedy", "labelSeparation": LABEL_SEPARATION}
TIME_TICKS = 8
VALUE_TICKS = 6
NARROWEST = 320
LABEL_CHAR_WIDTH = 7  # px per character at labelFontSize 12, a generous estimate
HAS_VALUE = {"filter": "isValid(datum.value)"}
MEASURED = "Messwert"
TARGET = "Zielwert"

Rows = Iterable[Mapping[str, Any]] | pl.DataFrame
Schema = Mapping[str, pl.DataType | type[pl.DataType]]  # column → type (class or instance)
Spec = dict[str, Any]  # a Vega-Lite specification or a part of one


@dataclass(frozen=True)
class Chart:
    """A chart ready for the web (``spec``) and for documents (:meth:`static_spec`).

    ``columns`` maps the row keys to German column labels, in table order. ``static_data``
    replaces the spec's top-level ``data`` for static rendering (maps embed their boundaries
    instead of loading them from a URL). ``decimals``: places shown for ``value``."""

    spec: dict[str, Any]
    title: str
    description: str
    rows: list[dict[str, Any]]
    columns: dict[str, str]
    attribution: str = ""
    static_data: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    decimals: int = 1

    def static_spec(self) -> dict[str, Any]:
        if self.static_data is None:
            return self.spec
        return {**self.spec, "data": self.static_data}


# --- rows -------------------------------------------------------------------------------------


def _frame(
    rows: Rows, schema: Schema, decimals: int, optional: Schema | None = None
) -> pl.DataFrame:
    """The rows as a frame with exactly ``schema``'s columns (and those of ``optional`` that
    the rows have), values rounded for display."""
    frame: pl.DataFrame | None
    if isinstance(rows, pl.DataFrame):
        frame = rows
    else:
        items = [dict(row) for row in rows]
        frame = pl.DataFrame(items, infer_schema_length=None) if items else None
    if frame is None:
        frame = pl.DataFrame(schema=dict(schema))
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise ValueError(f"chart rows lack the keys {missing}")
    wanted = {**schema, **{k: v for k, v in (optional or {}).items() if k in frame.columns}}
    frame = frame.select(pl.col(name).cast(dtype) for name, dtype in wanted.items())
    # Half away from zero, as in official statistics (and as JavaScript's toFixed in the chart).
    return frame.with_columns(pl.col("value").round(decimals, mode="half_away_from_zero"))


# Rows may say why a value is missing: the status symbol of official statistics (SPEC §5).
SYMBOL: Schema = {"symbol": pl.String}


def _symbol_column(frame: pl.DataFrame) -> dict[str, str]:
    return {"symbol": "Zeichen"} if "symbol" in frame.columns else {}


YEAR, DATE, CODE = "year", "date", "code"


def _periods(frame: pl.DataFrame) -> tuple[pl.DataFrame, str]:
    """Periods as int years when all are years (kind ``year``), else as text: ISO dates (kind
    ``date``, a time axis) or other periods such as the semester code ``2023-10P6M`` (kind
    ``code``, drawn in order on an axis of their German names); returns (frame, kind)."""
    text = frame["period"].cast(pl.String)
    if bool(text.str.contains(r"^\d{4}$").all()):
        return frame.with_columns(period=text.cast(pl.Int64)), YEAR
    kind = DATE if bool(text.str.contains(r"^\d{4}-\d{2}-\d{2}$").all()) else CODE
    return frame.with_columns(period=text), kind


def _period_order(frame: pl.DataFrame) -> pl.Expr:
    """Chronological position of each row's period (by its last day, kek.core.periods)."""
    ordered = sorted(frame["period"].unique().to_list(), key=periods.period_order)
    return pl.col("period").replace_strict(ordered, list(range(len(ordered))), default=None)


def _labelled(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """The rows the spec draws: for periods of kind ``code`` with their German name."""
    if kind != CODE:
        return rows
    return [
        {**row, "period_label": periods.format_period(row["period"])}
        if row["period"] is not None
        else row
        for row in rows
    ]


# --- spec parts -------------------------------------------------------------------------------


def _base(name: str, description: str, rows: list[dict[str, Any]], **extra: Any) -> Spec:
    return {
        "$schema": SCHEMA,
        "description": description,
        "usermeta": {"title": name},
        "width": WIDTH,
        "config": CONFIG,
        "data": {"values": rows},
        **extra,
    }


def _fmt(decimals: int) -> str:
    return f",.{decimals}f"


def _unit_label(unit: str) -> str:
    return f"Wert ({unit})" if unit else "Wert"


def _value(decimals: int, unit: str, *, zero: bool = True, across: bool = False) -> Spec:
    """The value channel; ``across``: a horizontal axis, whose long German numbers
    (``20.000.000``) get few ticks."""
    axis: Spec = {"format": _fmt(decimals), "title": _unit_label(unit), **LABELS_APART}
    if across:
        axis["tickCount"] = VALUE_TICKS
    channel = {"field": "value", "type": "quantitative", "axis": axis}
    return channel if zero else {**channel, "scale": {"zero": False}}


def _value_tooltip(decimals: int) -> dict[str, Any]:
    return {"field": "value", "type": "quantitative", "title": "Wert", "format": _fmt(decimals)}


def _period(kind: str, frame: pl.DataFrame) -> Spec:
    """The time axis: years, dates or named periods, with at most ``TIME_TICKS`` labels and
    labels that never overlap (Vega hides those that would, ``labelOverlap``)."""
    values = frame["period"].drop_nulls()
    if kind == YEAR:
        years = values.cast(pl.Int64).to_list()
        span = max(years) - min(years) + 1 if years else 1
        axis = {"format": "d", "tickMinStep": 1, "tickCount": min(span, TIME_TICKS)}
        axis = {**axis, "title": "Jahr", **LABELS_APART}
        return {"field": "period", "type": "quantitative", "scale": {"zero": False}, "axis": axis}
    if kind == DATE:
        axis = {**_date_ticks(values), "title": "Zeitpunkt", **LABELS_APART}
        return {"field": "period", "type": "temporal", "axis": axis}
    labels = [periods.format_period(p) for p in sorted(values.unique(), key=periods.period_order)]
    longest = max((len(label) for label in labels), default=0)
    fits = len(labels) * (longest * LABEL_CHAR_WIDTH + LABEL_SEPARATION) <= NARROWEST
    axis = {"title": "Zeitraum", "labelAngle": 0 if fits else -40, "labelLimit": 160}
    return {
        "field": "period_label",
        "type": "ordinal",
        "sort": labels,
        "axis": {**axis, **LABELS_APART},
    }


def _date_ticks(dates: pl.Series) -> Spec:
    """Ticks at years (``2024``), every n-th year for long series, or at months (``06.2024``)
    for series shorter than three years; never more than ``TIME_TICKS``."""
    days = dates.str.to_date("%Y-%m-%d", strict=False).drop_nulls()
    if days.is_empty():
        return {"format": "%Y", "tickCount": {"interval": "year", "step": 1}}
    first, last = days.min(), days.max()
    assert isinstance(first, date) and isinstance(last, date)
    years = last.year - first.year + 1
    if years >= 3:
        step = math.ceil(years / TIME_TICKS)
        return {"format": "%Y", "tickCount": {"interval": "year", "step": step}}
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, math.ceil(months / TIME_TICKS))
    return {"format": "%m.%Y", "tickCount": {"interval": "month", "step": step}}


def _period_tooltip(kind: str) -> dict[str, Any]:
    if kind == YEAR:
        return {"field": "period", "type": "quantitative", "title": "Jahr", "format": "d"}
    if kind == DATE:
        return {"field": "period", "type": "temporal", "title": "Zeitpunkt", "format": "%d.%m.%Y"}
    return {"field": "period_label", "type": "nominal", "title": "Zeitraum"}


def _period_label(kind: str) -> str:
    return {YEAR: "Jahr", DATE: "Zeitpunkt"}.get(kind, "Zeitraum")


def _by_region(channel_range: tuple[Any, ...], regions: list[str], legend: Any) -> Spec:
    values = [channel_range[i % len(channel_range)] for i in range(len(regions))]
    scale = {"domain": regions, "range": values}
    return {"field": "region", "type": "nominal", "scale": scale, "legend": legend}


def _is(field_path: str, value: str | None) -> str:
    return f"datum.{field_path} === {json.dumps(value)}"


# --- time series ------------------------------------------------------------------------------


def time_series(
    rows: Rows, *, title: str, unit: str = "", decimals: int = 1, home: str | None = None
) -> Chart:
    """Lines over time for one or more regions (e.g. district vs. Land vs. Germany).

    Rows: ``region`` (name), ``period``, ``value`` and optionally ``symbol`` (why a value is
    missing). Regions keep their first-seen order (legend, colours, rows); ``home`` (a region
    name) is named first in the text alternative."""
    schema = {"region": pl.String, "period": pl.String, "value": pl.Float64}
    frame, kind = _periods(_frame(rows, schema, decimals, SYMBOL))
    regions = frame["region"].unique(maintain_order=True).to_list()
    order = pl.col("region").replace_strict(regions, list(range(len(regions))))
    frame = frame.sort(order, _period_order(frame), maintain_order=True)
    description = texts.time_series_text(frame, title, unit, decimals, home)
    legend = {"title": None, "symbolType": "stroke", "symbolStrokeWidth": 2}
    region_tooltip = {"field": "region", "type": "nominal", "title": "Gebiet"}
    encoding = {
        "x": _period(kind, frame),
        "y": _value(decimals, unit, zero=False),
        "color": _by_region(PALETTE, regions, legend),
        "strokeDash": _by_region(DASHES, regions, legend),
        "shape": _by_region(SHAPES, regions, legend),
        "tooltip": [region_tooltip, _period_tooltip(kind), _value_tooltip(decimals)],
    }
    data_rows = frame.to_dicts()
    spec = _base(
        title,
        description,
        _labelled(data_rows, kind),
        height=300,
        transform=[HAS_VALUE],
        mark={"type": "line", "point": True, "strokeWidth": 2},
        encoding=encoding,
    )
    columns = {"region": "Gebiet", "period": _period_label(kind), "value": _unit_label(unit)}
    columns |= _symbol_column(frame)
    return Chart(spec, title, description, data_rows, columns, decimals=decimals)


# --- comparison bars --------------------------------------------------------------------------


def comparison_bars(
    rows: Rows, *, title: str, unit: str = "", decimals: int = 1, home: str | None = None
) -> Chart:
    """Horizontal bars, one per row (e.g. district, Land, Germany), in the given order.

    Rows: ``region`` (name), ``value`` and optionally ``symbol``. The bar of ``home`` is
    coloured and its label bold."""
    frame = _frame(rows, {"region": pl.String, "value": pl.Float64}, decimals, SYMBOL)
    description = texts.bars_text(frame, title, unit, decimals, home)
    bold_home = {"condition": {"test": _is("value", home), "value": "bold"}, "value": "normal"}
    y = {
        "field": "region",
        "type": "nominal",
        "sort": frame["region"].to_list(),
        "axis": {"title": None, "labelLimit": 220, "labelFontWeight": bold_home, **LABELS_APART},
    }
    colour = {"condition": {"test": _is("region", home), "value": HOME_COLOUR}}
    region_tooltip = {"field": "region", "type": "nominal", "title": "Gebiet"}
    value_label = {"text": {"field": "value", "format": _fmt(decimals)}}
    data_rows = frame.to_dicts()
    spec = _base(
        title,
        description,
        data_rows,
        height={"step": 28},
        transform=[HAS_VALUE],
        encoding={
            "y": y,
            "x": _value(decimals, unit, across=True),
            "tooltip": [region_tooltip, _value_tooltip(decimals)],
        },
        layer=[
            {"mark": {"type": "bar"}, "encoding": {"color": {**colour, "value": OTHER_COLOUR}}},
            {"mark": {"type": "text", "align": "left", "dx": 4}, "encoding": value_label},
        ],
    )
    columns = {"region": "Gebiet", "value": _unit_label(unit)} | _symbol_column(frame)
    return Chart(spec, title, description, data_rows, columns, decimals=decimals)


# --- all districts: distribution and map ------------------------------------------------------

_DISTRICT_SCHEMA = {"ags": pl.String, "region": pl.String, "value": pl.Float64}


def _district_columns(unit: str, frame: pl.DataFrame) -> dict[str, str]:
    columns = {"ags": "Kreisschlüssel", "region": "Kreis", "value": _unit_label(unit)}
    return columns | _symbol_column(frame)


def district_rows(rows: Rows, decimals: int = 1) -> pl.DataFrame:
    """All districts' rows (``ags``, ``region``, ``value``) as the district charts show them,
    values rounded; the input of ``kek.statistics.analysis.district_summary``."""
    return _frame(rows, _DISTRICT_SCHEMA, decimals)


def distribution(
    rows: Rows,
    *,
    title: str,
    unit: str = "",
    decimals: int = 1,
    home: str | None = None,
    direction: int = 0,
    summary: Mapping[str, Any],
) -> Chart:
    """Strip plot of all districts' values with the median and the home district marked.

    Rows: ``ags``, ``region`` (name), ``value``, optionally ``symbol``; ``home`` is the home
    district's AGS;
    ``direction`` (+1/−1/0) only changes how the text alternative states its rank;
    ``summary`` (``kek.statistics.analysis.district_summary``) gives the text alternative its
    range, median and the home district's rank."""
    frame = _frame(rows, _DISTRICT_SCHEMA, decimals, SYMBOL)
    description = texts.distribution_text(summary, title, unit, decimals, direction)
    region_tooltip = {"field": "region", "type": "nominal", "title": "Kreis"}
    median = {"aggregate": [{"op": "median", "field": "value", "as": "median"}]}
    median_rule = {"type": "rule", "color": "#111827", "strokeDash": [4, 3], "strokeWidth": 1.5}
    layers: list[dict[str, Any]] = [
        {
            "transform": [HAS_VALUE],
            "mark": {"type": "tick", "color": OTHER_COLOUR, "thickness": 1.5, "size": 40},
            "encoding": {
                "x": _value(decimals, unit, zero=False, across=True),
                "tooltip": [region_tooltip, _value_tooltip(decimals)],
            },
        },
        {
            "transform": [HAS_VALUE, median],
            "mark": median_rule,
            "encoding": {"x": {"field": "median", "type": "quantitative"}},
        },
    ]
    if home is not None:
        layers += _home_marker(home, decimals)
    data_rows = frame.to_dicts()
    spec = _base(title, description, data_rows, height=90, layer=layers)
    columns = _district_columns(unit, frame)
    return Chart(spec, title, description, data_rows, columns, decimals=decimals)


def _home_marker(home: str, decimals: int) -> list[dict[str, Any]]:
    selected = [{"filter": _is("ags", home)}, HAS_VALUE]
    label = f"datum.region + ': ' + format(datum.value, '{_fmt(decimals)}')"
    x = {"field": "value", "type": "quantitative"}
    text = {"type": "text", "baseline": "bottom", "y": 0, "dy": -4, "fontWeight": "bold"}
    return [
        {
            "transform": selected,
            "mark": {"type": "rule", "color": HOME_COLOUR, "strokeWidth": 3},
            "encoding": {"x": x},
        },
        {
            "transform": [*selected, {"calculate": label, "as": "label"}],
            "mark": {**text, "color": HOME_COLOUR},
            "encoding": {"x": x, "text": {"field": "label"}},
        },
    ]


def choropleth(
    rows: Rows,
    *,
    title: str,
    unit: str = "",
    decimals: int = 1,
    home: str | None = None,
    direction: int = 0,
    summary: Mapping[str, Any],
    geojson_url: str | None = None,
) -> Chart:
    """Map of all districts coloured by value (grey: no value), the home district outlined.

    Rows: ``ags``, ``region`` (name), ``value`` (optionally ``symbol``), joined to the
    boundaries by AGS (lookup
    transform). ``geojson_url`` (the static URL of ``geo/kreise.geojson``) makes the web spec
    load the boundaries; without it they are embedded. :meth:`Chart.static_spec` always embeds
    them (for SVG/PNG). The attribution ``© GeoBasis-DE / BKG (2021)`` is the spec's footer and
    ``Chart.attribution`` (shown under the map by the template)."""
    frame = _frame(rows, _DISTRICT_SCHEMA, decimals, SYMBOL)
    features = district_features()
    description = texts.map_text(summary, title, unit, decimals, direction, len(features))
    data_rows = frame.to_dicts()
    inline = {"values": list(features)}
    by_url = {"url": geojson_url, "format": {"type": "json", "property": "features"}}
    spec = _base(
        title,
        description,
        data_rows,
        height=560,
        width=440,
        projection={"type": "mercator"},
        title=_footer(ATTRIBUTION),
        layer=_map_layers(home, decimals, unit),
    )
    spec["data"] = by_url if geojson_url else inline
    spec["transform"] = [
        {
            "lookup": "properties.AGS",
            "from": {"data": {"values": data_rows}, "key": "ags", "fields": ["value"]},
        }
    ]
    columns = _district_columns(unit, frame)
    return Chart(spec, title, description, data_rows, columns, ATTRIBUTION, inline, decimals)


def _footer(text: str) -> dict[str, Any]:
    return {
        "text": text,
        "orient": "bottom",
        "anchor": "end",
        "fontSize": 10,
        "fontWeight": "normal",
        "color": "#4B5563",
    }


def _map_layers(home: str | None, decimals: int, unit: str) -> list[dict[str, Any]]:
    name = {"field": "properties.GEN", "type": "nominal", "title": "Kreis"}
    tooltip = [name, _value_tooltip(decimals)]
    legend = {"title": _unit_label(unit), "format": _fmt(decimals), "orient": "right"}
    colour = {"field": "value", "type": "quantitative", "scale": {"scheme": "blues"}}
    shape = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.4}
    layers: list[dict[str, Any]] = [
        {"mark": {**shape, "fill": MISSING_COLOUR}, "encoding": {"tooltip": [name]}},
        {
            "transform": [HAS_VALUE],
            "mark": shape,
            "encoding": {"color": {**colour, "legend": legend}, "tooltip": tooltip},
        },
    ]
    if home is not None:
        outline = {"type": "geoshape", "fill": None, "stroke": "#000000", "strokeWidth": 2}
        transform = [{"filter": _is("properties.AGS", home)}]
        layers.append({"transform": transform, "mark": outline, "encoding": {"tooltip": tooltip}})
    return layers


# --- one district's municipalities ---------------------------------------------------------

_MUNICIPAL_SCHEMA = {"ags": pl.String, "region": pl.String, "value": pl.Float64}
MUNICIPAL_MAP_WIDTH = 440
MUNICIPAL_MAP_HEIGHTS = (260, 560)  # the height follows the district's shape, within these


def municipal_map(
    rows: Rows,
    *,
    features: Iterable[Mapping[str, Any]],
    title: str,
    unit: str = "",
    decimals: int = 1,
    district: str,
    summary: Mapping[str, Any],
    attribution: str,
) -> Chart:
    """Map of one district's municipalities coloured by value (grey: no value).

    Rows: ``ags`` (eight digits), ``region`` (name), ``value``, optionally ``symbol``, joined
    by key to ``features``: GeoJSON features with the property ``AGS`` (and ``GEN``), whose
    polygons are embedded in the spec (wound for d3, :func:`kek.charts.geo.d3_winding`).
    Municipalities without a feature stay in ``Chart.rows`` and are named in the text
    alternative; features without a row are not drawn. ``summary``
    (``kek.statistics.analysis.district_summary`` of the rows) gives the text its range and
    median; ``attribution`` (the outlines' source note) is the footer and
    ``Chart.attribution``."""
    frame = _frame(rows, _MUNICIPAL_SCHEMA, decimals, SYMBOL)
    keys = set(frame["ags"].to_list())
    drawn = [
        {**f, "geometry": d3_winding(f["geometry"])}
        for f in features
        if f.get("properties", {}).get("AGS") in keys
    ]
    outlined = {f["properties"]["AGS"] for f in drawn}
    rows_drawn = frame.filter(pl.col("ags").is_in(list(outlined)))
    not_drawn = {
        row["region"]: row["value"] is not None
        for row in frame.iter_rows(named=True)
        if row["ags"] not in outlined
    }
    without_value = rows_drawn.filter(pl.col("value").is_null()).height
    description = texts.municipal_map_text(
        summary, title, unit, decimals, district, without_value, not_drawn
    )
    data_rows = frame.to_dicts()
    name = {"field": "region", "type": "nominal", "title": "Gemeinde"}
    legend = {"title": _unit_label(unit), "format": _fmt(decimals), "orient": "right"}
    colour = {"field": "value", "type": "quantitative", "scale": {"scheme": "blues"}}
    shape = {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.8}
    layers: list[dict[str, Any]] = [
        {"mark": {**shape, "fill": MISSING_COLOUR}, "encoding": {"tooltip": [name]}},
        {
            "transform": [HAS_VALUE],
            "mark": shape,
            "encoding": {
                "color": {**colour, "legend": legend},
                "tooltip": [name, _value_tooltip(decimals)],
            },
        },
    ]
    spec = _base(
        title,
        description,
        data_rows,
        width=MUNICIPAL_MAP_WIDTH,
        height=_map_height(drawn, MUNICIPAL_MAP_WIDTH),
        projection={"type": "mercator"},
        title=_footer(attribution),
        layer=layers,
    )
    spec["data"] = {"values": drawn}
    spec["transform"] = [
        {
            "lookup": "properties.AGS",
            "from": {"data": {"values": data_rows}, "key": "ags", "fields": ["region", "value"]},
        }
    ]
    columns = {"ags": "Gemeindeschlüssel", "region": "Gemeinde", "value": _unit_label(unit)}
    columns |= _symbol_column(frame)
    return Chart(spec, title, description, data_rows, columns, attribution, decimals=decimals)


def _map_height(features: list[dict[str, Any]], width: int) -> int:
    """The height at which ``features`` fill ``width`` in the Mercator projection."""
    points = [
        point
        for f in features
        for polygon in _polygons(f["geometry"])
        for point in polygon[0]  # exterior rings suffice for the extent
    ]
    low, high = MUNICIPAL_MAP_HEIGHTS
    if not points:
        return low
    lons = [p[0] for p in points]
    ys = [math.log(math.tan(math.pi / 4 + math.radians(p[1]) / 2)) for p in points]
    across = math.radians(max(lons) - min(lons))
    if across <= 0:
        return high
    return int(min(high, max(low, round(width * (max(ys) - min(ys)) / across))))


def _polygons(geometry: Mapping[str, Any]) -> list[Any]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


# --- measurement series (target indicators) ---------------------------------------------------


def measurement_series(
    rows: Rows,
    *,
    title: str,
    unit: str = "",
    decimals: int = 1,
    target: float | None = None,
    target_period: Any = None,
) -> Chart:
    """Measured values over time with an optional horizontal target line.

    Rows: ``period``, ``value``. With ``target`` the rows get one more row of kind
    ``Zielwert`` (period ``target_period``, e.g. the target year), drawn as a dashed line."""
    frame = _frame(rows, {"period": pl.String, "value": pl.Float64}, decimals)
    frame, kind = _periods(frame)
    frame = frame.sort(_period_order(frame), maintain_order=True)
    frame = frame.with_columns(kind=pl.lit(MEASURED))
    data_rows = frame.to_dicts()
    target_row = None
    if target is not None:
        value = pl.Series([float(target)]).round(decimals, mode="half_away_from_zero")[0]
        target_row = {"period": target_period, "value": value, "kind": TARGET}
        data_rows.append(target_row)
    description = texts.measurement_text(frame, target_row, title, unit, decimals)
    measured = {"filter": f"datum.kind === '{MEASURED}' && isValid(datum.value)"}
    line = {"type": "line", "point": True, "strokeWidth": 2, "color": NEUTRAL_COLOUR}
    encoding = {
        "x": _period(kind, frame),
        "y": _value(decimals, unit, zero=False),
        "tooltip": [_period_tooltip(kind), _value_tooltip(decimals)],
    }
    layers = [{"transform": [measured], "mark": line, "encoding": encoding}]
    if target_row:
        layers += _target_layers(target_period, decimals)
    spec = _base(title, description, _labelled(data_rows, kind), height=260, layer=layers)
    columns = {"period": _period_label(kind), "value": _unit_label(unit), "kind": "Art"}
    return Chart(spec, title, description, data_rows, columns, decimals=decimals)


def _target_layers(target_period: Any, decimals: int) -> list[dict[str, Any]]:
    when = f" {periods.format_period(target_period)}" if target_period is not None else ""
    selected = [{"filter": f"datum.kind === '{TARGET}'"}]
    label = f"'Ziel{when}: ' + format(datum.value, '{_fmt(decimals)}')"
    y = {"field": "value", "type": "quantitative"}
    rule = {"type": "rule", "color": HOME_COLOUR, "strokeDash": [6, 4], "strokeWidth": 2}
    text = {"type": "text", "align": "right", "baseline": "bottom", "x": "width", "dy": -4}
    return [
        {"transform": selected, "mark": rule, "encoding": {"y": y}},
        {
            "transform": [*selected, {"calculate": label, "as": "label"}],
            "mark": {**text, "color": HOME_COLOUR, "fontWeight": "bold"},
            "encoding": {"y": y, "text": {"field": "label"}},
        },
    ]
