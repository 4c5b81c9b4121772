"""What happens to a registration (F24): registering, confirming, cancelling, moving up from
the waiting list, an event's cancellation and the deletion of the personal data.

Places are counted under a lock on the event's row (`select_for_update`; on SQLite the
IMMEDIATE transactions of kek/settings.py serialise the writers), so parallel confirmations
never give away more places than the event has. The e-mails are queued (kek.events.tasks)
after the transaction is committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from . import tasks, tokens
from .models import Event, EventState, Notice, NoticeFile, Registration, RegistrationStatus

S = RegistrationStatus
HOLDING = (S.REGISTERED, S.WAITING)  # a confirmed registration: a place or a waiting place


def free_places(event: Event, registered: int) -> int | None:
    """Free places (None: no limit)."""
    return None if event.capacity is None else max(event.capacity - registered, 0)


def counts(event: Event) -> dict[str, int]:
    found = event.registrations.aggregate(
        registered=Count("id", filter=Q(status=S.REGISTERED)),
        waiting=Count("id", filter=Q(status=S.WAITING)),
    )
    return {"registered": found["registered"], "waiting": found["waiting"]}


def _locked(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def register(event: Event, name: str, email: str, organisation: str, site: str) -> None:
    """A new registration waits for its confirmation by e-mail. An address already registered
    for the event gets a new link (or a reminder of its registration) instead: the answer is
    the same either way, so the form does not tell who registered."""
    email = email.strip().lower()
    now = timezone.now()
    with transaction.atomic():
        _locked(event.pk)
        found = (
            Registration.objects.filter(event=event, email=email)
            .exclude(status=S.CANCELLED)
            .first()
        )
        if found is None:
            found = Registration(event=event, email=email, consented_at=now)
        if found.status == S.PENDING:  # a confirmed one is not changed by an unconfirmed form
            found.name, found.organisation = name.strip(), organisation.strip()
        found.nonce, found.link_sent_at = tokens.new_nonce(), now
        try:
            with transaction.atomic():
                found.save()
        except IntegrityError:  # the same address at the same moment: that one counts
            return
        mail = "confirm" if found.status == S.PENDING else "reminder"
    tasks.send_registration_mail.enqueue(found.pk, mail, site)


@dataclass
class Outcome:
    registration: Registration | None
    changed: bool = False


def _by_token(purpose: str, token: str, lock: bool = False) -> Registration | None:
    read = tokens.read(purpose, token)
    if read is None:
        return None
    registration_id, nonce = read
    found = Registration.objects.select_related("event", "event__location")
    if lock:
        found = found.select_for_update(of=("self",))
    registration = found.filter(pk=registration_id, purged_at__isnull=True).first()
    if registration is None or not nonce or registration.nonce != nonce:
        return None
    return registration


def pending_for(token: str) -> Registration | None:
    """The registration a confirmation link names, while it can still be confirmed."""
    registration = _by_token(tokens.CONFIRM, token)
    return registration if registration and registration.status == S.PENDING else None


def holding_for(token: str) -> Registration | None:
    """The registration a cancellation link names, while it holds a (waiting) place or
    waits for its confirmation."""
    registration = _by_token(tokens.CANCEL, token)
    if registration is None or registration.status == S.CANCELLED:
        return None
    return registration


def confirm(token: str, site: str) -> Outcome:
    """Confirming takes a free place, else a place on the waiting list (in the order of the
    confirmations). A link used again changes nothing."""
    read = tokens.read(tokens.CONFIRM, token)
    if read is None:
        return Outcome(None)
    with transaction.atomic():
        registration = Registration.objects.filter(pk=read[0]).first()
        if registration is None:
            return Outcome(None)
        event = _locked(registration.event_id)
        registration = _by_token(tokens.CONFIRM, token, lock=True)
        if registration is None or registration.status != S.PENDING:
            return Outcome(registration)
        registered = event.registrations.filter(status=S.REGISTERED).count()
        places = free_places(event, registered)
        registration.status = S.WAITING if places == 0 else S.REGISTERED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
    tasks.send_registration_mail.enqueue(registration.pk, "confirmed", site)
    return Outcome(registration, changed=True)


def cancel(token: str, site: str) -> Outcome:
    """The registrant cancels: the place becomes free and the first on the waiting list moves
    up (and is told by e-mail)."""
    read = tokens.read(tokens.CANCEL, token)
    if read is None:
        return Outcome(None)
    with transaction.atomic():
        registration = Registration.objects.filter(pk=read[0]).first()
        if registration is None:
            return Outcome(None)
        event = _locked(registration.event_id)
        registration = _by_token(tokens.CANCEL, token, lock=True)
        if registration is None or registration.status == S.CANCELLED:
            return Outcome(registration)
        registration.status, registration.cancelled_at = S.CANCELLED, timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        moved = fill_places(event)
    tasks.send_registration_mail.enqueue(registration.pk, "cancelled", site)
    for pk in moved:
        tasks.send_registration_mail.enqueue(pk, "moved_up", site)
    return Outcome(registration, changed=True)


def fill_places(event: Event) -> list[int]:
    """Move the first on the waiting list up while places are free (inside the caller's
    transaction, the event locked); returns the registrations moved up."""
    if event.state != EventState.PLANNED:
        return []
    registered = event.registrations.filter(status=S.REGISTERED).count()
    places = free_places(event, registered)
    waiting = event.registrations.filter(status=S.WAITING).order_by("confirmed_at", "id")
    chosen = list(waiting if places is None else waiting[:places])
    for registration in chosen:
        registration.status = S.REGISTERED
        registration.save(update_fields=["status"])
    return [r.pk for r in chosen]


def fill_after_change(event: Event, site: str) -> None:
    """After a planner's edit (more places): move up whom the new places fit."""
    with transaction.atomic():
        moved = fill_places(_locked(event.pk))
    for pk in moved:
        tasks.send_registration_mail.enqueue(pk, "moved_up", site)


def cancel_event(
    event: Event, reason: str, message: str, files: list[UploadedFile], user: Any, site: str
) -> Notice:
    """The planner cancels the event: it is marked abgesagt with its reason, and every
    registrant with a place or on the waiting list gets the message with the files."""
    with transaction.atomic():
        event = _locked(event.pk)
        event.state, event.reason = EventState.CANCELLED, reason.strip()
        event.save()
        recipients = event.registrations.filter(status__in=HOLDING, purged_at__isnull=True)
        notice = Notice.objects.create(
            event=event,
            message=message.strip() or reason.strip(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
            recipients=recipients.count(),
        )
        for upload in files:
            NoticeFile.objects.create(notice=notice, file=upload)
    tasks.send_notice.enqueue(notice.pk, site)
    return notice


def retention_days() -> int:
    return int(getattr(settings, "KEK_REGISTRATION_RETENTION_DAYS", 90))


def purge(now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Empty the personal data of the registrations of events that ended more than the
    retention period ago; the rows stay for the counts. Returns how many were emptied."""
    now = now or timezone.now()
    limit = now - dt.timedelta(days=retention_days())
    ended = Q(event__end__lt=limit) | Q(event__end__isnull=True, event__start__lt=limit)
    due = Registration.objects.filter(ended, purged_at__isnull=True)
    if dry_run:
        return due.count()
    return due.update(name="", email="", organisation="", nonce="", purged_at=now)
