"""A moderator blocks a comment's author until a date: until then the account writes nowhere,
with a German message saying until when; afterwards it may write again (F25)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from kek.participation.blocks import is_blocked
from kek.participation.models import Block, Comment, ModerationAction, Rating

pytestmark = pytest.mark.django_db


def test_it_blocks_the_author_until_the_date(
    client, author, moderator, participable, write, url, nordsachsen
):
    comment = write(author, "Wiederholt beleidigend")
    until = timezone.localdate() + timedelta(days=3)
    client.force_login(moderator)
    target = reverse("kek_moderation_block", args=["participation-comment", comment.pk])
    assert client.get(target).status_code == 200
    response = client.post(target, {"until": until.isoformat(), "reason": "Beleidigungen"})
    assert response.status_code == 302
    block = Block.objects.get()
    assert block.user == author and block.created_by == moderator
    assert ModerationAction.objects.get().action == "block"
    assert is_blocked(author)

    client.force_login(author)
    for target, data in [
        (url("comment_add", "regions-region", nordsachsen.pk), {"text": "Trotzdem"}),
        (url("comment_reply", comment.pk), {"text": "Trotzdem"}),
        (url("rate", "regions-region", nordsachsen.pk), {"value": "agree"}),
    ]:
        response = client.post(target, data)
        assert response.status_code == 403
        assert f"bis einschließlich {until:%d.%m.%Y} gesperrt" in response.content.decode()
    assert Comment.objects.count() == 1 and not Rating.objects.exists()

    with freeze_time(timezone.now() + timedelta(days=5)):
        response = client.post(url("comment_add", "regions-region", nordsachsen.pk), {"text": "Ok"})
        assert response.status_code == 302


def test_it_refuses_a_date_in_the_past(client, author, moderator, participable, write):
    comment = write(author)
    client.force_login(moderator)
    target = reverse("kek_moderation_block", args=["participation-comment", comment.pk])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(target, {"until": yesterday.isoformat()})
    assert "Das Datum liegt in der Vergangenheit." in response.content.decode()
    assert not Block.objects.exists()
