"""A moderator of another district neither sees nor acts on this district's items (F25)."""

import pytest
from django.urls import reverse

from kek.participation.models import Comment, ModerationAction
from kek.participation.models import CommentState as S

pytestmark = pytest.mark.django_db


def test_it_refuses_a_moderator_of_another_district_with_403(
    client, author, other_moderator, participable, write
):
    comment = write(author, "Nordsächsischer Beitrag")
    Comment.objects.filter(pk=comment.pk).update(state=S.HIDDEN)
    client.force_login(other_moderator)
    assert "Nordsächsischer Beitrag" not in client.get(reverse("kek_moderation")).content.decode()
    for name in ("kek_moderation_restore", "kek_moderation_review", "kek_moderation_hide"):
        target = reverse(name, args=["participation-comment", comment.pk])
        response = client.post(target, {"reason": "x"})
        assert response.status_code == 403, name
    assert Comment.objects.get(pk=comment.pk).state == S.HIDDEN
    assert not ModerationAction.objects.exists()


def test_it_shows_the_district_moderator_the_item(client, author, moderator, participable, write):
    comment = write(author, "Nordsächsischer Beitrag")
    Comment.objects.filter(pk=comment.pk).update(state=S.HIDDEN)
    client.force_login(moderator)
    assert "Nordsächsischer Beitrag" in client.get(reverse("kek_moderation")).content.decode()
