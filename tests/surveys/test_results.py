"""The published results (F23): hidden until the planner publishes them, then one chart per
choice and scale question through the charts app, with its text alternative and a table of
counts; free-text answers are never part of the page, its charts or their data."""

import json
import re

import pytest
from django.utils import timezone

from kek.surveys.models import Survey

from .world import FREE_TEXT, respond, survey, url

pytestmark = pytest.mark.django_db


def published(found: Survey) -> Survey:
    Survey.objects.filter(pk=found.pk).update(results_published_at=timezone.now())
    return Survey.objects.get(pk=found.pk)


def test_results_are_hidden_until_published(client, nordsachsen, participant):
    found = survey(nordsachsen, phase="closed")
    respond(found, user=participant)
    response = client.get(url(found, "ergebnisse/"))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Die Ergebnisse der Umfrage „Umfrage Mobilität“ sind noch nicht veröffentlicht." in html
    assert "Bus" not in html
    assert "ergebnisse/" not in client.get(url(found)).content.decode()
    assert "ergebnisse/" not in client.get("/beteiligung/umfragen/").content.decode()


def test_published_results_show_a_chart_and_a_table_per_counted_question(
    client, nordsachsen, participant, planner
):
    found = survey(nordsachsen, phase="closed")
    respond(found, user=participant, single="Bus", multiple=("Radwege", "Ladesäulen"), scale=4)
    respond(found, user=planner, single="Fahrrad", multiple=("Radwege",), scale=2)
    respond(found, token="anonym", single="Bus", multiple=(), scale=5, text="Noch ein Text")
    published(found)
    page = client.get(url(found)).content.decode()
    assert f'href="/beteiligung/umfragen/{found.pk}/ergebnisse/"' in page
    html = client.get(url(found, "ergebnisse/")).content.decode()
    assert "3 Teilnahmen." in html
    # Three charts (single, multiple, scale), none for the free-text question.
    assert html.count("data-kek-chart ") == 3
    assert "Was möchten Sie uns noch sagen?" not in html
    assert FREE_TEXT not in html and "Noch ein Text" not in html
    # The text alternative names each answer with its count and share.
    assert (
        "Balkendiagramm zur Frage „Wie kommen Sie zur Arbeit?“. 3 Personen haben geantwortet. "
        "Bus: 2 (66,7 %); Auto: 0 (0,0 %); Fahrrad: 1 (33,3 %)." in html
    )
    assert "Mehrfachauswahl möglich. 2 Personen haben geantwortet. Radwege: 2 (100,0 %)" in html
    assert "Durchschnitt 3,7" in html
    # The table of counts, linked from the chart.
    assert 'href="#frage-1-tabelle"' in html and 'id="frage-1-tabelle"' in html
    assert (
        '<th class="kern-table__cell" scope="row">Bus</th><td class="kern-table__cell">2</td>'
        '<td class="kern-table__cell">66,7 %</td>' in html
    )
    spec_script = r'<script id="frage-\d-diagramm-spec" type="application/json">(.*?)</script>'
    specs = [json.loads(spec) for spec in re.findall(spec_script, html)]
    assert len(specs) == 3
    assert specs[0]["data"]["values"] == [
        {"region": "Bus", "value": 2.0}, {"region": "Auto", "value": 0.0},
        {"region": "Fahrrad", "value": 1.0},
    ]  # fmt: skip
    assert [row["region"] for row in specs[2]["data"]["values"]] == ["1", "2", "3", "4", "5"]
    # No CSV download on the public page.
    assert ".csv" not in html and "CSV" not in html
    assert "charts.js" in html


def test_results_of_a_survey_without_responses(client, nordsachsen):
    found = published(survey(nordsachsen, phase="closed"))
    html = client.get(url(found, "ergebnisse/")).content.decode()
    assert "0 Teilnahmen." in html and "Niemand hat diese Frage beantwortet." in html


def test_results_need_few_queries_whatever_the_number_of_responses(
    client, nordsachsen, django_assert_max_num_queries
):
    found = published(survey(nordsachsen, phase="closed"))
    for i in range(15):
        respond(found, token=f"t{i}")
    with django_assert_max_num_queries(20):
        assert client.get(url(found, "ergebnisse/")).status_code == 200
