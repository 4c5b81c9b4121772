"""The same document blocks render on the web page (interactive chart with its data table)
and in print (vector SVG with its text alternative), numbered through the page."""

from html import escape

from django.template import Context, Template

from kek.documents import document as doc
from kek.documents.html import Numbering, render_blocks, render_section, svg_with_title

from .print_sample import long_table, population_chart


def render(source: str, **context) -> str:
    return Template("{% load documents %}" + source).render(Context(context))


def test_a_web_figure_is_the_interactive_chart_with_its_table():
    chart = population_chart()
    html = render(
        '{% document_blocks blocks "web" %}', blocks=[doc.Figure(chart, "Einwohner", "StaLa")]
    )
    assert "data-kek-chart" in html and 'type="application/json"' in html
    assert "Abbildung 1: Einwohner" in html
    assert "197.481" in html  # 2016 in the chart's data table, German digits
    assert "Quelle: StaLa" in html
    assert "<svg" not in html


def test_a_print_figure_is_an_svg_titled_with_its_text_alternative():
    chart = population_chart()
    html = render_blocks([doc.Figure(chart, "Einwohner", "StaLa")], "print", Numbering())
    assert html.count("<svg") == 1
    assert f'role="img"><title>{escape(chart.description)}</title>' in html
    assert "Daten zu Abbildung 1" in html and "data-kek-chart" not in html


def test_figures_and_tables_are_numbered_across_the_tags_of_one_page():
    chart = population_chart()
    first = [doc.Figure(chart, "Erste", ""), long_table()]
    second = [doc.Figure(chart, "Zweite", ""), long_table()]
    html = render('{% document_blocks a "web" %}{% document_blocks b "web" %}', a=first, b=second)
    assert "Abbildung 1: Erste" in html and "Abbildung 2: Zweite" in html
    assert "Tabelle 1: Projekte" in html and "Tabelle 2: Projekte" in html


def test_editorial_html_is_cleaned_and_its_headings_follow_the_section():
    blocks = [doc.RichText('<h3 onclick="x()">Teil</h3><p>a<script>alert(1)</script></p>')]
    html = render('{% document_blocks blocks "web" depth=3 %}', blocks=blocks)
    assert "<h4>Teil</h4>" in html
    assert "script" not in html and "onclick" not in html


def test_a_section_renders_its_heading_level_and_unique_anchors():
    one = doc.Section(
        "Ziele", "4", children=[doc.Section("Ziele", "4.1"), doc.Section("Ziele", "4.1")]
    )
    html = render_section(one, 2, "web", Numbering())
    assert '<h2 id="kapitel-4-ziele"' in html
    assert '<h3 id="kapitel-4-1-ziele"' in html and '<h3 id="kapitel-4-1-ziele-2"' in html


def test_svg_with_title_puts_the_title_first():
    svg = svg_with_title('<?xml version="1.0"?><svg width="1"><rect/></svg>', "A < B")
    assert svg == '<svg width="1" role="img"><title>A &lt; B</title><rect/></svg>'


def test_a_web_figure_captioned_as_its_chart_names_the_title_once():
    chart = population_chart()
    blocks = [doc.Figure(chart, chart.title, "StaLa")]
    html = render('{% document_blocks blocks "web" %}', blocks=blocks)
    assert '<p class="kern-preline">Abbildung 1</p>' in html
    assert html.count(f">{chart.title}<") == 1
