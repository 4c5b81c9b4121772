"""Issue 11: after a Fortschreibung the addresses of version 1 keep working: a renumbered goal
redirects to its new number, a dropped goal or field of action says "in dieser Fassung
entfallen" with a link to the version that had it, never a bare 404."""

import datetime as dt

import pytest

from kek.goals.models import FieldOfAction, StrategicGoal
from kek.goals.versions import Adoption, new_version, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def old(concept):
    """Addresses of version 1; version 2 drops goal 1.1 (so 1.2 becomes 1.1) and field 4."""
    goals = {g.number: g for g in StrategicGoal.objects.filter(concept=concept)}
    field = FieldOfAction.objects.get(concept=concept, number="4")
    addresses = {
        "dropped": f"/ziele/1.1-{goals['1.1'].slug}/",
        "renumbered": f"/ziele/1.2-{goals['1.2'].slug}/",
        "field": f"/handlungsfelder/{field.slug}/",
    }
    copy = new_version(concept)
    StrategicGoal.objects.get(concept=copy, number="1.1").delete()
    FieldOfAction.objects.get(concept=copy, number="4").delete()
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    return addresses, goals["1.2"]


def test_a_renumbered_goal_redirects_to_its_new_number(client, old):
    addresses, goal = old
    response = client.get(addresses["renumbered"])
    assert response.status_code == 301
    assert response["Location"] == f"/ziele/1.1-{goal.slug}/"


def test_a_dropped_goal_says_so_and_links_the_version_that_had_it(client, old):
    addresses, _ = old
    response = client.get(addresses["dropped"])
    assert response.status_code == 410
    page = response.content.decode()
    assert "In dieser Fassung entfallen" in page and 'href="/versionen/1/"' in page


def test_a_dropped_field_of_action_says_so(client, old):
    addresses, _ = old
    response = client.get(addresses["field"])
    assert response.status_code == 410 and 'href="/versionen/1/"' in response.content.decode()


def test_an_address_no_version_ever_had_is_still_not_found(client, old):
    assert client.get("/ziele/7.7-gibt-es-nicht/").status_code == 404
