"""The author may change a comment within the edit window (KEK_COMMENT_EDIT_MINUTES, 15),
then it is read-only; nobody else may change it (F25)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from kek.participation.models import Comment

pytestmark = pytest.mark.django_db


def test_it_lets_the_author_edit_for_15_minutes_then_not(client, author, participable, write, url):
    start = timezone.now()
    with freeze_time(start):
        comment = write(author, "Erste Fassung")
    client.force_login(author)
    with freeze_time(start + timedelta(minutes=14)):
        response = client.post(url("comment_edit", comment.pk), {"text": "Zweite Fassung"})
        assert response.status_code == 302
    changed = Comment.objects.get(pk=comment.pk)
    assert changed.text == "Zweite Fassung" and changed.edited_at is not None
    with freeze_time(start + timedelta(minutes=16)):
        response = client.post(url("comment_edit", comment.pk), {"text": "Dritte Fassung"})
        assert response.status_code == 403
        assert "ersten 15 Minuten" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).text == "Zweite Fassung"


def test_it_follows_the_configured_window(client, author, participable, write, url, settings):
    settings.KEK_COMMENT_EDIT_MINUTES = 1
    start = timezone.now()
    with freeze_time(start):
        comment = write(author)
    client.force_login(author)
    with freeze_time(start + timedelta(minutes=2)):
        response = client.post(url("comment_edit", comment.pk), {"text": "Neu"})
    assert response.status_code == 403


def test_it_refuses_anyone_else(client, author, participant, participable, write, url):
    comment = write(author, "Meins")
    client.force_login(participant)
    response = client.post(url("comment_edit", comment.pk), {"text": "Fremd"})
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).text == "Meins"
