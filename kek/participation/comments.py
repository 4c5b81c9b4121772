"""Comments: writing, replying (to depth 3), editing within the edit window, deleting (kept as
"vom Verfasser gelöscht"), and the thread as a reader sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from kek.accounts.names import display_name

from . import signals
from .models import MAX_DEPTH, Comment, Rating, RatingValue
from .models import CommentState as S
from .registry import for_object

DELETED_TEXT = "vom Verfasser gelöscht"
HIDDEN_TEXT = "Dieser Beitrag ist bis zur Prüfung durch die Moderation ausgeblendet."
PENDING_TEXT = "Ihr Beitrag wartet auf die Freigabe durch die Moderation."


def edit_minutes() -> int:
    return int(getattr(settings, "KEK_COMMENT_EDIT_MINUTES", 15))


def of_subject(subject: Any) -> QuerySet[Comment]:
    ct = ContentType.objects.get_for_model(subject)
    return Comment.objects.filter(content_type=ct, object_id=subject.pk)


def visible_count(subject: Any) -> int:
    """The comments everybody sees (not pending, hidden or deleted)."""
    return of_subject(subject).filter(state=S.VISIBLE).count()


def create(subject: Any, author: Any, text: str, parent: Comment | None = None) -> Comment:
    """A new comment (or reply); pending where the subject is pre-moderated."""
    participable = for_object(subject)
    assert participable is not None, f"{subject!r} is not registered as participable"
    premoderated = bool(participable.premoderated(subject))
    comment = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        district=participable.district(subject),
        author=author,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        text=text,
        state=S.PENDING if premoderated else S.VISIBLE,
    )
    if comment.state == S.VISIBLE:
        signals.comment_posted.send(sender=Comment, comment=comment)
    return comment


def is_author(user: Any, comment: Comment) -> bool:
    return bool(user.is_authenticated and comment.author_id == user.pk)


def may_reply(comment: Comment) -> bool:
    return comment.depth < MAX_DEPTH and comment.state == S.VISIBLE


def editable_until(comment: Comment) -> Any:
    return comment.created_at + timedelta(minutes=edit_minutes())


def in_edit_window(comment: Comment) -> bool:
    return timezone.now() < editable_until(comment)


def edit(comment: Comment, text: str) -> None:
    comment.text = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["text", "edited_at"])


def delete(comment: Comment) -> None:
    """Soft delete: the text goes, the place in the thread (and its replies) stays."""
    comment.state = S.DELETED
    comment.text = ""
    comment.save(update_fields=["state", "text"])


def public_text(comment: Comment) -> str | None:
    """What readers see instead of the text, or None if the text is shown."""
    if comment.state == S.DELETED:
        return DELETED_TEXT
    if comment.state == S.HIDDEN:
        return HIDDEN_TEXT
    if comment.state == S.MODERATED:
        return f"Von der Moderation ausgeblendet: {comment.hidden_reason}"
    return None


@dataclass
class Node:
    comment: Comment
    author_name: str
    placeholder: str | None
    pending: bool
    mine: bool
    can_edit: bool
    can_reply: bool
    agree: int = 0
    disagree: int = 0
    my_rating: str = ""
    replies: list[Node] = field(default_factory=list)


def thread(subject: Any, user: Any) -> list[Node]:
    """The subject's comments as a tree, oldest first: pending ones only for their author."""
    mine = Q(author=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    rows = list(
        of_subject(subject)
        .filter(~Q(state=S.PENDING) | mine)
        .select_related("author", "author__profile" if _has_profile() else "author")
    )
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for comment in rows:
        is_mine = user.is_authenticated and comment.author_id == user.pk
        nodes[comment.pk] = Node(
            comment=comment,
            author_name=display_name(comment.author),
            placeholder=public_text(comment),
            pending=comment.state == S.PENDING,
            mine=is_mine,
            can_edit=is_mine
            and comment.state in (S.VISIBLE, S.PENDING)
            and in_edit_window(comment),
            can_reply=may_reply(comment),
        )
    add_ratings(nodes, user)
    for comment in rows:
        node = nodes[comment.pk]
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        if comment.parent_id is None:
            roots.append(node)
        elif parent is not None:
            parent.replies.append(node)
    return roots


def _has_profile() -> bool:
    from django.contrib.auth import get_user_model

    try:
        get_user_model()._meta.get_field("profile")
    except Exception:
        return False
    return True


def add_ratings(nodes: dict[int, Node], user: Any) -> None:
    """Each comment's agree/disagree counts and the user's own rating, in two queries."""
    ratings = Rating.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id__in=list(nodes)
    )
    counts = ratings.values_list("object_id", "value").annotate(n=Count("id"))
    for object_id, value, n in counts:
        node = nodes[object_id]
        if value == RatingValue.AGREE:
            node.agree = n
        else:
            node.disagree = n
    if getattr(user, "is_authenticated", False):
        for object_id, value in ratings.filter(user=user).values_list("object_id", "value"):
            nodes[object_id].my_rating = value
