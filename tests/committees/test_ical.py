"""The iCalendar downloads, parsed back with the icalendar library."""

from datetime import date

import pytest
from django.utils import timezone
from icalendar import Calendar

from kek.committees.models import Meeting

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_a_meetings_entry_has_its_time_place_agenda_and_address(client, world):
    response = client.get(f"/sitzungen/{world.meeting.pk}/ical/")
    assert (
        response["Content-Disposition"] == f'attachment; filename="sitzung-{world.meeting.pk}.ics"'
    )
    events = parse(response).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Sitzung des Ausschusses"
    assert event.decoded("dtstart") == timezone.localtime(world.meeting.start).replace(
        microsecond=event.decoded("dtstart").microsecond
    )
    assert str(event["location"]) == "Landratsamt, Großer Saal, Torgau"
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["url"]) == f"http://testserver/sitzungen/{world.meeting.pk}/"
    description = str(event["description"])
    assert "Gremium: Ausschuss für Kreisentwicklung" in description
    assert "1 Eröffnung (zur Kenntnis genommen)" in description
    assert str(event["uid"]) == f"sitzung-{world.meeting.pk}@testserver"


def test_the_feed_has_every_public_meeting_and_marks_cancelled_ones(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(cancelled=True)
    calendar = parse(client.get("/sitzungen/ical/"))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert "Abgesagt: Sitzung des Ausschusses" in events
    assert str(events["Abgesagt: Sitzung des Ausschusses"]["status"]) == "CANCELLED"
    assert not any("Klausur" in name for name in events)  # non-public
    # The defaults: days without a known time are all-day entries.
    adoption = [e for e in calendar.walk("VEVENT") if e.decoded("dtstart") == date(2021, 3, 24)]
    assert len(adoption) == 1
    assert "Kreisentwicklungskonzept Nordsachsen 2030 (unverändert beschlossen)" in str(
        adoption[0]["description"]
    )
    assert adoption[0].decoded("dtend") == date(2021, 3, 25)
    assert str(calendar["x-wr-calname"]) == "Sitzungen – Landkreis Nordsachsen"


def test_a_meeting_without_a_date_has_no_calendar_entry(client, world):
    meeting = Meeting.objects.create(body=world.body, name="Noch offen")
    assert client.get(f"/sitzungen/{meeting.pk}/ical/").status_code == 404
    assert b"Noch offen" not in client.get("/sitzungen/ical/").content
