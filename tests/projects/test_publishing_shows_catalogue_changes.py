"""Issue 11: before a version goes public the planner sees which projects the public catalogue
loses or moves to other goals and which target indicators lose their goal; afterwards a dropped
project keeps its address with "in dieser Fassung entfallen"."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from kek.goals.models import StrategicGoal, SubGoal
from kek.goals.versions import Adoption, new_version, publish
from kek.projects.models import Project, TargetIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(concept):
    """Version 2 drops P1.01 from its catalogue, moves P1.02 to sub-goal 4.1.1 and drops a goal
    that owns a target indicator."""
    copy = new_version(concept)
    dropped = Project.objects.get(number="P1.01")
    copy.projects.remove(dropped)
    moved = Project.objects.get(number="P1.02")
    moved.subgoals.remove(*moved.subgoals.filter(concept=copy))
    moved.subgoals.add(SubGoal.objects.get(concept=copy, number="4.1.1"))
    moved.save()
    owned = (
        TargetIndicator.objects.filter(goal__concept=copy)
        .exclude(goal__number="4.1")
        .select_related("goal")
        .first()
    )
    owned.goal.delete()
    return copy, dropped, moved, owned


def test_the_review_page_lists_dropped_and_moved_projects_and_homeless_indicators(
    client, planner, changed
):
    copy, dropped, moved, owned = changed
    client.force_login(planner)
    page = html.unescape(
        client.get(reverse("kek_publish_version", args=[copy.pk])).content.decode()
    )
    assert "Entfallende Projekte (1)" in page and str(dropped) in page
    assert "Projekte mit anderen Zielen (1)" in page and f"{moved}: künftig Teilziel 4.1.1" in page
    assert "Zielindikatoren ohne Ziel in der neuen Version" in page and owned.title in page


def test_a_dropped_project_keeps_its_address_with_a_note_and_the_version_that_had_it(
    client, changed
):
    copy, dropped, _, _ = changed
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    response = client.get(f"/projekte/{dropped.public_ref}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "In dieser Fassung entfallen" in page and 'href="/versionen/1/"' in page
    assert dropped.title in page
    catalogue = client.get("/projekte/").content.decode()
    assert f"/projekte/{dropped.public_ref}/" not in catalogue


def test_a_project_only_a_draft_lists_is_not_public(client, concept):
    copy = new_version(concept)
    secret = Project.objects.create(region=concept.region, number="P9.99", title="Geheim")
    copy.projects.add(secret)
    assert client.get(f"/projekte/{secret.public_ref}/").status_code == 404
    assert StrategicGoal.objects.filter(concept=copy).exists()
