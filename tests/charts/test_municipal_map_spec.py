"""The map of a district's municipalities (kek.charts.specs.municipal_map): the shipped
outlines of Nordsachsen's 30 municipalities joined by key to the rows, embedded in the spec,
drawn offline by vl-convert, and a text alternative that names what the map leaves out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kek.charts import render
from kek.charts.specs import MISSING_COLOUR, municipal_map
from kek.statistics.analysis import district_summary
from kek.statistics.figures import district_rows

SHIPPED = Path(__file__).parents[2] / "data" / "nordsachsen" / "gemeinden.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG (2016)"


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))["features"]


def rows_for(features: list[dict]) -> list[dict]:
    """A value for every outlined municipality (Torgau none) and one without an outline."""
    rows = [
        {"ags": f["properties"]["AGS"], "region": f["properties"]["GEN"], "value": float(i)}
        for i, f in enumerate(features)
    ]
    torgau = next(row for row in rows if row["ags"] == "14730310")
    torgau.update(value=None, symbol=".")
    rows.append({"ags": "14730370", "region": "Zwochau", "value": 99.0})
    return rows


def build(rows: list[dict], features: list[dict]):
    return municipal_map(
        rows,
        features=features,
        title="Anteil (2023): Gemeinden in Nordsachsen",
        unit="Prozent",
        decimals=1,
        district="Nordsachsen",
        summary=district_summary(district_rows(rows, 1), None, 0),
        attribution=ATTRIBUTION,
    )


def test_it_embeds_the_outlines_of_the_rows_and_joins_the_values_by_key(features):
    rows = rows_for(features)
    elsewhere = {
        "type": "Feature",
        "properties": {"AGS": "14521010", "GEN": "Elsewhere"},
        "geometry": features[0]["geometry"],
    }
    chart = build(rows, [*features, elsewhere])
    drawn = chart.spec["data"]["values"]
    assert sorted(f["properties"]["AGS"] for f in drawn) == sorted(
        f["properties"]["AGS"] for f in features
    )  # 30, not the municipality of another district
    lookup = chart.spec["transform"][0]
    assert lookup["lookup"] == "properties.AGS"
    assert lookup["from"]["key"] == "ags" and lookup["from"]["fields"] == ["region", "value"]
    assert lookup["from"]["data"]["values"] == chart.rows
    assert len(chart.rows) == 31  # the table's rows, also the one without an outline
    assert chart.columns == {
        "ags": "Gemeindeschlüssel",
        "region": "Gemeinde",
        "value": "Wert (Prozent)",
        "symbol": "Zeichen",
    }
    base, coloured = chart.spec["layer"]
    assert base["mark"]["fill"] == MISSING_COLOUR
    assert coloured["encoding"]["color"]["field"] == "value"
    assert chart.spec["title"]["text"] == chart.attribution == ATTRIBUTION
    assert chart.spec["projection"] == {"type": "mercator"}
    # Nordsachsen is about as tall as it is wide: the map is neither a strip nor a tower.
    assert 260 <= chart.spec["height"] <= 440


def test_the_outlines_are_wound_for_d3_and_the_input_is_left_alone(features):
    original = json.dumps(features)
    chart = build(rows_for(features), features)
    ring = chart.spec["data"]["values"][0]["geometry"]["coordinates"][0]
    twice_area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))
    assert twice_area < 0  # clockwise: d3 draws the municipality, not the globe without it
    assert json.dumps(features) == original


def test_the_text_alternative_names_range_gaps_and_what_is_not_drawn(features):
    chart = build(rows_for(features), features)
    text = chart.description
    assert text.startswith("Karte der Gemeinden in Nordsachsen: „Anteil (2023)")
    assert "(Prozent). Dunklere Flächen bedeuten höhere Werte." in text
    assert "Niedrigster Wert: Arzberg mit 0,0." in text
    assert "Höchster Wert: Zwochau mit 99,0." in text
    assert "Für eine Gemeinde liegt kein Wert vor (graue Flächen)." in text  # Torgau
    assert (
        "Ohne hinterlegte Gemeindegrenze nicht in der Karte: eine Gemeinde (Zwochau), "
        "ihr Wert steht in der Tabelle." in text
    )
    without = [row for row in rows_for(features) if row["ags"] != "14730370"]
    assert "nicht in der Karte" not in build(without, features).description


def test_it_draws_a_shape_per_municipality_offline(features):
    svg = render.to_svg(build(rows_for(features), features))
    groups = re.findall(r'<g class="mark-shape role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    shapes = [len(re.findall(r"<path\b", group)) for group in groups]
    assert shapes == [30, 29]  # grey base for all; coloured where there is a value
    assert ATTRIBUTION in svg
    labels = re.findall(r'aria-label="Gemeinde: ([^;"]+)', svg)
    assert "Bad Düben" in labels and "Torgau" in labels
    # Each municipality is itself (a few dozen px of a 440 px map), not the globe without it.
    eilenburg = re.findall(r'aria-label="Gemeinde: Eilenburg[^"]*"[^>]* d="([^"]+)"', svg)[0]
    xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+),", eilenburg)]
    assert 5 < max(xs) - min(xs) < 120


def test_without_values_it_says_so(features):
    rows = [{"ags": f["properties"]["AGS"], "region": "x", "value": None} for f in features]
    chart = build(rows, features)
    assert chart.description.endswith("Es liegen keine Werte vor.")
