"""F10 – chart builders: specs, rows, columns and German text alternatives (pure, no Django)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from kek.charts import specs
from kek.charts.geo import ATTRIBUTION, d3_winding, district_features
from kek.charts.specs import (
    choropleth,
    comparison_bars,
    distribution,
    measurement_series,
    time_series,
)
from kek.charts.texts import format_number
from kek.statistics.analysis import district_summary

V6 = "https://vega.github.io/schema/vega-lite/v6.json"


def summary_of(rows, home="14730", direction=0, decimals=1) -> dict:
    """What the statistics pages hand the district charts for their text alternative."""
    return district_summary(specs.district_rows(rows, decimals), home, direction)


def district_rows() -> list[dict]:
    """All 400 districts of the shipped boundaries with made-up values; Nordsachsen highest but
    one; Flensburg without a value."""
    rows = []
    for i, feature in enumerate(district_features()):
        props = feature["properties"]
        rows.append({"ags": props["AGS"], "region": props["GEN"], "value": float(i % 50)})
    by_ags = {row["ags"]: row for row in rows}
    by_ags["01001"]["value"] = None
    by_ags["14730"]["value"] = 60.0
    by_ags["09162"]["value"] = 75.25
    by_ags["16077"]["value"] = -3.0
    return rows


def test_format_number_is_german():
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_number(-0.5, 1) == "−0,5"
    assert format_number(None) == "k. A."
    assert format_number(float("nan")) == "k. A."
    assert format_number(199422, 0) == "199.422"


def test_time_series_spec_rows_and_text():
    rows = [
        {"region": "Deutschland", "period": 2015, "value": 100.0},
        {"region": "Nordsachsen", "period": 2020, "value": 95.04},
        {"region": "Nordsachsen", "period": 2015, "value": 100.0},
        {"region": "Sachsen", "period": 2015, "value": 100.0},
        {"region": "Sachsen", "period": 2020, "value": None},
        {"region": "Sachsen", "period": 2018, "value": 101.0},
        {"region": "Deutschland", "period": 2020, "value": 103.2},
    ]
    chart = time_series(rows, title="Bevölkerung (2015 = 100)", unit="Index", home="Nordsachsen")
    assert chart.spec["$schema"] == V6
    assert chart.spec["mark"]["type"] == "line"
    assert chart.spec["data"]["values"] == chart.rows
    # rows grouped by region in first-seen order, sorted by year, rounded to 1 place
    assert chart.rows == [
        {"region": "Deutschland", "period": 2015, "value": 100.0},
        {"region": "Deutschland", "period": 2020, "value": 103.2},
        {"region": "Nordsachsen", "period": 2015, "value": 100.0},
        {"region": "Nordsachsen", "period": 2020, "value": 95.0},
        {"region": "Sachsen", "period": 2015, "value": 100.0},
        {"region": "Sachsen", "period": 2018, "value": 101.0},
        {"region": "Sachsen", "period": 2020, "value": None},
    ]
    assert chart.columns == {"region": "Gebiet", "period": "Jahr", "value": "Wert (Index)"}
    assert chart.spec["encoding"]["color"]["scale"]["domain"] == [
        "Deutschland",
        "Nordsachsen",
        "Sachsen",
    ]
    text = chart.description
    assert text.startswith("Liniendiagramm „Bevölkerung (2015 = 100)“ (Index), 2015 bis 2020.")
    # the home district comes first, then the others; a missing last value is skipped
    assert text.index("Nordsachsen: von 100,0 (2015) auf 95,0 (2020) (−5,0 %)") < text.index(
        "Deutschland"
    )
    assert "Deutschland: von 100,0 (2015) auf 103,2 (2020) (+3,2 %)" in text
    assert "Sachsen: von 100,0 (2015) auf 101,0 (2018) (+1,0 %)" in text
    assert chart.spec["description"] == text


def test_time_series_with_dates_uses_a_time_axis():
    rows = [
        {"region": "Nordsachsen", "period": "2023-12-31", "value": 199_899},
        {"region": "Nordsachsen", "period": "2024-12-31", "value": 199_422},
    ]
    chart = time_series(rows, title="Einwohner", unit="Personen", decimals=0)
    assert chart.spec["encoding"]["x"]["type"] == "temporal"
    assert chart.columns["period"] == "Zeitpunkt"
    assert "von 199.899 (31.12.2023) auf 199.422 (31.12.2024) (−0,2 %)" in chart.description


def test_time_series_accepts_a_polars_frame_and_no_data():
    frame = pl.DataFrame({"region": ["A"], "period": ["2020"], "value": [1.26]})
    assert time_series(frame, title="t").rows == [{"region": "A", "period": 2020, "value": 1.3}]
    empty = time_series([], title="Leer")
    assert empty.rows == []
    assert "keine Werte" in empty.description


def test_builders_reject_rows_without_the_needed_keys():
    with pytest.raises(ValueError, match="value"):
        comparison_bars([{"region": "A", "wert": 1}], title="t")


def test_comparison_bars_highlight_home_and_describe_extremes():
    rows = [
        {"region": "Nordsachsen", "value": 6.14},
        {"region": "Sachsen", "value": 5.5},
        {"region": "Deutschland", "value": 6.3},
        {"region": "Leipzig", "value": None},
    ]
    chart = comparison_bars(rows, title="Arbeitslosenquote 2024", unit="%", home="Nordsachsen")
    assert chart.rows[0] == {"region": "Nordsachsen", "value": 6.1}
    assert chart.rows[3] == {"region": "Leipzig", "value": None}
    marks = [layer["mark"]["type"] for layer in chart.spec["layer"]]
    assert marks == ["bar", "text"]
    colour = chart.spec["layer"][0]["encoding"]["color"]
    assert colour["condition"]["test"] == 'datum.region === "Nordsachsen"'
    assert chart.spec["encoding"]["y"]["sort"] == [r["region"] for r in rows]
    assert chart.description == (
        "Balkendiagramm „Arbeitslosenquote 2024“ (%) mit 4 Balken. "
        "Höchster Wert: Deutschland mit 6,3. Niedrigster Wert: Sachsen mit 5,5. "
        "Nordsachsen: 6,1."
    )


def test_distribution_marks_home_and_states_its_rank():
    rows = district_rows()
    chart = distribution(
        rows,
        title="Ärzte je 1.000 Einwohner",
        unit="je 1.000",
        home="14730",
        direction=1,
        summary=summary_of(rows, direction=1),
    )
    # exactly the input, values rounded half away from zero to one place
    assert chart.rows == [{**r, "value": 75.3} if r["ags"] == "09162" else r for r in rows]
    assert chart.columns == {"ags": "Kreisschlüssel", "region": "Kreis", "value": "Wert (je 1.000)"}
    marks = [layer["mark"]["type"] for layer in chart.spec["layer"]]
    assert marks == ["tick", "rule", "rule", "text"]
    assert chart.spec["layer"][2]["transform"][0] == {"filter": 'datum.ags === "14730"'}
    text = chart.description
    assert "über 399 Kreise" in text
    assert "Niedrigster Wert: Altenburger Land mit −3,0." in text
    assert "Höchster Wert: München mit 75,3." in text
    assert "Nordsachsen: 60,0, Rang 2 von 399 (Rang 1 = höchster Wert, höher ist besser)." in text


def test_distribution_rank_follows_the_direction():
    rows = district_rows()
    summary = summary_of(rows, direction=-1)
    low_is_good = distribution(rows, title="t", home="14730", direction=-1, summary=summary)
    assert "Rang 398 von 399 (Rang 1 = niedrigster Wert, niedriger ist besser)" in (
        low_is_good.description
    )


def test_choropleth_web_spec_loads_boundaries_by_url_and_static_spec_embeds_them():
    rows = district_rows()
    chart = choropleth(
        rows,
        title="Karte",
        unit="%",
        home="14730",
        geojson_url="/static/geo/kreise.geojson",
        summary=summary_of(rows),
    )
    assert chart.spec["data"] == {
        "url": "/static/geo/kreise.geojson",
        "format": {"type": "json", "property": "features"},
    }
    lookup = chart.spec["transform"][0]
    assert lookup["lookup"] == "properties.AGS"
    assert lookup["from"]["data"]["values"] == chart.rows
    assert lookup["from"]["key"] == "ags"
    static = chart.static_spec()
    assert len(static["data"]["values"]) == 400
    assert {f["properties"]["AGS"] for f in static["data"]["values"]} >= {"14730", "02000"}
    assert static["layer"] == chart.spec["layer"]
    # attribution in the spec (footer) and for the template
    assert chart.spec["title"]["text"] == ATTRIBUTION == "© GeoBasis-DE / BKG (2021)"
    assert chart.spec["title"]["orient"] == "bottom"
    assert chart.attribution == ATTRIBUTION
    assert "Für einen Kreis liegt kein Wert vor" in chart.description
    assert "Nordsachsen: 60,0, Rang 2 von 399" in chart.description


def test_choropleth_without_url_embeds_the_boundaries_in_the_web_spec_too():
    chart = choropleth(district_rows(), title="Karte", summary={})
    assert len(chart.spec["data"]["values"]) == 400
    assert len(json.dumps(chart.spec)) > 100_000


def test_d3_winding_turns_rfc7946_rings_clockwise_and_is_idempotent():
    ccw_square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    ccw_hole = [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.4], [0.2, 0.2]]
    polygon = {"type": "Polygon", "coordinates": [ccw_square, ccw_hole]}
    wound = d3_winding(polygon)
    assert wound["coordinates"][0] == ccw_square[::-1]  # exterior now clockwise
    assert wound["coordinates"][1] == ccw_hole  # hole stays counter-clockwise
    assert d3_winding(wound) == wound
    multi = d3_winding({"type": "MultiPolygon", "coordinates": [[ccw_square]]})
    assert multi["coordinates"] == [[ccw_square[::-1]]]


def test_measurement_series_with_target_row_and_line():
    rows = [
        {"period": 2022, "value": 12},
        {"period": 2021, "value": 8},
        {"period": 2023, "value": None},
    ]
    chart = measurement_series(
        rows, title="Ladepunkte", unit="Anzahl", decimals=0, target=40, target_period=2030
    )
    assert chart.rows == [
        {"period": 2021, "value": 8.0, "kind": "Messwert"},
        {"period": 2022, "value": 12.0, "kind": "Messwert"},
        {"period": 2023, "value": None, "kind": "Messwert"},
        {"period": 2030, "value": 40.0, "kind": "Zielwert"},
    ]
    assert chart.columns == {"period": "Jahr", "value": "Wert (Anzahl)", "kind": "Art"}
    marks = [layer["mark"]["type"] for layer in chart.spec["layer"]]
    assert marks == ["line", "rule", "text"]
    assert chart.description == (
        "Messreihe „Ladepunkte“ (Anzahl): 2 Messwerte von 2021 bis 2022; erster Wert 8, "
        "letzter Wert 12. Zielwert für 2030: 40. Der letzte Wert liegt 28 unter dem Zielwert."
    )


def test_measurement_series_without_target_or_values():
    chart = measurement_series([], title="Neu")
    assert chart.rows == []
    assert [layer["mark"]["type"] for layer in chart.spec["layer"]] == ["line"]
    assert "noch keine Messwerte" in chart.description
