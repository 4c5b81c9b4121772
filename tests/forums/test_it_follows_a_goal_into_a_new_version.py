"""A topic survives a Fortschreibung: it names its goal by the goal's stable key, so after a
new version is published the goal's page in that version lists the topic and the topic links
the new version's goal; while the new version is only a draft, the public pages stay as they
were. A goal the new version drops leaves the topic readable, naming the goal as last
published, without a link."""

import datetime as dt

import pytest
from django.utils.html import escape

from kek.goals.models import StrategicGoal
from kek.goals.versions import Adoption, new_version, publish

from .world import topic

pytestmark = pytest.mark.django_db


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_topic_follows_its_goal_into_the_published_new_version(client, nordsachsen, concept):
    old_goal = StrategicGoal.objects.get(concept=concept, number="2.2")
    found = topic(nordsachsen, "Gesundheit vor Ort", subject=old_goal)
    copy = new_version(concept)
    new_goal = StrategicGoal.objects.get(concept=copy, key=old_goal.key)
    new_goal.title = "Gesundheitsversorgung in allen Regionen sichern"
    new_goal.save()
    assert found.subject_in(copy) == new_goal and found.subject_in(concept) == old_goal

    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    new_goal.refresh_from_db()
    goal_page = html_of(client, f"/ziele/{new_goal.number}-{new_goal.slug}/")
    assert f'href="/beteiligung/foren/{found.pk}/">Gesundheit vor Ort</a>' in goal_page
    topic_page = html_of(client, f"/beteiligung/foren/{found.pk}/")
    assert f'href="/ziele/{new_goal.number}-{new_goal.slug}/">{escape(new_goal)}</a>' in topic_page


def test_a_goal_dropped_by_the_new_version_is_named_as_last_published(client, nordsachsen, concept):
    old_goal = StrategicGoal.objects.get(concept=concept, number="4.1")
    found = topic(nordsachsen, "Ein Ziel, das entfällt", subject=old_goal)
    copy = new_version(concept)
    StrategicGoal.objects.get(concept=copy, key=old_goal.key).delete()
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))

    html = html_of(client, f"/beteiligung/foren/{found.pk}/")
    assert f"Strategisches Ziel: {escape(old_goal)}" in html
    assert "in der aktuellen Version des Konzepts nicht mehr enthalten" in html
    assert f'href="/ziele/{old_goal.number}-' not in html
    listing = html_of(client, "/beteiligung/foren/")
    assert escape(str(old_goal)) in listing


def test_publishing_names_the_topics_whose_goal_the_new_version_drops(nordsachsen, concept):
    from kek.goals.versions import publication_changes

    dropped = StrategicGoal.objects.get(concept=concept, number="4.1")
    kept = StrategicGoal.objects.get(concept=concept, number="4.2")
    topic(nordsachsen, "Entfällt", subject=dropped)
    topic(nordsachsen, "Bleibt", subject=kept)
    copy = new_version(concept)
    StrategicGoal.objects.get(concept=copy, key=dropped.key).delete()
    changes = dict(publication_changes(copy))
    assert changes["Diskussionsthemen, deren Ziel entfällt"] == [
        f"„Entfällt“ (Strategisches Ziel {dropped})"
    ]
