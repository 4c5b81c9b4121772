"""Reports and the moderators' actions (F25): filing a report, hiding an item automatically
after KEK_REPORTS_TO_HIDE distinct open reports (default 3), and the moderation actions hide
(with a public reason), restore, mark reviewed, approve (pre-moderation) and block, each
written to the log (`ModerationAction`).

An item is a comment or any registered participable (a proposal, a topic …). A comment keeps
its state in `Comment.state`; for other items `hidden_note(item)` says what readers see
instead (the latest hide or restore of the log, or the automatic hiding)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone

from . import signals
from .comments import HIDDEN_TEXT
from .models import Block, Comment, ModerationAction, Report
from .models import CommentState as S
from .models import ModerationKind as K
from .registry import for_object


def reports_to_hide() -> int:
    return int(getattr(settings, "KEK_REPORTS_TO_HIDE", 3))


def _ct(item: Any) -> ContentType:
    return ContentType.objects.get_for_model(item)


def open_reports(item: Any) -> QuerySet[Report]:
    return Report.objects.filter(
        content_type=_ct(item), object_id=item.pk, reviewed_at__isnull=True
    )


def district_of(item: Any) -> Any:
    participable = for_object(item)
    return participable.district(item) if participable else item.district


def label_of(item: Any) -> str:
    if isinstance(item, Comment):
        return f"Kommentar {item.pk}: {item.text[:200]}"
    participable = for_object(item)
    title = participable.title(item) if participable else str(item)
    return f"{item._meta.verbose_name} {item.pk}: {title}"[:300]


def author_of(item: Any) -> Any:
    return getattr(item, "author", None)


def reported_by(item: Any, user: Any) -> bool:
    return Report.objects.filter(content_type=_ct(item), object_id=item.pk, reporter=user).exists()


class AlreadyReported(Exception):
    pass


def file_report(item: Any, reporter: Any, reason: str, text: str) -> Report:
    """One report per account and item (AlreadyReported otherwise); hides the item when the
    open reports reach the threshold."""
    try:
        with transaction.atomic():
            report = Report.objects.create(
                content_type=_ct(item),
                object_id=item.pk,
                district=district_of(item),
                reporter=reporter,
                reason=reason,
                text=text,
            )
    except IntegrityError as error:
        raise AlreadyReported from error
    reporters = open_reports(item).values("reporter").distinct()
    if (
        isinstance(item, Comment)
        and item.state == S.VISIBLE
        and (reporters.count() >= reports_to_hide())
    ):
        Comment.objects.filter(pk=item.pk).update(state=S.HIDDEN)
    signals.report_filed.send(sender=Report, report=report)
    return report


def hidden_note(item: Any) -> str:
    """For a participable that is not a comment: what readers see instead of it ("" when it is
    shown). Comments: `kek.participation.comments.public_text`."""
    latest = (
        ModerationAction.objects.filter(
            content_type=_ct(item), object_id=item.pk, action__in=[K.HIDE, K.RESTORE]
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if latest is not None and latest.action == K.HIDE:
        return f"Von der Moderation ausgeblendet: {latest.reason}"
    if open_reports(item).count() >= reports_to_hide():
        return HIDDEN_TEXT
    return ""


def hidden_notes(items: list[Any]) -> dict[int, str]:
    """`hidden_note` for a page of items of one model in two queries: {pk: note} of the hidden
    ones (lists show the note instead of the title)."""
    if not items:
        return {}
    ct, pks = _ct(items[0]), [item.pk for item in items]
    latest: dict[int, Any] = {}
    actions = ModerationAction.objects.filter(
        content_type=ct, object_id__in=pks, action__in=[K.HIDE, K.RESTORE]
    ).order_by("created_at", "id")
    for action in actions:
        if action.object_id is not None:
            latest[action.object_id] = action
    reported = (
        Report.objects.filter(content_type=ct, object_id__in=pks, reviewed_at__isnull=True)
        .values("object_id")
        .annotate(n=Count("id"))
    )
    notes = {row["object_id"]: HIDDEN_TEXT for row in reported if row["n"] >= reports_to_hide()}
    for pk, action in latest.items():
        if action.action == K.HIDE:
            notes[pk] = f"Von der Moderation ausgeblendet: {action.reason}"
    return notes


def log(moderator: Any, action: str, item: Any, reason: str = "", district: Any = None) -> Any:
    return ModerationAction.objects.create(
        moderator=moderator,
        action=action,
        content_type=_ct(item) if item is not None else None,
        object_id=item.pk if item is not None else None,
        item_label=label_of(item) if item is not None else "",
        district=district or district_of(item),
        reason=reason,
    )


def _review_reports(item: Any) -> int:
    return open_reports(item).update(reviewed_at=timezone.now())


@transaction.atomic
def hide(item: Any, moderator: Any, reason: str) -> None:
    if isinstance(item, Comment):
        item.state, item.hidden_reason = S.MODERATED, reason
        item.save(update_fields=["state", "hidden_reason"])
    _review_reports(item)
    log(moderator, K.HIDE, item, reason)


@transaction.atomic
def restore(item: Any, moderator: Any, reason: str = "") -> None:
    if isinstance(item, Comment) and item.state in (S.HIDDEN, S.MODERATED):
        item.state, item.hidden_reason = S.VISIBLE, ""
        item.save(update_fields=["state", "hidden_reason"])
    _review_reports(item)
    log(moderator, K.RESTORE, item, reason)


@transaction.atomic
def review(item: Any, moderator: Any, reason: str = "") -> None:
    """The reports were looked at; the item stays as it is."""
    _review_reports(item)
    log(moderator, K.REVIEW, item, reason)


def approve(comment: Comment, moderator: Any, reason: str = "") -> None:
    with transaction.atomic():
        comment.state = S.VISIBLE
        comment.save(update_fields=["state"])
        log(moderator, K.APPROVE, comment, reason)
    signals.comment_posted.send(sender=Comment, comment=comment)


@transaction.atomic
def block(item: Any, moderator: Any, until: datetime, reason: str) -> Block | None:
    """Block the item's author until `until`; None if the item has no author any more."""
    author = author_of(item)
    if author is None:
        return None
    found = Block.objects.create(
        user=author, until=until, reason=reason, district=district_of(item), created_by=moderator
    )
    log(moderator, K.BLOCK, item, f"gesperrt bis {timezone.localtime(until):%d.%m.%Y}: {reason}")
    return found
