"""iCalendar (RFC 5545) files with the `icalendar` library, shared by the apps that publish
dates (committees' meetings, events): the calendar around their VEVENTs, and the download."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from icalendar import Calendar
from icalendar import Event as VEvent


def calendar(events: Iterable[VEvent], name: str, product: str) -> bytes:
    """A calendar named `name` with `events`, in the site's time zone."""
    cal = Calendar()
    cal.add("prodid", product)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_response(content: bytes, filename: str, private: bool = False) -> HttpResponse:
    """The file as a download; `private` keeps it out of shared caches."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, no_store=True)
    return response
