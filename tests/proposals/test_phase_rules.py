"""Before and after the box's phase everything stays readable and nothing is writable (F22):
submitting, editing and supporting answer 403 with the German page."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.proposals.models import Proposal, Support

from .world import BASE, form_data, proposal

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture(params=["before", "closed"])
def phase(request, box):
    now = timezone.now()
    if request.param == "before":
        box.opens_at = now + DAY
    else:
        box.opens_at, box.closes_at = now - 2 * DAY, now - DAY
    box.save()
    return request.param


def test_outside_the_phase_nothing_is_writable(
    client, box, phase, participant, author, nordsachsen
):
    found = proposal(box, author)
    heading = "noch nicht eröffnet" if phase == "before" else "geschlossen"
    client.force_login(participant)
    for response in (
        client.get(f"{BASE}neu/"),
        client.post(f"{BASE}neu/", form_data(nordsachsen)),
        client.post(f"{BASE}{found.pk}/unterstuetzen/"),
    ):
        assert response.status_code == 403
        assert f"Die Beteiligung ist {heading}" in response.content.decode()
    client.force_login(author)
    response = client.post(f"{BASE}{found.pk}/bearbeiten/", form_data(nordsachsen, title="X"))
    assert response.status_code == 403
    assert Proposal.objects.count() == 1 and not Support.objects.exists()
    assert Proposal.objects.get().title == "Mehr Radwege"
    # reading stays possible
    client.logout()
    assert client.get(BASE).status_code == 200
    page = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Mehr Radwege" in page and "Vorschlag unterstützen" not in page
    assert "Vorschlag einreichen" not in client.get(BASE).content.decode()


def test_during_the_phase_everything_is_writable(client, box, participant, author, nordsachsen):
    now = timezone.now()
    box.opens_at, box.closes_at = now - DAY, now + DAY
    box.save()
    found = proposal(box, author)
    client.force_login(participant)
    assert client.post(f"{BASE}neu/", form_data(nordsachsen)).status_code == 302
    assert client.post(f"{BASE}{found.pk}/unterstuetzen/").status_code == 302
    assert Proposal.objects.count() == 2 and Support.objects.count() == 1
