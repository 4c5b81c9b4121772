"""F10 – the ``{% chart %}`` tag: figure, text alternative, spec as JSON, data table, CSV link;
and the script include. Rendered by Django's template engine (no database)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from kek.charts import choropleth, comparison_bars, measurement_series
from kek.charts.geo import district_features


class Elements(HTMLParser):
    """Start tags with attributes, and the text inside every element by tag name."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)
        self.text.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            self._open.reverse()
            self._open.remove(tag)
            self._open.reverse()

    def handle_data(self, data):
        for tag in self._open:
            self.text[tag][-1] += data

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def parse(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


@pytest.fixture
def bars():
    rows = [
        {"region": "Nordsachsen", "value": 1234.56},
        {"region": "Sachsen <b>", "value": None},
    ]
    return comparison_bars(
        rows, title="Pendler </script> & mehr", unit="Personen", home="Nordsachsen"
    )


def test_chart_tag_renders_figure_with_caption_description_and_view(bars):
    html = render('{% chart chart "/daten/pendler.csv" chart_id="pendler" %}', chart=bars)
    page = parse(html)
    figure = page.find("figure", id="pendler")[0]
    assert figure["aria-describedby"] == "pendler-beschreibung"
    description = page.find("p", id="pendler-beschreibung")
    assert description, "the text alternative is in the page, not only in the chart"
    assert bars.description and bars.description in page.text["p"][0]
    assert page.text["figcaption"] == ["Pendler </script> & mehr"]
    view = page.find("div", **{"data-spec-id": "pendler-spec"})
    assert len(view) == 1 and "data-kek-chart-view" in view[0]
    assert not page.find("h1") and not page.find("h2")  # no heading inside the figure


def test_chart_tag_embeds_the_spec_as_safe_json(bars):
    html = render("{% chart chart chart_id='c1' %}", chart=bars)
    assert html.count("</script>") == 1  # the title's "</script>" is escaped inside the JSON
    match = re.search(r'<script id="c1-spec" type="application/json">(.*?)</script>', html, re.S)
    assert match
    assert json.loads(match.group(1)) == bars.spec


def test_chart_tag_renders_the_data_table(bars):
    page = parse(render("{% chart chart '/x.csv' %}", chart=bars))
    assert page.find("table", **{"class": "kern-table"})
    assert page.text["caption"] == ["Daten zum Diagramm „Pendler </script> & mehr“"]
    headers = page.find("th", scope="col")
    assert len(headers) == 2
    assert page.text["th"][:2] == ["Gebiet", "Wert (Personen)"]
    assert page.text["th"][2:] == ["Nordsachsen", "Sachsen <b>"]  # scope=row
    assert len(page.find("th", scope="row")) == 2
    assert page.text["td"] == ["1.234,6", "k. A."]
    assert page.text["summary"] == ["Daten als Tabelle zum Diagramm „Pendler </script> & mehr“"]
    link = page.find("a", href="/x.csv")[0]
    assert "download" in link


def test_chart_tag_escapes_user_text(bars):
    html = render("{% chart chart %}", chart=bars)
    assert "Sachsen <b>" not in html.replace("\\u003Cb\\u003E", "")
    assert "Sachsen &lt;b&gt;" in html


def test_chart_tag_without_csv_url_has_no_link_and_unique_ids(bars):
    html = render("{% chart chart %}{% chart chart %}", chart=bars)
    page = parse(html)
    assert not page.find("a")
    ids = [attrs["id"] for tag, attrs in page.tags if tag == "figure"]
    assert len(ids) == 2 and ids[0] != ids[1]


def test_map_shows_the_attribution_under_the_map():
    rows = [
        {"ags": f["properties"]["AGS"], "region": f["properties"]["GEN"], "value": 1.0}
        for f in district_features()
    ]
    chart = choropleth(rows, title="Karte", geojson_url="/static/geo/kreise.geojson", summary={})
    html = render("{% chart chart '/k.csv' %}", chart=chart)
    assert "Kartengrundlage: © GeoBasis-DE / BKG (2021)" in html
    assert len(parse(html).find("th", scope="row")) == 400
    assert len(html) < 200_000  # the boundaries are loaded by URL, not put into the page


def test_measurement_table_formats_periods_and_kinds():
    chart = measurement_series(
        [{"period": "2024-06-30", "value": 2}], title="M", target=5, target_period=2030
    )
    page = parse(render("{% chart chart %}", chart=chart))
    assert page.text["th"][3:] == ["30.06.2024", "2030"]
    assert page.text["td"] == ["2,0", "Messwert", "5,0", "Zielwert"]


def test_scripts_include_loads_vega_locally_then_charts_js():
    html = Template('{% include "charts/scripts.html" %}').render(Context())
    sources = re.findall(r'<script src="([^"]+)" defer>', html)
    assert sources == [
        "/static/vendor/vega/vega.min.js",
        "/static/vendor/vega-lite/vega-lite.min.js",
        "/static/vendor/vega-embed/vega-embed.min.js",
        "/static/kek/charts.js",
    ]
