"""Events and registrations for tests: made in the database with the least the model needs."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from kek.committees.models import Body, Location
from kek.events import tokens
from kek.events.models import Event, Registration, RegistrationStatus

LINK = re.compile(r"https?://[^/\s]+(/veranstaltungen/anmeldung/[^\s]+/(?:bestaetigen|abmelden)/)")


def event(region, title="Testforum", days=30, capacity=50, **values) -> Event:
    start = values.pop("start", timezone.now() + timedelta(days=days))
    values.setdefault("kind", "workshop")
    values.setdefault("end", start + timedelta(hours=2))
    return Event.objects.create(
        region=region, title=title, start=start, capacity=capacity, **values
    )


def place(region, description="Bürgerhaus", locality="Eilenburg") -> Location:
    body = Body.objects.filter(region=region).first() or Body.objects.create(
        region=region, name=region.name
    )
    return Location.objects.create(body=body, description=description, locality=locality)


def registration(event, email="anna@example.org", status=RegistrationStatus.PENDING, **values):
    now = timezone.now()
    values.setdefault("name", "Anna Beispiel")
    if status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING):
        values.setdefault("confirmed_at", now)
    return Registration.objects.create(
        event=event, email=email, status=status, consented_at=now, link_sent_at=now,
        nonce=tokens.new_nonce(), **values,
    )  # fmt: skip


def confirm_token(found: Registration) -> str:
    return tokens.make(tokens.CONFIRM, found.pk, found.nonce)


def cancel_token(found: Registration) -> str:
    return tokens.make(tokens.CANCEL, found.pk, found.nonce)


def links(message) -> list[str]:
    """The paths of the confirm and cancel links in an e-mail."""
    return LINK.findall(message.body)


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]
