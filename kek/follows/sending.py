"""Sending the notifications: claimed before they are sent (`sent_at` set in one UPDATE that
only takes unsent rows), so a job and the digest running at the same time never send one
twice; a failed send hands its rows back."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone

from . import mails
from .models import Frequency, Notification, NotificationSetting

log = logging.getLogger(__name__)


def _claim(queryset: QuerySet[Notification]) -> list[Notification]:
    stamp = timezone.now()
    ids = list(queryset.filter(sent_at__isnull=True).values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=stamp)
    return list(
        Notification.objects.filter(pk__in=ids, sent_at=stamp)
        .select_related("user")
        .order_by("created_at", "id")
    )


def _frequencies(user_ids: Iterable[int]) -> dict[int, str]:
    return dict(
        NotificationSetting.objects.filter(user_id__in=set(user_ids)).values_list(
            "user_id", "frequency"
        )
    )


def send_immediate(ids: list[int]) -> int:
    """Send the notifications `ids` of users who (still) chose "sofort"; the others stay for
    the digest, or unsent when the user switched the e-mails off."""
    candidates = Notification.objects.filter(pk__in=ids, sent_at__isnull=True)
    chosen = _frequencies(candidates.values_list("user_id", flat=True))
    immediate = [
        n.pk for n in candidates.only("pk", "user_id")
        if chosen.get(n.user_id, Frequency.IMMEDIATE) == Frequency.IMMEDIATE
    ]  # fmt: skip
    sent = 0
    for notification in _claim(Notification.objects.filter(pk__in=immediate)):
        if not mails.usable_address(notification.user):
            continue
        try:
            mails.notification_mail(notification).send()
        except Exception:
            Notification.objects.filter(pk=notification.pk).update(sent_at=None)
            raise
        sent += 1
    return sent


def send_digests() -> tuple[int, int]:
    """One e-mail per user who chose "täglich", with all their unsent notifications; returns
    (e-mails, notifications)."""
    daily = NotificationSetting.objects.filter(frequency=Frequency.DAILY).values("user_id")
    waiting = Notification.objects.filter(sent_at__isnull=True, user_id__in=daily)
    users = sorted(set(waiting.values_list("user_id", flat=True)))
    mails_sent = items = 0
    for user_id in users:
        claimed = _claim(waiting.filter(user_id=user_id))
        if not claimed:
            continue
        user = claimed[0].user
        if not mails.usable_address(user):
            continue
        try:
            mails.digest_mail(user, claimed).send()
        except Exception:
            Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(sent_at=None)
            log.exception("Zusammenfassung an Konto %s nicht gesendet", user_id)
            continue
        mails_sent += 1
        items += len(claimed)
    return mails_sent, items
