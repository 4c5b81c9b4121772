"""The public pages of the goal system, through HTTP."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import Adoption, new_version, publish

from .factories import StrategicGoalFactory, SubGoalFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_start_page_has_the_sections_of_the_seed_page(client, concept):
    html = text(client.get("/"))
    for heading in (
        "Hintergrund und Zielsetzung",
        "Projektverlauf",
        "Beteiligung",
        "SWOT-Analyse",
        "Die Handlungsfelder des Kreisentwicklungskonzeptes",
        "Das Zielsystem",
        "Endbericht",
        "Der Projektkatalog",
    ):
        assert heading in html
    item = concept.adoption  # the Kreistag's agenda item, linked on its meeting page
    link = f'<a class="kern-link" href="/sitzungen/{item.meeting_id}/#top-{item.pk}">'
    assert (
        f'Beschlossen ({link}unverändert beschlossen am <time datetime="2021-03-24">24.03.2021'
        "</time> in der Sitzung des Kreistags</a>)"
    ) in html
    assert "Leitbild 2030:</strong> Nordsachsen ist ein attraktiver Wirtschaftsstandort" in html
    # Every section has its content now; the Endbericht section links the report page and
    # offers the Lang- and Kurzfassung (being built until the first build has run).
    assert "Noch nicht verfügbar" not in html
    report = '<a class="kern-link" href="/endbericht/">Endbericht auf dieser Website lesen</a>'
    assert report in html
    assert "Endbericht – Kurzfassung" in html
    # The SWOT section shows the matrix summary and links to the SWOT page and the data pages.
    assert '<a class="kern-link" href="/swot/">Die SWOT-Analyse mit allen Einträgen' in html
    assert '<a class="kern-link" href="/daten/">Daten &amp; Analyse: amtliche Statistik' in html
    assert 'class="kek-swot-matrix"' in html


def test_the_goal_tree_shows_every_goal_numbered_and_marks_examples(client, concept):
    html = text(client.get("/zielsystem/"))
    goals = StrategicGoal.objects.filter(concept=concept)
    assert goals.exists()
    for goal in goals:
        assert f'<span class="kek-number">{goal.number}</span>' in html
        assert goal.title in html
    assert html.count("Beispielinhalt") == 37 - 4


def test_a_field_page_shows_its_vision_and_goals(client, concept):
    field = FieldOfAction.objects.get(concept=concept, number="4")
    html = text(client.get(f"/handlungsfelder/{field.slug}/"))
    assert "<h1" in html and "Infrastruktur &amp; Mobilität" in html
    assert "Kommunikation, Mobilität und Versorgungssicherheit garantiert" in html
    assert "4.1" in html and "Mobilität im ländlichen Raum sichern" in html
    assert "SDG 7 Bezahlbare und saubere Energie" in html


def test_a_goal_page_has_a_stable_url_that_survives_renumbering(client, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="1.2")
    url = f"/ziele/1.2-{goal.slug}/"
    assert goal.title in text(client.get(url))
    first = StrategicGoal.objects.get(concept=concept, number="1.1")
    first.delete()
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == f"/ziele/1.1-{goal.slug}/"
    assert client.get("/ziele/1.1/")["Location"] == f"/ziele/1.1-{goal.slug}/"


def test_a_subgoal_page_links_up_to_its_goal(client, concept):
    sub = SubGoal.objects.get(concept=concept, number="2.2.1")
    html = text(client.get(f"/ziele/2.2.1-{sub.slug}/"))
    assert "Teilziel 2.2.1" in html
    assert f'href="/ziele/2.2-{sub.goal.slug}/"' in html


def test_unknown_goals_are_not_found(client, concept):
    assert client.get("/ziele/9.9/").status_code == 404
    assert client.get("/handlungsfelder/gibt-es-nicht/").status_code == 404


def test_user_text_is_escaped(client, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="1.1")
    goal.title = "<script>alert(1)</script>"
    goal.save()
    html = text(client.get("/zielsystem/"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_comparison_shows_added_removed_and_reworded_goals(client, concept):
    copy = new_version(concept)
    StrategicGoal.objects.get(concept=copy, number="1.1").delete()
    reworded = StrategicGoal.objects.get(concept=copy, number="2.1")
    reworded.title = "Bildung wohnortnah und digital sichern"
    reworded.save()
    StrategicGoalFactory(field=FieldOfAction.objects.get(concept=copy, number="4"), title="Neu")
    # A draft is not public yet.
    assert client.get("/versionen/2/").status_code == 404
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    html = text(client.get("/versionen/vergleich/?von=1&zu=2"))
    assert "Hinzugefügt (1)" in html and "<ins>Strategisches Ziel 4.4: Neu</ins>" in html
    assert "Entfallen (3)" in html  # the goal and its two sub-goals
    assert "Umformuliert (1)" in html and "Bildung wohnortnah und digital sichern" in html
    versions = text(client.get("/versionen/"))
    assert "Version 2</a> (aktuell)" in versions and "Abgelöst" in versions


def test_editorial_pages_are_linked_in_the_footer(client, concept):
    html = text(client.get("/"))
    for title, url in (
        ("Impressum", "/impressum/"),
        ("Datenschutzerklärung", "/datenschutz/"),
        ("Erklärung zur Barrierefreiheit", "/barrierefreiheit/"),
    ):
        assert f'href="{url}">{title}</a>' in html
        assert title in text(client.get(url))


def query_count(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    ["/", "/zielsystem/", "/handlungsfelder/wirtschaft-innovation/", "/versionen/vergleich/"],
)
def test_queries_do_not_grow_with_the_number_of_goals(client, concept, url):
    new_version(concept)
    publish(Concept.objects.get(version=2), adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    before = query_count(client, url)
    current = Concept.objects.get(is_current=True)
    for field in FieldOfAction.objects.filter(concept=current):
        for _ in range(5):
            SubGoalFactory(goal=StrategicGoalFactory(field=field))
    assert query_count(client, url) == before


def test_a_goal_page_needs_a_fixed_number_of_queries(client, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="1.1")
    url = f"/ziele/1.1-{goal.slug}/"
    before = query_count(client, url)
    for _ in range(10):
        SubGoalFactory(goal=goal)
    assert query_count(client, url) == before
