"""Write notifications and queue their e-mails (F25).

`notify(users, reason, subject, url, text, key)` writes one `Notification` per user for one
event: `key` names the event ("comment-reply:12"), and a user never gets the same key twice
(a unique constraint; a second call is ignored). Users who chose "aus" and accounts without a
usable e-mail address get no row. After the transaction commits, a background job
(kek.follows.tasks) sends the rows of the users who chose "sofort"; the others wait for the
daily digest (`kek send-digests`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from .mails import usable_address
from .models import Frequency, Notification, NotificationSetting


@dataclass(frozen=True)
class Reason:
    """Why a user gets a notification: a key and the German sentence of the e-mail."""

    key: str  # "follow", "reply", "author"
    text: str  # "Sie erhalten diese E-Mail, weil Sie dem Projekt „…“ folgen."


def following(obj: Any) -> Reason:
    from .subjects import reason_text

    return Reason("follow", reason_text(obj))


def notify(
    users: Iterable[Any],
    reason: Reason,
    subject: str,
    url: str,
    text: str,
    key: str,
    district: Any = None,
) -> list[Notification]:
    """Write the notifications of one event; returns the rows written now (not the ones a
    user already had for `key`)."""
    chosen = {user.pk: user for user in users if usable_address(user)}
    if not chosen:
        return []
    settings = dict(
        NotificationSetting.objects.filter(user_id__in=chosen).values_list("user_id", "frequency")
    )
    wanted = [pk for pk in chosen if settings.get(pk, Frequency.IMMEDIATE) != Frequency.OFF]
    had = set(
        Notification.objects.filter(user_id__in=wanted, dedupe_key=key).values_list(
            "user_id", flat=True
        )
    )
    district_id = getattr(district, "pk", district)
    rows = [
        Notification(
            user_id=pk,
            district_id=district_id,
            reason=reason.key,
            reason_text=reason.text[:500],
            subject=subject[:300],
            url=url,
            text=text,
            dedupe_key=key[:200],
        )
        for pk in wanted
        if pk not in had
    ]
    if not rows:
        return []
    # ignore_conflicts: a parallel call for the same event leaves one row per user.
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    written = list(
        Notification.objects.filter(
            user_id__in=[r.user_id for r in rows], dedupe_key=key[:200], sent_at__isnull=True
        ).values_list("pk", "user_id")
    )
    immediate = [
        pk for pk, user_id in written
        if settings.get(user_id, Frequency.IMMEDIATE) == Frequency.IMMEDIATE
    ]  # fmt: skip
    if immediate:
        transaction.on_commit(lambda: _enqueue(immediate))
    return list(Notification.objects.filter(pk__in=[pk for pk, _ in written]))


def _enqueue(ids: list[int]) -> None:
    from . import tasks

    tasks.send_notifications.enqueue(ids)
