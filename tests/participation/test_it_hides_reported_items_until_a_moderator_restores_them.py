"""Three distinct reports hide a comment until a moderator reviews it; the moderator restores
it (visible again) or hides it with a public reason; every action is in the log (F25)."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from kek.participation.models import Comment, ModerationAction
from kek.participation.models import CommentState as S
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

HIDDEN = "Dieser Beitrag ist bis zur Prüfung durch die Moderation ausgeblendet"


def thread(rf, home, subject):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    template = Template("{% load participation %}{% comments subject %}")
    return template.render(Context({"request": request, "page": home, "subject": subject}))


def report(client, url, comment, username):
    client.force_login(UserFactory(username=username))
    target = url("report", "participation-comment", comment.pk)
    return client.post(target, {"reason": "beleidigung", "text": "unfreundlich"})


def test_it_hides_after_three_reports_and_the_moderator_restores(
    client, rf, author, moderator, participable, write, url, home, nordsachsen
):
    comment = write(author, "Ein strittiger Satz")
    for number in (1, 2):
        assert report(client, url, comment, f"melder{number}").status_code == 200
    assert Comment.objects.get(pk=comment.pk).state == S.VISIBLE
    response = report(client, url, comment, "melder3")
    assert "Ihre Meldung ist eingegangen" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).state == S.HIDDEN
    html = thread(rf, home, nordsachsen)
    assert HIDDEN in html and "Ein strittiger Satz" not in html

    client.force_login(moderator)
    queue = client.get(reverse("kek_moderation")).content.decode()
    assert "Ein strittiger Satz" in queue and "unfreundlich" in queue
    target = reverse("kek_moderation_restore", args=["participation-comment", comment.pk])
    assert client.post(target).status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == S.VISIBLE
    assert "Ein strittiger Satz" in thread(rf, home, nordsachsen)
    action = ModerationAction.objects.get()
    assert action.moderator == moderator and action.action == "restore"
    assert action.item == Comment.objects.get(pk=comment.pk) and action.district == nordsachsen
    log = client.get(reverse("kek_moderation_log")).content.decode()
    assert "wiederhergestellt" in log and moderator.username in log
    # The reports are reviewed: the comment has left the queue and is not hidden again.
    assert "Ein strittiger Satz" not in client.get(reverse("kek_moderation")).content.decode()


def test_it_hides_with_a_public_reason(client, rf, author, moderator, participable, write, home,
                                       nordsachsen):  # fmt: skip
    comment = write(author, "Beleidigender Satz")
    client.force_login(moderator)
    target = reverse("kek_moderation_hide", args=["participation-comment", comment.pk])
    assert client.post(target, {"reason": "Beleidigung einer Person"}).status_code == 302
    html = thread(rf, home, nordsachsen)
    assert "Von der Moderation ausgeblendet: Beleidigung einer Person" in html
    assert "Beleidigender Satz" not in html
    action = ModerationAction.objects.get()
    assert (action.action, action.reason) == ("hide", "Beleidigung einer Person")


def test_it_marks_reports_reviewed_and_keeps_the_item(client, author, moderator, participable,
                                                      write, url):  # fmt: skip
    comment = write(author, "Harmlos")
    report(client, url, comment, "melder1")
    client.force_login(moderator)
    target = reverse("kek_moderation_review", args=["participation-comment", comment.pk])
    assert client.post(target).status_code == 302
    assert Comment.objects.get(pk=comment.pk).state == S.VISIBLE
    assert ModerationAction.objects.get().action == "review"
    assert "Harmlos" not in client.get(reverse("kek_moderation")).content.decode()


def test_it_counts_reports_to_hide_as_configured(client, author, participable, write, url,
                                                 settings):  # fmt: skip
    settings.KEK_REPORTS_TO_HIDE = 1
    comment = write(author, "Einmal gemeldet")
    report(client, url, comment, "melder1")
    assert Comment.objects.get(pk=comment.pk).state == S.HIDDEN
