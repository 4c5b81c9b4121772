"""A proposal names its field of action or goal by the goal objects' key (F22): after a
Fortschreibung (a new version with the same keys) it shows the goal as the new version names
it and is found under its field; a goal the new version dropped keeps its title from the
submission."""

import datetime as dt

import pytest

from kek.goals import versions
from kek.goals.models import Concept, StrategicGoal

from .world import BASE, first_goal, proposal

pytestmark = pytest.mark.django_db


def fortschreibung(concept: Concept) -> Concept:
    draft = versions.new_version(concept)
    versions.publish(draft, adoption=versions.Adoption(on=dt.date(2031, 3, 1), by="Kreistag"))
    return draft


def test_the_topic_follows_the_new_version(client, box, author, concept, nordsachsen):
    goal = first_goal(nordsachsen)
    found = proposal(box, author, field=goal.field, goal_key=goal.key)
    found.topic_title = str(goal)
    found.save()
    new = fortschreibung(concept)
    renamed = StrategicGoal.objects.get(concept=new, key=goal.key)
    renamed.title = "Umbenanntes Ziel der Fortschreibung"
    renamed.save()
    page = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Umbenanntes Ziel der Fortschreibung" in page
    listing = client.get(f"{BASE}?feld={renamed.field.key}").content.decode()
    assert "Mehr Radwege" in listing


def test_a_dropped_goal_keeps_its_title(client, box, author, concept, nordsachsen):
    goal = first_goal(nordsachsen)
    found = proposal(box, author, field=goal.field, goal_key=goal.key)
    found.topic_title = "1.1 Ein altes Ziel"
    found.save()
    new = fortschreibung(concept)
    StrategicGoal.objects.filter(concept=new, key=goal.key).delete()
    assert "1.1 Ein altes Ziel" in client.get(f"{BASE}{found.pk}/").content.decode()
