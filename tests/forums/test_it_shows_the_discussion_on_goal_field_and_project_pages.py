"""The panels "Diskussion zu diesem Ziel / Handlungsfeld / Projekt": a field of action's,
strategic goal's and project's page lists the topics on it with their visible comment count,
phase and a link; pages without topics show no panel, and a topic on one goal is not listed
on another."""

import pytest
from django.utils.html import escape

from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal
from kek.participation.models import CommentState
from kek.projects.models import Project

from .world import closed, comment, topic

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def panel(html: str) -> str:
    start = html.index('id="diskussion"')
    return html[start : html.index("</section>", start)]


def goal_url(goal) -> str:
    return f"/ziele/{goal.number}-{goal.slug}/"


def test_a_goal_page_lists_its_topics(client, nordsachsen, concept, participant):
    goal = StrategicGoal.objects.get(concept=concept, number="2.1")
    found = topic(nordsachsen, "Schulwege im ländlichen Raum", subject=goal)
    comment(found, participant)
    comment(found, participant, state=CommentState.HIDDEN)
    html = panel(page(client, goal_url(goal)))
    assert "Diskussion zu diesem Ziel" in html
    assert f'href="/beteiligung/foren/{found.pk}/">Schulwege im ländlichen Raum</a>' in html
    assert "1 Kommentar " in html and "Beteiligung offen" in html


def test_a_field_page_lists_its_topics_and_not_those_of_its_goals(client, nordsachsen, concept):
    field = FieldOfAction.objects.get(concept=concept, number="3")
    on_field = closed(nordsachsen, "Zum ganzen Handlungsfeld", subject=field)
    on_goal = topic(nordsachsen, "Nur ein Ziel", subject=field.goals.first())
    html = page(client, f"/handlungsfelder/{field.slug}/")
    assert "Diskussion zu diesem Handlungsfeld" in html
    assert f"/beteiligung/foren/{on_field.pk}/" in panel(html)
    assert "Beteiligung beendet" in panel(html)
    assert f"/beteiligung/foren/{on_goal.pk}/" not in html


def test_a_project_page_lists_its_topics(client, nordsachsen, concept):
    project = Project.objects.filter(region=nordsachsen, concepts=concept).first()
    found = topic(nordsachsen, "Wie läuft das Projekt?", subject=project)
    html = panel(page(client, f"/projekte/{project.public_ref}/"))
    assert "Diskussion zu diesem Projekt" in html
    assert f'href="/beteiligung/foren/{found.pk}/">' in html


def test_pages_without_topics_show_no_panel(client, nordsachsen, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="3.1")
    subgoal = SubGoal.objects.filter(concept=concept).first()
    topic(nordsachsen, "Allgemein")  # a general topic is on no goal's page
    for url in (goal_url(goal), goal_url(subgoal)):
        assert 'id="diskussion"' not in page(client, url)


def test_the_default_example_topic_is_on_goal_1_1(client, nordsachsen, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="1.1")
    html = panel(page(client, goal_url(goal)))
    assert escape("Wie gewinnt Nordsachsen Fachkräfte für seine Unternehmen?") in html
