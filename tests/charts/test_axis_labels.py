"""Axis labels never overlap: time axes ask for a limited number of ticks and let Vega hide a
label that would touch its neighbour; long period names are turned; horizontal value axes
with long German numbers get few ticks. Checked on the specs and on the drawn SVG."""

from __future__ import annotations

import re

import pytest

from kek.charts import render, specs
from kek.charts.geo import district_features
from kek.charts.specs import comparison_bars, distribution, measurement_series, time_series
from kek.statistics.analysis import district_summary

SERIES = {
    "years": [f"{year}" for year in range(1990, 2024)],
    "dates": [f"{year}-12-31" for year in range(1995, 2025)],
    "quarter dates": [
        f"{y}-{md}" for y in (2023, 2024) for md in ("03-31", "06-30", "09-30", "12-31")
    ],
    "semesters": [f"{year}-{month}P6M" for year in range(2012, 2024) for month in ("04", "10")],
    "quarters": [f"{year}-{month:02d}P3M" for year in range(2020, 2024) for month in (1, 4, 7, 10)],
}


def series(periods: list[str]):
    rows = [
        {"region": "Nordsachsen", "period": p, "value": 1000.0 + i} for i, p in enumerate(periods)
    ]
    return time_series(rows, title="t", unit="Personen")


def axes(spec: dict) -> list[dict]:
    """Every axis of a spec (encodings of the spec and of its layers)."""
    found = []
    for part in [spec, *spec.get("layer", [])]:
        for channel in ("x", "y"):
            encoding = part.get("encoding", {}).get(channel)
            if encoding and "axis" in encoding and encoding["axis"] is not None:
                found.append(encoding["axis"])
    return found


@pytest.mark.parametrize("name", sorted(SERIES))
def test_it_keeps_time_axis_labels_apart_with_few_ticks(name):
    chart = series(SERIES[name])
    x = chart.spec["encoding"]["x"]["axis"]
    assert x["labelOverlap"] == "greedy" and x["labelSeparation"] >= 4
    if chart.spec["encoding"]["x"]["type"] == "ordinal":
        assert x["labelAngle"] == -40  # long names such as "Wintersemester 2023/24"
        assert x["labelLimit"] <= 200
    else:
        count = x["tickCount"]
        if isinstance(count, dict):  # every n-th year or month
            span = {"year": 1, "month": 1}[count["interval"]]
            assert count["step"] >= span
            periods = len({p[: 4 if count["interval"] == "year" else 7] for p in SERIES[name]})
            assert periods / count["step"] <= specs.TIME_TICKS + 1
        else:
            assert count <= specs.TIME_TICKS


def test_it_keeps_every_axis_of_every_chart_apart():
    rows = [
        {"ags": f["properties"]["AGS"], "region": f["properties"]["GEN"], "value": i * 10_000.0}
        for i, f in enumerate(district_features())
    ]
    summary = district_summary(specs.district_rows(rows), "14730", 1)
    charts = [
        series(SERIES["years"]),
        comparison_bars([{"region": "A", "value": 83_577_140.0}], title="t"),
        distribution(rows, title="t", home="14730", summary=summary),
        measurement_series([{"period": "2024-01-01", "value": 1.0}], title="t"),
    ]
    for chart in charts:
        for axis in axes(chart.spec):
            assert axis.get("labelOverlap") == "greedy", chart.title
    for chart in charts[1:3]:  # horizontal value axes: German numbers such as 80.000.000
        (x,) = [a for a in axes(chart.spec) if (a.get("title") or "").startswith("Wert")]
        assert x["tickCount"] == specs.VALUE_TICKS


def visible_labels(svg: str) -> list[tuple[float, float, str]]:
    """(x, rotation, text) of the drawn x-axis labels (Vega sets opacity 0 on hidden ones)."""
    groups = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
    x_axis = groups[0]
    found = []
    for attrs, text in re.findall(r"<text([^>]*)>([^<]*)</text>", x_axis):
        if 'opacity="0"' in attrs:
            continue
        x = float(re.search(r"translate\(([-\d.]+)", attrs)[1])
        rotation = re.search(r"rotate\(([-\d.]+)\)", attrs)
        found.append((x, float(rotation[1]) if rotation else 0.0, text))
    return found


@pytest.mark.parametrize("name", sorted(SERIES))
def test_it_draws_x_axis_labels_that_do_not_overlap(name):
    labels = visible_labels(render.to_svg(series(SERIES[name])))
    assert len(labels) >= 2
    for (x1, turn, text), (x2, _, _) in zip(labels, labels[1:], strict=False):
        # Upright labels need their width (≈ 6.5 px a character at 12 px), turned ones the
        # height of a line.
        needed = 14 if turn else len(text) * 6.5
        assert x2 - x1 >= needed, (name, text, x1, x2)
