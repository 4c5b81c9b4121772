"""The author edits their proposal until the first answer is written (F22); others may not."""

import pytest
from django.utils import timezone

from kek.proposals.models import Proposal

from .world import BASE, form_data, proposal

pytestmark = pytest.mark.django_db


def test_the_author_edits_their_proposal(client, box, participant, nordsachsen):
    found = proposal(box, participant)
    client.force_login(participant)
    page = client.get(f"{BASE}{found.pk}/bearbeiten/")
    assert page.status_code == 200 and "Mehr Radwege" in page.content.decode()
    assert "Vorschlag bearbeiten" in client.get(f"{BASE}{found.pk}/").content.decode()
    response = client.post(f"{BASE}{found.pk}/bearbeiten/", form_data(nordsachsen, title="Neu"))
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.title == "Neu" and found.edited_at is not None
    assert found.author == participant


def test_no_edit_after_the_first_answer(client, box, participant, nordsachsen):
    found = proposal(box, participant, answer="Wir prüfen das.", answered_at=timezone.now())
    client.force_login(participant)
    assert "Vorschlag bearbeiten" not in client.get(f"{BASE}{found.pk}/").content.decode()
    response = client.post(f"{BASE}{found.pk}/bearbeiten/", form_data(nordsachsen, title="Neu"))
    assert response.status_code == 403
    assert "bereits beantwortet" in response.content.decode()
    assert Proposal.objects.get(pk=found.pk).title == "Mehr Radwege"


def test_someone_else_may_not_edit(client, box, participant, author, nordsachsen):
    found = proposal(box, author)
    client.force_login(participant)
    response = client.post(f"{BASE}{found.pk}/bearbeiten/", form_data(nordsachsen, title="Neu"))
    assert response.status_code == 403
    assert "Nur die Verfasserin oder der Verfasser" in response.content.decode()
    assert Proposal.objects.get(pk=found.pk).title == "Mehr Radwege"
