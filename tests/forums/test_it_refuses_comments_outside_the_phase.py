"""Comments on a topic go through the participation base's routes, which ask the topic for its
phase: during the phase a participant's comment is posted (or waits for the moderation on a
pre-moderated topic); before and after it the write is refused with 403 and a German
message, and nothing is stored. Reading stays possible."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kek.participation.models import Comment, CommentState

from .world import closed, topic

pytestmark = pytest.mark.django_db


def post(client, found, text: str = "Mein Beitrag zum Thema."):
    return client.post(f"/beteiligung/forums-topic/{found.pk}/kommentieren/", {"text": text})


def test_during_the_phase_a_comment_is_posted(client, nordsachsen, participant):
    found = topic(nordsachsen)
    client.force_login(participant)
    response = post(client, found)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/beteiligung/foren/{found.pk}/#kommentar-")
    assert Comment.objects.get(object_id=found.pk).state == CommentState.VISIBLE
    assert (
        "Mein Beitrag zum Thema." in client.get(f"/beteiligung/foren/{found.pk}/").content.decode()
    )


def test_on_a_premoderated_topic_the_comment_waits(client, nordsachsen, participant):
    found = topic(nordsachsen, premoderated=True)
    client.force_login(participant)
    assert post(client, found).status_code == 302
    assert Comment.objects.get(object_id=found.pk).state == CommentState.PENDING


def test_after_the_phase_a_comment_is_refused(client, nordsachsen, participant):
    found = closed(nordsachsen)
    client.force_login(participant)
    response = post(client, found)
    assert response.status_code == 403
    assert "Die Beteiligung ist geschlossen" in response.content.decode()
    assert not Comment.objects.filter(object_id=found.pk).exists()
    assert client.get(f"/beteiligung/foren/{found.pk}/").status_code == 200


def test_before_the_phase_a_comment_is_refused(client, nordsachsen, participant):
    found = topic(nordsachsen, opens_at=timezone.now() + timedelta(days=3))
    client.force_login(participant)
    response = post(client, found)
    assert response.status_code == 403
    assert "noch nicht eröffnet" in response.content.decode()
    assert not Comment.objects.filter(object_id=found.pk).exists()
