"""The participation phase of a forum, a proposal box or a survey (F21–F23): open from/until.

Outside the phase everything stays readable and nothing is writable; the views ask
`phase.is_open()` before every write and the templates show `phase.phase_label`."""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

BEFORE = "before"
OPEN = "open"
CLOSED = "closed"

LABELS = {
    BEFORE: "Beteiligung noch nicht eröffnet",
    OPEN: "Beteiligung offen",
    CLOSED: "Beteiligung beendet",
}


class ParticipationPhase(models.Model):
    """Abstract: `opens_at`/`closes_at`; empty means "since ever" / "without end"."""

    opens_at = models.DateTimeField("Beteiligung offen ab", null=True, blank=True)
    closes_at = models.DateTimeField("Beteiligung offen bis", null=True, blank=True)

    class Meta:
        abstract = True

    def phase(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.opens_at is not None and now < self.opens_at:
            return BEFORE
        if self.closes_at is not None and now >= self.closes_at:
            return CLOSED
        return OPEN

    def is_open(self, now: datetime | None = None) -> bool:
        return self.phase(now) == OPEN

    @property
    def phase_label(self) -> str:
        return LABELS[self.phase()]
