"""Topics and comments made for the forums tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from kek.forums.models import Topic
from kek.participation.models import Comment, CommentState


def topic(district, title: str = "Wie geht es weiter?", subject: Any = None, **fields) -> Topic:
    made = Topic(district=district, title=title, **fields)
    made.set_subject(subject)
    made.save()
    return made


def closed(district, title: str = "Beendete Diskussion", **fields) -> Topic:
    now = timezone.now()
    return topic(district, title, opens_at=now - timedelta(days=30),
                 closes_at=now - timedelta(days=1), **fields)  # fmt: skip


def comment(subject, author=None, text: str = "Ein Beitrag.", state=CommentState.VISIBLE):
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        district=subject.district,
        author=author,
        depth=1,
        text=text,
        state=state,
    )
