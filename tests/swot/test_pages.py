"""The public SWOT pages and downloads through HTTP, with the shipped default content."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kek.charts.texts import format_number
from kek.goals.models import StrategicGoal, SubGoal
from kek.statistics.models import Indicator, Observation
from kek.swot.models import IndicatorEvidence, SwotItem

from ..http import goal_address

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def value(code: str, ags: str) -> float:
    return Observation.objects.get(indicator__code=code, region__ags=ags, disaggregation="").value


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_swot_page_shows_quadrants_per_topic_with_live_evidence(client, concept):
    html = text(client.get("/swot/"))
    items = SwotItem.objects.filter(concept=concept)
    assert items.exists()
    for item in items:
        assert item.title in html
    for label in ("Stärken", "Schwächen", "Chancen", "Risiken"):
        assert f">{label}</h3>" in html
    assert '<h2 class="kern-heading-large" id="thema-demografie">Demografie</h2>' in html
    density = [format_number(value("BEVDICHTE", ags), 1) for ags in ("14730", "14", "DG")]
    assert f"Nordsachsen {density[0]} Einwohner je km²" in html
    assert f"Sachsen {density[1]}" in html and f"Deutschland {density[2]}" in html
    assert "Leibniz-Institut für Länderkunde" in html and "(2017)" in html
    assert "beteiligt: Fachleute aus Verwaltung" in html
    assert "Beispielinhalt" in html
    assert 'class="kek-chart"' in html and "vega-embed" in html


def test_evidence_follows_the_data(client, concept):
    row = Observation.objects.get(indicator__code="BEVDICHTE", region__ags="14730")
    row.value = 123.4
    row.save()
    assert "Nordsachsen 123,4 Einwohner je km²" in text(client.get("/swot/"))


def test_topic_filter_shows_only_that_topic(client, concept):
    html = text(client.get("/swot/?thema=umwelt-klima"))
    assert "Bioabfall aus Haushalten getrennt sammeln" in html
    assert "Geringe Bevölkerungsdichte" not in html
    assert '<option value="umwelt-klima" selected>' in html
    assert client.get("/swot/?thema=gibt-es-nicht").status_code == 404


def test_csv_and_xlsx_hold_every_item_with_its_evidence(client, concept):
    response = client.get("/swot/tabelle.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    items = SwotItem.objects.filter(concept=concept)
    expected = sum(
        max(1, i.indicator_evidence.count() + i.document_evidence.count() + i.expert_talks.count())
        for i in items
    )
    assert len(rows) == expected
    assert {r["Titel"] for r in rows} == set(items.values_list("title", flat=True))
    density = next(r for r in rows if r["Beleg"].startswith("Bevölkerungsdichte"))
    assert density["Belegart"] == "Indikatorvergleich"
    assert density["Zeit"] == "31.12.2024"
    assert format_number(value("BEVDICHTE", "14"), 1) in density["Beleg"]
    assert density["Quelle"].startswith("Statistische Ämter des Bundes und der Länder")
    assert "Strategische Ziele" in rows[0]

    response = client.get("/swot/tabelle.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [[c.value or "" for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(cells) == len(rows)
    assert [c[3] for c in cells] == [r["Titel"] for r in rows]


def test_goal_pages_show_the_swot_rationale(client, concept):
    item = SwotItem.objects.get(concept=concept, title__startswith="Geringe Bevölkerungsdichte")
    goal = item.goals.order_by("position").first()
    html = text(client.get(goal_address(goal)))
    assert "Begründung aus der SWOT-Analyse" in html
    assert f'href="/swot/#eintrag-{item.pk}"' in html
    sub = SubGoal.objects.filter(goal=goal).first()
    assert f"#eintrag-{item.pk}" in text(client.get(goal_address(sub)))
    unlinked = StrategicGoal.objects.filter(concept=concept, swot_items=None).first()
    assert "Begründung aus der SWOT-Analyse" not in text(client.get(goal_address(unlinked)))
    swot = text(client.get("/swot/"))
    assert f"{goal.number} {goal.title}" in swot


def test_start_page_shows_the_matrix_summary(client, concept):
    html = text(client.get("/"))
    items = SwotItem.objects.filter(concept=concept)
    for kind, label in (("strength", "Stärken"), ("weakness", "Schwächen")):
        assert f">{label} ({items.filter(kind=kind).count()})</h3>" in html
    assert 'href="/swot/"' in html


def test_user_content_is_escaped(client, concept):
    item = SwotItem.objects.filter(concept=concept).first()
    item.title = "<script>alert(1)</script>"
    item.explanation = "<b>fett</b>"
    item.save()
    for url in ("/swot/", "/"):
        html = text(client.get(url))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_query_count_does_not_grow_with_items(client, concept):
    client.get("/swot/")
    before = queries(client, "/swot/")
    indicator = Indicator.objects.get(code="BEVSTD")
    goals = list(StrategicGoal.objects.filter(concept=concept)[:3])
    for n in range(4):
        item = SwotItem.objects.create(concept=concept, kind="threat", title=f"Mehr {n}")
        item.goals.set(goals)
        item.save()
        IndicatorEvidence.objects.create(item=item, indicator=indicator)
    assert queries(client, "/swot/") == before
    assert "Mehr 3" in text(client.get("/swot/"))


def test_without_items_the_page_says_so(client, concept):
    SwotItem.objects.filter(concept=concept).delete()
    html = text(client.get("/swot/"))
    assert "noch keine SWOT-Analyse eingetragen" in html
    response = client.get("/swot/tabelle.csv")
    assert response.status_code == 200
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 and "Strategische Ziele" in lines[0]  # the header, no rows


def test_downloads_defuse_every_formula_start(client, concept):
    """Issue 16: tab and CR starts were written raw; every formula start gets a leading '."""
    titles = ["=1+1", "-", "@SUM(A1)", "'=x", "\tTab"]
    items = list(SwotItem.objects.filter(concept=concept).order_by("pk")[: len(titles)])
    for item, title in zip(items, titles, strict=True):
        item.title = title
        item.save()
    response = client.get("/swot/tabelle.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    written = {r["Titel"] for r in rows}
    assert {"'" + title for title in titles} <= written
    book = load_workbook(io.BytesIO(client.get("/swot/tabelle.xlsx").content))
    cells = [cell for row in book.active.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert {"'" + title for title in titles} <= {cell.value for cell in cells}
