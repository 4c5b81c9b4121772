"""The registrants' e-mails in German, plain text (templates/events/mail/), with the event's
iCalendar file attached where it confirms a place; the links carry signed tokens
(kek.events.tokens)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import QuerySet
from django.template.loader import render_to_string

from kek.core.routes import route_path
from kek.core.sites import homes_for_regions

from . import ical, tokens
from .models import Notice, Registration, RegistrationStatus

SUBJECTS = {
    "confirm": "Bitte bestätigen Sie Ihre Anmeldung: {title}",
    "reminder": "Ihre Anmeldung: {title}",
    "confirmed": "Anmeldung bestätigt: {title}",
    "moved_up": "Sie haben einen Platz: {title}",
    "cancelled": "Abmeldung bestätigt: {title}",
    "notice": "Abgesagt: {title}",
}
WITH_CALENDAR = {"confirmed", "moved_up"}


def links(registration: Registration, site: str) -> dict[str, str]:
    """The event's page and the registration's confirm and cancel links."""
    event = registration.event
    home = homes_for_regions([event.region_id]).get(event.region_id)
    if home is None:
        return {}
    root = site if site.endswith("/") else site + "/"

    def url(name: str, *args: Any) -> str:
        return root + route_path(name, home, *args)

    confirm = tokens.make(tokens.CONFIRM, registration.pk, registration.nonce)
    cancel = tokens.make(tokens.CANCEL, registration.pk, registration.nonce)
    return {
        "event_url": url("event", event.pk),
        "confirm_url": url("event_confirm", confirm),
        "cancel_url": url("event_cancel", cancel),
    }


def _message(subject: str, template: str, context: dict[str, Any], to: str) -> EmailMessage:
    body = render_to_string(f"events/mail/{template}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def registration_mail(registration: Registration, kind: str, site: str) -> EmailMessage:
    event = registration.event
    addresses = links(registration, site)
    context = {
        "registration": registration,
        "event": event,
        "waiting": registration.status == RegistrationStatus.WAITING,
        "hours": tokens.CONFIRM_HOURS,
        **addresses,
    }
    subject = SUBJECTS[kind].format(title=event.title)
    message = _message(subject, kind, context, registration.email)
    if kind in WITH_CALENDAR and registration.status == RegistrationStatus.REGISTERED:
        content = ical.event_calendar(event, addresses.get("event_url", ""))
        message.attach(f"veranstaltung-{event.pk}.ics", content, "text/calendar")
    return message


def notice_recipients(notice: Notice) -> QuerySet[Registration]:
    holding = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    return notice.event.registrations.filter(status__in=holding, purged_at__isnull=True)


def notice_mail(notice: Notice, registration: Registration, site: str) -> EmailMessage:
    event = notice.event
    context = {"registration": registration, "event": event, "notice": notice,
               **links(registration, site)}  # fmt: skip
    subject = SUBJECTS["notice"].format(title=event.title)
    message = _message(subject, "notice", context, registration.email)
    for attached in notice.files.all():
        with attached.file.open("rb") as handle:
            message.attach(str(attached), handle.read())
    return message
