"""Others support a proposal once per account; the author may not support their own (F22)."""

import pytest

from kek.proposals import supports
from kek.proposals.models import Proposal, Support

from .world import BASE, proposal

pytestmark = pytest.mark.django_db


def count(found) -> int:
    return Proposal.objects.get(pk=found.pk).supports_count


def test_a_participant_supports_once(client, box, participant, author):
    found = proposal(box, author)
    client.force_login(participant)
    assert "Vorschlag unterstützen" in client.get(f"{BASE}{found.pk}/").content.decode()
    first = client.post(f"{BASE}{found.pk}/unterstuetzen/", follow=True)
    assert "Danke! Sie unterstützen diesen Vorschlag." in first.content.decode()
    second = client.post(f"{BASE}{found.pk}/unterstuetzen/", follow=True)
    assert "Sie unterstützen diesen Vorschlag bereits." in second.content.decode()
    assert count(found) == 1 == Support.objects.filter(proposal=found).count()
    assert '<dd class="kern-description-list-item__value" id="unterstuetzungen">1</dd>' in (
        second.content.decode()
    )


def test_the_author_may_not_support_their_own(client, box, author):
    found = proposal(box, author)
    client.force_login(author)
    response = client.post(f"{BASE}{found.pk}/unterstuetzen/")
    assert response.status_code == 403
    assert "Ihren eigenen Vorschlag können Sie nicht unterstützen." in response.content.decode()
    assert count(found) == 0


def test_anonymous_visitors_are_sent_to_sign_in(client, box, author):
    found = proposal(box, author)
    response = client.post(f"{BASE}{found.pk}/unterstuetzen/")
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")
    assert "melden Sie sich bitte an" in client.get(f"{BASE}{found.pk}/").content.decode()
    assert count(found) == 0


def test_a_get_does_not_support(client, box, participant, author):
    found = proposal(box, author)
    client.force_login(participant)
    response = client.get(f"{BASE}{found.pk}/unterstuetzen/")
    assert (response.status_code, response["Location"]) == (302, f"{BASE}{found.pk}/")
    assert count(found) == 0


def test_the_service_refuses_a_second_support(box, participant, author):
    found = proposal(box, author)
    assert supports.support(found, participant) is True
    assert supports.support(found, participant) is False
    assert count(found) == 1
