"""An event as iCalendar (RFC 5545, kek.core.ical): a cancelled event with STATUS:CANCELLED
and "Abgesagt" in its title."""

from __future__ import annotations

from django.utils import timezone
from icalendar import Event as VEvent

from kek.core import ical

from .models import Event, EventState

PRODUCT = "-//KEK//Veranstaltungen//DE"
STATUS = {EventState.CANCELLED: "CANCELLED", EventState.POSTPONED: "TENTATIVE"}


def vevent(event: Event, url: str, host: str) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"veranstaltung-{event.pk}@{host}")
    entry.add("dtstamp", timezone.now())
    prefix = {EventState.CANCELLED: "Abgesagt: ", EventState.POSTPONED: "Verschoben: "}
    entry.add("summary", prefix.get(event.state, "") + event.title)  # type: ignore[call-overload]
    entry.add("dtstart", timezone.localtime(event.start))
    if event.end:
        entry.add("dtend", timezone.localtime(event.end))
    entry.add("status", STATUS.get(event.state, "CONFIRMED"))  # type: ignore[call-overload]
    if event.shown_location:
        entry.add("location", ", ".join(event.shown_location.lines))
    lines = [event.get_kind_display()]
    if event.reason and event.state in STATUS:
        lines.append(f"{event.get_state_display().capitalize()}: {event.reason}")
    if event.text:
        lines.append(event.text)
    if url:
        entry.add("url", url)
        lines.append(url)
    entry.add("description", "\n\n".join(lines))
    return entry


def event_calendar(event: Event, url: str, host: str = "") -> bytes:
    host = host or (url.split("/")[2] if url.count("/") >= 2 else "kek")
    return ical.calendar([vevent(event, url, host)], event.title, PRODUCT)
