"""A signed-in participant submits a proposal while the box is open; it appears in the list and
on its own page with the author's display name (F22). Anonymous visitors are sent to sign in."""

import pytest

from kek.proposals.models import Proposal, State

from .world import BASE, first_goal, form_data

pytestmark = pytest.mark.django_db


def test_the_form_needs_an_account(client, box):
    response = client.get(f"{BASE}neu/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/")


def test_a_participant_submits_a_proposal(client, box, participant, nordsachsen):
    client.force_login(participant)
    page = client.get(f"{BASE}neu/")
    assert page.status_code == 200
    assert "Handlungsfeld oder Ziel" in page.content.decode()
    goal = first_goal(nordsachsen)
    response = client.post(f"{BASE}neu/", form_data(nordsachsen))
    assert response.status_code == 302
    proposal = Proposal.objects.get(title="Bürgerbus für die Dörfer")
    assert response["Location"] == f"{BASE}{proposal.pk}/"
    assert proposal.author == participant
    assert proposal.state == State.RECEIVED
    assert proposal.goal_key == goal.key and proposal.field_key == goal.field.key
    assert proposal.topic_title == str(goal)
    detail = client.get(response["Location"]).content.decode()
    assert "Ein Rufbus am Wochenende.<br>Auch abends." in detail
    assert "buerger" in detail and str(goal) in detail
    listing = client.get(BASE).content.decode()
    assert "Bürgerbus für die Dörfer" in listing


def test_a_municipality_outside_the_district_is_refused(client, box, participant, nordsachsen):
    from kek.regions.models import Region

    other = Region.objects.filter(level="municipality").exclude(ags__startswith="14730").first()
    client.force_login(participant)
    response = client.post(f"{BASE}neu/", form_data(nordsachsen, municipality=other.pk))
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Gemeinde des Landkreises." in response.content.decode()
    assert not Proposal.objects.exists()


def test_missing_fields_are_named_in_german(client, box, participant, nordsachsen):
    client.force_login(participant)
    response = client.post(f"{BASE}neu/", {"title": "", "text": "", "topic": ""})
    html = response.content.decode()
    assert "Bitte geben Sie Ihrem Vorschlag einen Titel." in html
    assert "Bitte beschreiben Sie Ihren Vorschlag." in html
    assert "Bitte wählen Sie ein Handlungsfeld oder Ziel." in html


def test_hostile_text_is_escaped(client, box, participant, nordsachsen):
    client.force_login(participant)
    data = form_data(nordsachsen, title="<script>alert(1)</script>", text="<b>fett</b>")
    response = client.post(f"{BASE}neu/", data, follow=True)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>fett</b>" not in html


def test_a_premoderated_box_shows_the_proposal_only_to_its_author(
    client, box, participant, nordsachsen
):
    box.premoderated = True
    box.save()
    client.force_login(participant)
    client.post(f"{BASE}neu/", form_data(nordsachsen))
    proposal = Proposal.objects.get()
    assert not proposal.released
    assert client.get(f"{BASE}{proposal.pk}/").status_code == 200
    client.logout()
    assert client.get(f"{BASE}{proposal.pk}/").status_code == 404
    assert "Bürgerbus" not in client.get(BASE).content.decode()
