"""Proposals are participables of the participation base: the page carries the comment thread
(posted through its comment route), a report link and, after enough reports, the hiding note
instead of text and image; submitting is rate-limited to 3 a day per account; a blocked
account may neither submit nor support (F22, F25)."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.participation.models import Block, Comment
from kek.participation.moderation import file_report
from kek.proposals.models import Proposal, Support

from ..accounts.factories import UserFactory
from .world import BASE, form_data, image_bytes, proposal

pytestmark = pytest.mark.django_db


def test_comments_on_a_proposal(client, box, author, participant):
    found = proposal(box, author)
    client.force_login(participant)
    url = f"/beteiligung/proposals-proposal/{found.pk}/kommentieren/"
    assert url in client.get(f"{BASE}{found.pk}/").content.decode()
    response = client.post(url, {"text": "Gute Idee, <b>unbedingt</b>!"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.subject == found and comment.district == box.district
    page = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Gute Idee, &lt;b&gt;unbedingt&lt;/b&gt;!" in page
    assert "Netiquette" in client.get(f"{BASE}neu/").content.decode()


def test_reported_proposal_is_hidden_with_its_image(client, box, author, settings):
    from django.core.files.base import ContentFile

    found = proposal(box, author, text="Anstößiger Text")
    found.image.save("bild.png", ContentFile(image_bytes()), save=True)
    for i in range(3):
        file_report(found, UserFactory(username=f"melder{i}"), "spam", "")
    page = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Anstößiger Text" not in page
    assert client.get(f"{BASE}{found.pk}/bild/").status_code == 404


def test_at_most_three_proposals_a_day(client, box, participant, nordsachsen):
    client.force_login(participant)
    for i in range(3):
        response = client.post(f"{BASE}neu/", form_data(nordsachsen, title=f"Nummer {i}"))
        assert response.status_code == 302
    # a form with errors does not count, the fourth proposal is refused
    assert client.post(f"{BASE}neu/", {"title": ""}).status_code == 200
    response = client.post(f"{BASE}neu/", form_data(nordsachsen, title="Zu viel"))
    assert response.status_code == 429
    assert Proposal.objects.filter(author=participant).count() == 3


def test_a_blocked_account_may_not_write(client, box, participant, author, moderator, nordsachsen):
    found = proposal(box, author)
    Block.objects.create(
        user=participant,
        until=timezone.now() + dt.timedelta(days=2),
        district=nordsachsen,
        created_by=moderator,
    )
    client.force_login(participant)
    response = client.post(f"{BASE}neu/", form_data(nordsachsen))
    assert response.status_code == 403 and "gesperrt" in response.content.decode()
    response = client.post(f"{BASE}{found.pk}/unterstuetzen/")
    assert response.status_code == 403 and "gesperrt" in response.content.decode()
    assert Proposal.objects.count() == 1 and not Support.objects.exists()


def test_an_unreleased_proposal_takes_no_comments(client, box, author, participant):
    found = proposal(box, author, released=False)
    client.force_login(participant)
    url = f"/beteiligung/proposals-proposal/{found.pk}/kommentieren/"
    response = client.post(url, {"text": "Zu früh."})
    assert response.status_code == 403
    assert not Comment.objects.exists()
