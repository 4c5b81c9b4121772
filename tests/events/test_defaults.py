"""The default events (data/nordsachsen/events.yaml): the three regional forums of November
2020, cancelled with the reason of the process timeline, their places as the district's
committee Locations; idempotent; a bad file is refused with file, line and field."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kek.committees.models import Location
from kek.core.defaults import load_defaults
from kek.core.fileio import FileError
from kek.events.models import Event

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")
REASON = (
    "Wegen der Pandemie abgesagt. Die Angemeldeten erhielten die Unterlagen und konnten "
    "Rückmeldungen geben."
)


def test_the_three_forums_of_november_2020(nordsachsen):
    forums = list(Event.objects.filter(region=nordsachsen).order_by("start"))
    assert [(e.title, e.start, e.end, e.state, e.reason, e.kind) for e in forums] == [
        ("Regionales Diskussionsforum in Eilenburg", datetime(2020, 11, 2, 18, tzinfo=BERLIN),
         datetime(2020, 11, 2, 20, tzinfo=BERLIN), "abgesagt", REASON, "regionalforum"),
        ("Regionales Diskussionsforum in Collm", datetime(2020, 11, 7, 18, tzinfo=BERLIN),
         datetime(2020, 11, 7, 20, tzinfo=BERLIN), "abgesagt", REASON, "regionalforum"),
        ("Regionales Diskussionsforum in Torgau", datetime(2020, 11, 10, 18, tzinfo=BERLIN),
         datetime(2020, 11, 10, 20, tzinfo=BERLIN), "abgesagt", REASON, "regionalforum"),
    ]  # fmt: skip
    places = [(e.location.description, e.location.locality) for e in forums]
    assert places == [("Bürgerhaus", "Eilenburg"), ("Café Wach mit Kirche", "Collm bei Oschatz"),
                      ("Haus der Presse", "Torgau")]  # fmt: skip
    assert all(e.location.body.region == nordsachsen for e in forums)
    assert all(e.capacity is None and not e.is_example for e in forums)  # nothing invented


def test_loading_again_changes_nothing(nordsachsen):
    before = (Event.objects.count(), Location.objects.count())
    summaries = load_defaults().summaries
    assert "Veranstaltungen: schon vorhanden, unverändert." in summaries
    assert (Event.objects.count(), Location.objects.count()) == before


def test_a_new_district_finds_existing_places(nordsachsen, folder):
    Event.objects.all().delete()
    before = Location.objects.count()
    assert "Veranstaltungen: 3 angelegt." in load_defaults(folder).summaries
    assert Location.objects.count() == before  # found by description and locality


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("start: 2020-11-07 18:00", "start: 7.11.2020", 19, "ist kein Zeitpunkt"),
        ("kind: regionalforum\n    start: 2020-11-10", "kind: party\n    start: 2020-11-10", 25,
         "„party“ ist keine Art"),
        ("end: 2020-11-02 20:00", "end: 2020-11-02 17:00", 11, "Das Ende liegt vor dem Beginn."),
        ("    state: abgesagt\n    reason: &forums", "    state: abgesagt\n    farbe: rot\n"
         "    reason: &forums", 14, "farbe"),
    ],
)  # fmt: skip
def test_a_bad_file_names_line_and_field_and_changes_nothing(
    nordsachsen, folder, old, new, line, message
):
    Event.objects.all().delete()
    path = folder / "events.yaml"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FileError) as failed:
        load_defaults(folder)
    text = str(failed.value)
    assert "events.yaml" in text and f"Zeile {line}" in text and message in text
    assert not Event.objects.exists()
