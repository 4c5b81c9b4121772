"""Veranstaltungen (F24): a district's forums, workshops and working-group sessions, with
registration without an account.

An `Event` has its date and time, a place (a committees `Location` of the district's Body),
its text, a capacity and a registration window, and a state. A `Registration` (Anmeldung) is
personal data: it waits for the registrant's confirmation by the link in an e-mail (double
opt-in) and holds no place until then; confirmed, it takes a place or a place on the waiting
list, in the order of confirmation. Its personal fields are emptied a configured number of days
after the event (`purged_at`), so only the counts remain; it keeps no change history (a copy
of the personal data would outlive the deletion). A `Notice` is the planner's message to the
registrants when an event is cancelled, with optional files (`NoticeFile`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kek.committees.models import Location
from kek.core.history import History
from kek.regions.models import Region


class EventKind(models.TextChoices):
    DISCUSSION_FORUM = "diskussionsforum", "Diskussionsforum"
    REGIONAL_FORUM = "regionalforum", "Regionalforum"
    WORKSHOP = "workshop", "Workshop"
    WORKING_GROUP = "ag_sitzung", "AG-Sitzung"


class EventState(models.TextChoices):
    PLANNED = "geplant", "geplant"
    CANCELLED = "abgesagt", "abgesagt"
    POSTPONED = "verschoben", "verschoben"
    HELD = "durchgefuehrt", "durchgeführt"


class Event(models.Model):
    """Veranstaltung."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    kind = models.CharField("Art", max_length=20, choices=EventKind.choices)
    title = models.CharField("Titel", max_length=200)
    start = models.DateTimeField("Beginn")
    end = models.DateTimeField("Ende", null=True, blank=True)
    location = models.ForeignKey(
        Location,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="Ort",
    )
    text = models.TextField("Beschreibung", blank=True, help_text="Einfacher Text, ohne HTML.")
    registration = models.BooleanField(
        "Mit Anmeldung", default=True, help_text="Ob man sich über die Website anmelden kann."
    )
    capacity = models.PositiveIntegerField(
        "Plätze", null=True, blank=True, help_text="Leer: ohne Begrenzung."
    )
    registration_opens = models.DateTimeField(
        "Anmeldung ab", null=True, blank=True, help_text="Leer: ab sofort."
    )
    registration_closes = models.DateTimeField(
        "Anmeldung bis", null=True, blank=True, help_text="Leer: bis zum Beginn."
    )
    state = models.CharField(
        "Stand", max_length=20, choices=EventState.choices, default=EventState.PLANNED
    )
    reason = models.TextField(
        "Grund",
        blank=True,
        help_text="Bei einer abgesagten oder verschobenen Veranstaltung: warum (öffentlich).",
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Inhalt, der nicht aus den Unterlagen des Landkreises stammt.",
    )
    history = History()
    # Free places (None: no limit), set on the events a public view shows (views.with_free).
    free: int | None

    class Meta:
        ordering = ["region", "start", "id"]
        verbose_name = "Veranstaltung"
        verbose_name_plural = "Veranstaltungen"

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.start):%d.%m.%Y})"

    @property
    def cancelled(self) -> bool:
        return self.state == EventState.CANCELLED

    @property
    def shown_location(self) -> Location | None:
        """The place, unless it was deleted."""
        location = self.location if self.location_id else None
        return location if location is not None and not location.deleted else None

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        """Whether the form takes registrations now: a planned event with registration,
        inside its window (at the latest until it begins)."""
        now = now or timezone.now()
        closes = self.registration_closes or self.start
        return (
            self.registration
            and self.state == EventState.PLANNED
            and (self.registration_opens is None or self.registration_opens <= now)
            and now < min(closes, self.start)
        )

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.end and self.start and self.end <= self.start:
            errors["end"] = "Das Ende liegt vor dem Beginn."
        opens, closes = self.registration_opens, self.registration_closes
        if opens and closes and closes <= opens:
            errors["registration_closes"] = "Die Anmeldung endet, bevor sie beginnt."
        if self.state in (EventState.CANCELLED, EventState.POSTPONED) and not self.reason.strip():
            errors["reason"] = "Bitte den Grund der Absage oder Verschiebung angeben."
        location = self.location if self.location_id else None
        if location is not None and self.region_id and location.body.region_id != self.region_id:
            errors["location"] = "Dieser Ort gehört zu einem anderen Landkreis."
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    PENDING = "unbestaetigt", "unbestätigt"
    REGISTERED = "angemeldet", "angemeldet"
    WAITING = "warteliste", "auf der Warteliste"
    CANCELLED = "abgemeldet", "abgemeldet"


class Registration(models.Model):
    """Anmeldung: one person's registration for an event (no account needed)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name="Veranstaltung"
    )
    name = models.CharField("Name", max_length=200)
    email = models.EmailField("E-Mail-Adresse", help_text="klein geschrieben gespeichert")
    organisation = models.CharField("Organisation", max_length=200, blank=True)
    status = models.CharField(
        "Stand",
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    # The links in the e-mails are signed (kek.events.tokens) and name this nonce; a new
    # nonce makes every earlier link useless.
    nonce = models.CharField(max_length=32, blank=True)
    consented_at = models.DateTimeField("Einwilligung am")
    created = models.DateTimeField("Angemeldet am", auto_now_add=True)
    link_sent_at = models.DateTimeField("Bestätigungslink gesendet am")
    confirmed_at = models.DateTimeField("Bestätigt am", null=True, blank=True)
    cancelled_at = models.DateTimeField("Abgemeldet am", null=True, blank=True)
    purged_at = models.DateTimeField(
        "Personendaten gelöscht am", null=True, blank=True, db_index=True
    )

    class Meta:
        ordering = ["event", "confirmed_at", "id"]
        verbose_name = "Anmeldung"
        verbose_name_plural = "Anmeldungen"
        constraints = [
            # One registration per address and event while it is not cancelled (privacy: the
            # form does not say so; kek.events.registrations answers the same either way).
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="abgemeldet") & ~Q(email=""),
                name="events_one_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"Anmeldung {self.pk} (gelöscht)"


def notice_file_path(instance: NoticeFile, filename: str) -> str:
    return f"veranstaltungen/nachrichten/{instance.notice.event_id}/{filename}"


class Notice(models.Model):
    """The planner's message to the registrants of a cancelled event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notices", verbose_name="Veranstaltung"
    )
    message = models.TextField("Nachricht")
    created = models.DateTimeField("Angelegt", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Von",
    )
    recipients = models.PositiveIntegerField("Empfänger", default=0)
    history = History()

    class Meta:
        ordering = ["event", "created", "id"]
        verbose_name = "Nachricht an die Angemeldeten"
        verbose_name_plural = "Nachrichten an die Angemeldeten"

    def __str__(self) -> str:
        return f"Nachricht zu {self.event}"


class NoticeFile(models.Model):
    """A file sent with a notice (e.g. the papers of a cancelled forum)."""

    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="files", verbose_name="Nachricht"
    )
    file = models.FileField("Datei", upload_to=notice_file_path, max_length=300)
    history = History()

    class Meta:
        ordering = ["notice", "id"]
        verbose_name = "Datei einer Nachricht"
        verbose_name_plural = "Dateien von Nachrichten"

    def __str__(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]
