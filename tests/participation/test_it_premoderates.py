"""Pre-moderation (per forum, per subject): a new comment waits for a moderator's approval;
only its author sees it until then (F25)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.urls import reverse

from kek.participation import signals
from kek.participation.models import Comment, ModerationAction
from kek.participation.models import CommentState as S

pytestmark = pytest.mark.django_db


def thread(rf, user, home, subject):
    request = rf.get("/")
    request.user = user
    template = Template("{% load participation %}{% comments subject %}")
    return template.render(Context({"request": request, "page": home, "subject": subject}))


def test_it_shows_a_comment_after_the_moderator_approves_it(
    client, rf, author, moderator, participable, switches, url, home, nordsachsen
):
    posted = []
    signals.comment_posted.connect(lambda sender, comment, **kw: posted.append(comment.pk),
                                   weak=False, dispatch_uid="premoderation-test")  # fmt: skip
    try:
        switches.premoderated = True
        client.force_login(author)
        target = url("comment_add", "regions-region", nordsachsen.pk)
        assert client.post(target, {"text": "Bitte prüfen"}).status_code == 302
        comment = Comment.objects.get()
        assert comment.state == S.PENDING and posted == []
        assert "Bitte prüfen" not in thread(rf, AnonymousUser(), home, nordsachsen)
        mine = thread(rf, author, home, nordsachsen)
        assert "Bitte prüfen" in mine and "wartet auf die Freigabe" in mine

        client.force_login(moderator)
        assert "Bitte prüfen" in client.get(reverse("kek_moderation")).content.decode()
        assert client.post(reverse("kek_moderation_approve", args=[comment.pk])).status_code == 302
        assert Comment.objects.get().state == S.VISIBLE
        assert ModerationAction.objects.get().action == "approve"
        assert posted == [comment.pk]
        assert "Bitte prüfen" in thread(rf, AnonymousUser(), home, nordsachsen)
    finally:
        signals.comment_posted.disconnect(dispatch_uid="premoderation-test")


def test_it_publishes_at_once_without_premoderation(client, author, participable, url,
                                                     nordsachsen):  # fmt: skip
    client.force_login(author)
    client.post(url("comment_add", "regions-region", nordsachsen.pk), {"text": "Sofort"})
    assert Comment.objects.get().state == S.VISIBLE
