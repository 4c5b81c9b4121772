"""F10 – static rendering with vl-convert (SVG, PNG) and the CSV of exactly the rows shown."""

from __future__ import annotations

import csv
import io
import re

import pytest

from kek.charts import render
from kek.charts.geo import district_features
from kek.charts.specs import (
    Chart,
    choropleth,
    comparison_bars,
    distribution,
    measurement_series,
    time_series,
)


def marks(svg: str, kind: str) -> int:
    """Number of drawn items of a mark group (Vega's SVG: <g class="mark-KIND role-mark …">)."""
    groups = re.findall(rf'<g class="mark-{kind} role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    return sum(len(re.findall(r"<(?:path|line|text|rect)\b", group)) for group in groups)


def texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


@pytest.fixture(scope="module")
def districts() -> list[dict]:
    rows = [
        {"ags": f["properties"]["AGS"], "region": f["properties"]["GEN"], "value": i % 20 * 1.5}
        for i, f in enumerate(district_features())
    ]
    rows[0]["value"] = None
    return rows


def test_time_series_svg_has_one_line_per_region_and_german_ticks():
    rows = [
        {"region": region, "period": year, "value": base + 1.5 * (year - 2015)}
        for region, base in (("Nordsachsen", 1000.0), ("Sachsen", 1010.0), ("Deutschland", 990.0))
        for year in range(2015, 2021)
    ]
    svg = render.to_svg(time_series(rows, title="t", unit="Personen", home="Nordsachsen"))
    assert svg.startswith("<svg")
    assert marks(svg, "line") == 3
    assert marks(svg, "symbol") == 18
    labels = texts(svg)
    assert {"Nordsachsen", "Sachsen", "Deutschland"} <= set(labels)
    assert "2015" in labels and "2.015" not in labels  # years without a thousands separator
    assert any(re.fullmatch(r"1\.0\d0,0", label) for label in labels)  # 1.000,0 style


def test_comparison_bars_svg_draws_a_bar_per_value():
    rows = [
        {"region": "Nordsachsen", "value": 6.1},
        {"region": "Sachsen", "value": 5.5},
        {"region": "Deutschland", "value": None},
    ]
    svg = render.to_svg(comparison_bars(rows, title="t", unit="%", home="Nordsachsen"))
    assert marks(svg, "rect") == 2
    assert {"6,1", "5,5"} <= set(texts(svg))


def test_distribution_svg_has_a_tick_per_district_and_the_home_rule(districts):
    chart = distribution(districts, title="t", unit="%", home="14730", summary={})
    svg = render.to_svg(chart)
    assert marks(svg, "rect") == 399  # ticks, the district without a value is not drawn
    assert marks(svg, "rule") >= 2  # median and home district
    assert any(label.startswith("Nordsachsen: ") for label in texts(svg))


def test_map_svg_draws_every_district_and_the_attribution(districts):
    chart = choropleth(
        districts,
        title="t",
        unit="%",
        home="14730",
        geojson_url="/static/geo/kreise.geojson",
        summary={},
    )
    svg = render.to_svg(chart)  # renders offline: the static spec embeds the boundaries
    shapes = marks(svg, "shape")
    assert 400 * 2 - 1 <= shapes <= 400 * 2 + 1  # grey base + coloured (one without value) + home
    assert "© GeoBasis-DE / BKG (2021)" in svg
    # The home outline is Nordsachsen itself (about 60 × 60 px of a 440 px map), not the whole
    # globe minus Nordsachsen, which d3 would draw from wrongly wound rings.
    home = re.findall(r'aria-label="Kreis: Nordsachsen[^"]*"[^>]* d="([^"]+)"', svg)[-1]
    xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", home)]
    assert 20 < max(xs) - min(xs) < 100


def test_web_spec_with_url_is_not_loaded_from_the_network(districts):
    chart = choropleth(
        districts, title="t", geojson_url="https://example.org/kreise.geojson", summary={}
    )
    web_only = Chart(chart.spec, chart.title, chart.description, chart.rows, chart.columns)
    with pytest.raises(ValueError, match="not allowed"):
        render.to_svg(web_only)


def test_measurement_series_svg_shows_the_target_label():
    rows = [{"period": 2021, "value": 8}, {"period": 2022, "value": 12}]
    chart = measurement_series(
        rows, title="t", unit="Anzahl", decimals=0, target=40, target_period=2030
    )
    svg = render.to_svg(chart)
    assert marks(svg, "line") == 1
    assert "Ziel 2030: 40" in texts(svg)


def test_png_is_a_png():
    chart = comparison_bars([{"region": "A", "value": 1.0}], title="t")
    png = render.to_png(chart, scale=1)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(render.to_png(chart, scale=2)) > len(png)


def test_csv_holds_exactly_the_rows():
    rows = [
        {"region": "Nordsachsen", "period": "2024-12-31", "value": 199_422.0},
        {"region": 'Wörth, "Stadt"', "period": "2024-12-31", "value": None},
    ]
    chart = time_series(rows, title="t", decimals=0)
    text = render.to_csv(chart)
    assert text.splitlines()[0] == "region,period,value"
    parsed = list(csv.DictReader(io.StringIO(text)))
    expected = [
        {key: "" if value is None else str(value) for key, value in row.items()}
        for row in chart.rows
    ]
    assert parsed == expected
    assert parsed[1]["region"] == 'Wörth, "Stadt"'
    text.encode("utf-8")  # plain str, encodable as UTF-8 (umlauts kept)


def test_csv_of_a_measurement_series_includes_the_target_row():
    chart = measurement_series(
        [{"period": 2021, "value": 1}], title="t", target=3, target_period=2030
    )
    parsed = list(csv.DictReader(io.StringIO(render.to_csv(chart))))
    assert parsed == [
        {"period": "2021", "value": "1.0", "kind": "Messwert"},
        {"period": "2030", "value": "3.0", "kind": "Zielwert"},
    ]


def test_csv_defuses_formula_starts_and_keeps_negative_numbers():
    rows = [
        {"region": "=1+1", "period": "2024-12-31", "value": -3.0},
        {"region": "@Nordsachsen", "period": "2023-12-31", "value": 2.0},
    ]
    text = render.to_csv(time_series(rows, title="t", decimals=0))
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert {row["region"] for row in parsed} == {"'=1+1", "'@Nordsachsen"}
    assert "-3.0" in {row["value"] for row in parsed}
