"""Meetings as iCalendar (RFC 5545) with the `icalendar` library: one event per meeting, a
cancelled meeting with STATUS:CANCELLED and "abgesagt" in its title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone
from icalendar import Event as VEvent

from kek.core import ical

PRODUCT = "-//KEK//Sitzungskalender//DE"


@dataclass
class Event:
    meeting: Any
    items: list[Any]  # the agenda items the reader may see
    url: str


def summary(meeting: Any) -> str:
    return f"Abgesagt: {meeting.name}" if meeting.cancelled else meeting.name


def event(entry: Event, host: str) -> VEvent:
    meeting = entry.meeting
    vevent = VEvent()
    vevent.add("uid", f"sitzung-{meeting.pk}@{host}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("summary", summary(meeting))
    start = timezone.localtime(meeting.start)
    if meeting.start_time_known:
        vevent.add("dtstart", start)
        if meeting.end:
            vevent.add("dtend", timezone.localtime(meeting.end))
    else:
        vevent.add("dtstart", start.date())
        vevent.add("dtend", start.date() + timedelta(days=1))
    vevent.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    if meeting.shown_location:
        vevent.add("location", ", ".join(meeting.shown_location.lines))
    vevent.add("url", entry.url)
    lines = []
    organizations = ", ".join(o.name for o in meeting.organizations.all())
    if organizations:
        lines.append(f"Gremium: {organizations}")
    if meeting.cancelled:
        lines.append("Die Sitzung ist abgesagt.")
    if entry.items:
        lines.append("Tagesordnung:")
        for item in entry.items:
            number = f"{item.number} " if item.number else "– "
            result = f" ({item.result})" if item.result else ""
            lines.append(f"{number}{item.name}{result}")
    lines.append(entry.url)
    vevent.add("description", "\n".join(lines))
    if meeting.modified:
        vevent.add("last-modified", meeting.modified)
    return vevent


def calendar(events: list[Event], name: str, host: str) -> bytes:
    return ical.calendar((event(entry, host) for entry in events), name, PRODUCT)
