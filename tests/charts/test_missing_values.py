"""Values that are missing (a status symbol, or nothing): the chart's data table explains the
symbol in words, the CSV keeps it, and no text alternative ends in "k. A.."."""

from __future__ import annotations

import csv
import io
import re

from django.template import Context, Template

from kek.charts import render, specs
from kek.charts.geo import district_features
from kek.charts.specs import choropleth, comparison_bars, distribution, time_series
from kek.statistics.analysis import district_summary


def cells(chart) -> list[str]:
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": chart}))
    body = html.split("<tbody", 1)[1].split("</tbody>")[0]
    return re.findall(r"<t[dh] class=\"kern-table__cell\"[^>]*>(.*?)</t[dh]>", body, re.S)


def test_it_explains_symbols_in_the_data_table_and_keeps_them_in_the_csv():
    bars = comparison_bars(
        [
            {"region": "Nordsachsen", "value": None, "symbol": "-"},
            {"region": "Sachsen", "value": 12.0, "symbol": None},
            {"region": "Deutschland", "value": None, "symbol": "x"},
            {"region": "Bayern", "value": None, "symbol": None},
        ],
        title="Studierende",
        decimals=0,
        home="Nordsachsen",
    )
    shown = cells(bars)
    assert shown[1] == (
        '<abbr class="kek-symbol" title="Zeichen „-“: nichts vorhanden (genau null)">-</abbr>'
        " (nichts vorhanden)"
    )
    assert shown[3] == "12"
    assert shown[5].startswith('<abbr class="kek-symbol" title="Zeichen „x“: Tabellenfach')
    assert shown[5].endswith("</abbr> (nicht sinnvoll)")
    assert shown[7] == '<abbr class="kek-symbol" title="keine Angabe">k. A.</abbr>'
    # Never a bare symbol in a cell; no column of its own for the symbol in the table.
    assert not any(cell.strip() in {"-", "x", ".", "/", "..."} for cell in shown)
    assert len(shown) == 8
    rows = list(csv.DictReader(io.StringIO(render.to_csv(bars))))
    assert [(row["value"], row["symbol"]) for row in rows] == [
        ("", "'-"),  # defused: a spreadsheet would read a leading "-" as a formula
        ("12.0", ""),
        ("", "x"),
        ("", ""),
    ]


def test_its_text_alternatives_never_end_in_k_a_and_a_full_stop():
    missing = [
        {"region": "Nordsachsen", "value": None},
        {"region": "Sachsen", "value": 3.0},
        {"region": "Deutschland", "value": None, "symbol": None},
    ]
    with_symbol = [{**row, "symbol": "." if row["value"] is None else None} for row in missing]
    texts = [
        comparison_bars(missing, title="t", home="Nordsachsen").description,
        comparison_bars(with_symbol, title="t", home="Nordsachsen").description,
        comparison_bars(missing, title="t", home="Bayern").description,
        time_series(
            [{**row, "period": 2020} for row in missing], title="t", home="Nordsachsen"
        ).description,
    ]
    rows = [
        {"ags": f["properties"]["AGS"], "region": f["properties"]["GEN"], "value": None}
        for f in district_features()
    ]
    rows[0]["value"] = 1.0
    summary = district_summary(specs.district_rows(rows), "14730", 1)
    texts.append(distribution(rows, title="t", home="14730", summary=summary).description)
    texts.append(choropleth(rows, title="t", home="14730", summary=summary).description)
    for text in texts:
        assert "k. A.." not in text and ".." not in text.replace("...", ""), text
    assert "Nordsachsen: keine Angabe." in texts[0]
    assert "Nordsachsen: unbekannt oder geheim." in texts[1]
