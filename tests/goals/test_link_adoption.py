"""An adopted version stays as it is, but a planner may point it at another agenda item of its
district, e.g. the council's own after `kek import-oparl` ("Beschluss verknüpfen …"): only
that link changes, the permission goals.link_adoption is checked on the server and the change
is in the version's history (F19, issue 12). The walk of every role is in
tests/test_permissions.py ("concept-link-adoption")."""

import datetime as dt

import pytest
from django.urls import reverse

from kek.committees.resolutions import record_resolution
from kek.goals.models import Concept

from ..accounts.factories import UserFactory
from ..projects.factories import ProjectFactory
from ..regions.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(concept):
    """The Kreistag's agenda item as an OParl import brings it (another name, a TOP)."""
    return record_resolution(
        concept.region, "Kreistag", dt.date(2021, 3, 24), "Kreisentwicklungskonzept (KEK) 2030",
        "beschlossen", "12",
    )  # fmt: skip


def url(concept: Concept) -> str:
    return reverse("kek_link_adoption", args=[concept.pk])


def test_a_planner_links_an_adopted_version_to_another_agenda_item(
    client, planner, concept, imported
):
    before = concept.adoption
    client.force_login(planner)
    page = client.get(url(concept)).content.decode()
    assert "Beschluss von Version 1 verknüpfen" in page and "Kreisentwicklungskonzept (KEK)" in page
    response = client.post(url(concept), {"adoption": imported.pk})
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.adoption == imported and concept.status == Concept.Status.ADOPTED
    assert concept.title == "KEK Nordsachsen 2030"  # nothing else changes
    record = concept.history.first()
    assert record.history_user == planner and record.adoption_id == imported.pk
    assert concept.history.all()[1].adoption_id == before.pk
    public = client.get("/versionen/1/").content.decode()
    assert f"#top-{imported.pk}" in public and "(TOP 12)" in public


def test_the_listing_offers_the_link_for_an_adopted_version(client, planner, concept):
    client.force_login(planner)
    listing = client.get(reverse("wagtailsnippets_goals_concept:list")).content.decode()
    assert url(concept) in listing and "Beschluss verknüpfen …" in listing


@pytest.mark.parametrize("who", ["anonymous", "lead", "participant"])
def test_others_are_refused_and_nothing_changes(client, concept, imported, participant, who):
    if who == "lead":
        lead = UserFactory(username="projektleitung")
        ProjectFactory(concept=concept).leads.add(lead)
        client.force_login(lead)
    elif who == "participant":
        client.force_login(participant)
    before, records = concept.adoption_id, concept.history.count()
    response = client.post(url(concept), {"adoption": imported.pk})
    assert response.status_code in (302, 403)
    assert "/admin/login/" in response.get("Location", "/admin/login/")
    concept.refresh_from_db()
    assert concept.adoption_id == before and concept.history.count() == records


@pytest.mark.parametrize("choice", ["", "999999", "other-district"])
def test_a_bad_choice_is_refused_with_a_german_message(client, planner, concept, choice):
    if choice == "other-district":
        choice = record_resolution(RegionFactory(), "Kreistag", dt.date(2021, 3, 24), "X").pk
    client.force_login(planner)
    before = concept.adoption_id
    response = client.post(url(concept), {"adoption": choice})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Bitte wählen Sie" in page or "gültige Auswahl" in page
    concept.refresh_from_db()
    assert concept.adoption_id == before
