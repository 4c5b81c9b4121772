"""Every write of the participation base, tried as anonymous, participant, the comment's
author, the district's moderator, a moderator of another district and a planner (F25, F30).

Public writes (comment, reply, rate, report) need an account: anonymous visitors are sent to
the public sign-in; editing and deleting a comment is for its author only. The moderation
queue's actions are for the district's moderators: a moderator of another district and a
planner (who moderates only if also a moderator) are refused with 403, visitors without
back-office access are sent to the admin's sign-in. The walk is tests/permission_walk.py; the
subject is the test participable of conftest.py (the district's Region)."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from kek.participation.models import Block, Comment, ModerationAction, Rating, Report
from kek.participation.models import CommentState as S

from .. import permission_walk as pw
from ..permission_walk import (
    ADMIN_LOGIN,
    ALLOWED,
    EDITED_TITLE,
    FORBIDDEN,
    NEW_TITLE,
    PUBLIC_LOGIN,
    Entry,
)

pytestmark = pytest.mark.django_db

SIGNED_IN = {"anonymous": PUBLIC_LOGIN, "participant": ALLOWED, "author": ALLOWED,
             "moderator": ALLOWED, "other_moderator": ALLOWED, "planner": ALLOWED}  # fmt: skip
AUTHOR = {"anonymous": PUBLIC_LOGIN, "participant": FORBIDDEN, "author": ALLOWED,
          "moderator": FORBIDDEN, "other_moderator": FORBIDDEN, "planner": FORBIDDEN}  # fmt: skip
MODERATOR = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "author": ADMIN_LOGIN,
             "moderator": ALLOWED, "other_moderator": FORBIDDEN, "planner": FORBIDDEN}  # fmt: skip
KIND = "participation-comment"


@dataclass
class World:
    region: object
    home: object
    comment: Comment
    hidden: Comment
    pending: Comment


@pytest.fixture
def world(nordsachsen, home, participable, author, write, moderator) -> World:
    from tests.accounts.factories import UserFactory

    comment = write(author, "Der Beitrag der Verfasserin.")
    hidden = write(author, "Ein ausgeblendeter Beitrag.")
    Comment.objects.filter(pk=hidden.pk).update(state=S.HIDDEN)
    pending = write(author, "Ein Beitrag, der auf Freigabe wartet.")
    Comment.objects.filter(pk=pending.pk).update(state=S.PENDING)
    reporter = UserFactory(username="melderin")
    Report.objects.create(
        content_type=ContentType.objects.get_for_model(Comment), object_id=comment.pk,
        district=nordsachsen,
        reporter=reporter, reason="spam",
    )  # fmt: skip
    return World(nordsachsen, home, comment, hidden, pending)


def take(ignore=frozenset()) -> dict:
    return pw.snapshot([Comment, Rating, Report, ModerationAction, Block], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def route(w: World, name: str, *args) -> str:
    from kek.core.routes import route_url

    return route_url(name, w.home, *args)


def state_of(comment: Comment) -> str:
    return Comment.objects.get(pk=comment.pk).state


def admin(name: str, *args) -> str:
    return reverse(name, args=args)


ENTRIES = [
    Entry(
        id="comment-add",
        covers="route:comment_add",
        url=lambda w: route(w, "comment_add", "regions-region", w.region.pk),
        data=lambda w: {"text": NEW_TITLE},
        happened=lambda w: Comment.objects.filter(text=NEW_TITLE).exists(),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="comment-reply",
        covers="route:comment_reply",
        url=lambda w: route(w, "comment_reply", w.comment.pk),
        data=lambda w: {"text": NEW_TITLE},
        happened=lambda w: Comment.objects.filter(text=NEW_TITLE, parent=w.comment).exists(),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="comment-edit",
        covers="route:comment_edit",
        url=lambda w: route(w, "comment_edit", w.comment.pk),
        data=lambda w: {"text": EDITED_TITLE},
        happened=lambda w: Comment.objects.get(pk=w.comment.pk).text == EDITED_TITLE,
        outcomes=AUTHOR,
    ),
    Entry(
        id="comment-delete",
        covers="route:comment_delete",
        url=lambda w: route(w, "comment_delete", w.comment.pk),
        happened=lambda w: state_of(w.comment) == S.DELETED,
        outcomes=AUTHOR,
    ),
    Entry(
        id="rate",
        covers="route:rate",
        url=lambda w: route(w, "rate", "regions-region", w.region.pk),
        data=lambda w: {"value": "agree"},
        happened=lambda w: Rating.objects.filter(object_id=w.region.pk).exists(),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="report",
        covers="route:report",
        url=lambda w: route(w, "report", KIND, w.comment.pk),
        data=lambda w: {"reason": "beleidigung", "text": NEW_TITLE},
        happened=lambda w: Report.objects.filter(text=NEW_TITLE).exists(),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="moderation-hide",
        covers="url:kek_moderation_hide",
        url=lambda w: admin("kek_moderation_hide", KIND, w.comment.pk),
        data=lambda w: {"reason": "Beleidigend"},
        happened=lambda w: state_of(w.comment) == S.MODERATED,
        outcomes=MODERATOR,
        methods=("get", "post"),
    ),
    Entry(
        id="moderation-restore",
        covers="url:kek_moderation_restore",
        url=lambda w: admin("kek_moderation_restore", KIND, w.hidden.pk),
        happened=lambda w: state_of(w.hidden) == S.VISIBLE,
        outcomes=MODERATOR,
    ),
    Entry(
        id="moderation-review",
        covers="url:kek_moderation_review",
        url=lambda w: admin("kek_moderation_review", KIND, w.comment.pk),
        happened=lambda w: not Report.objects.filter(reviewed_at__isnull=True).exists(),
        outcomes=MODERATOR,
    ),
    Entry(
        id="moderation-approve",
        covers="url:kek_moderation_approve",
        url=lambda w: admin("kek_moderation_approve", w.pending.pk),
        happened=lambda w: state_of(w.pending) == S.VISIBLE,
        outcomes=MODERATOR,
    ),
    Entry(
        id="moderation-block",
        covers="url:kek_moderation_block",
        url=lambda w: admin("kek_moderation_block", KIND, w.comment.pk),
        data=lambda w: {
            "until": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "reason": "Wiederholt beleidigend",
        },  # fmt: skip
        happened=lambda w: Block.objects.exists(),
        outcomes=MODERATOR,
        methods=("get", "post"),
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, take)
