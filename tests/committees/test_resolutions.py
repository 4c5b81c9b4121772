"""record_resolution: the one place that records a resolution as an agenda item (F19, issue
12). It finds what exists (the Kreistag's meetings of the defaults), creates what is missing,
and recording the same resolution twice changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.committees.models import AgendaItem, Body, Consultation, Meeting, Organization, Paper
from kek.committees.resolutions import (
    ResolutionError,
    meeting_name,
    record_resolution,
    reference_of,
    with_result,
)

from ..regions.factories import RegionFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 16)


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Body, Organization, Meeting, AgendaItem, Paper))


def test_a_district_without_committees_gets_body_committee_meeting_and_item():
    region = RegionFactory(name="Landkreis Prüfhausen")
    item = record_resolution(region, "Kreistag", DAY, "Radverkehrskonzept", "beschlossen", "7")
    body = Body.objects.get(region=region)
    assert body.name == "Landkreis Prüfhausen"
    meeting = item.meeting
    assert meeting.name == "Sitzung des Kreistags" and meeting.body == body
    assert timezone.localtime(meeting.start).date() == DAY and not meeting.start_time_known
    assert meeting.meeting_state == "durchgeführt" and meeting.public and not meeting.cancelled
    assert [o.name for o in meeting.organizations.all()] == ["Kreistag"]
    assert (item.name, item.result, item.number, item.public) == (
        "Radverkehrskonzept", "beschlossen", "7", True,
    )  # fmt: skip
    assert item.body == body and reference_of(item) == ""


def test_recording_again_changes_nothing():
    region = RegionFactory()
    first = record_resolution(region, "Kreistag", DAY, "Haushalt", "beschlossen", "3", "KT/1")
    before, history = counts(), AgendaItem.history.count()
    again = record_resolution(region, "Kreistag", DAY, "Haushalt", "beschlossen", "3", "KT/1")
    assert again == first
    assert counts() == before and AgendaItem.history.count() == history
    assert Consultation.objects.filter(agenda_item=first).count() == 1


def test_the_defaults_meeting_and_item_are_found(nordsachsen):
    before = counts()
    item = record_resolution(
        nordsachsen, "Kreistag", dt.date(2021, 3, 24), "Kreisentwicklungskonzept Nordsachsen 2030"
    )
    assert counts() == before
    assert item.result == "unverändert beschlossen"  # no result given: the item's stays
    assert item.meeting.name == "Sitzung des Kreistags"


def test_a_second_item_joins_the_same_meeting_after_the_others(nordsachsen):
    day = dt.date(2021, 3, 24)
    known = record_resolution(
        nordsachsen, "Kreistag", day, "Kreisentwicklungskonzept Nordsachsen 2030"
    )
    new = record_resolution(nordsachsen, "Kreistag", day, "Schulnetzplan", "abgelehnt")
    assert new.meeting == known.meeting and new.order > known.order
    assert new.result == "abgelehnt"
    assert Meeting.objects.filter(body__region=nordsachsen, start__date=day).count() == 1


def test_a_given_result_and_top_replace_the_items():
    region = RegionFactory()
    item = record_resolution(region, "Kreistag", DAY, "Haushalt")
    assert item.result == "beschlossen"  # a new item without a result
    again = record_resolution(region, "Kreistag", DAY, "Haushalt", "vertagt", "9")
    item.refresh_from_db()
    assert again == item and (item.result, item.number) == ("vertagt", "9")


def test_another_committee_or_day_is_another_meeting():
    region = RegionFactory()
    a = record_resolution(region, "Kreistag", DAY, "Haushalt")
    b = record_resolution(region, "Kreisausschuss", DAY, "Haushalt")
    c = record_resolution(region, "Kreistag", DAY + dt.timedelta(days=1), "Haushalt")
    assert len({a.meeting_id, b.meeting_id, c.meeting_id}) == 3
    assert b.meeting.name == "Sitzung des Kreisausschusses"
    assert Organization.objects.filter(body__region=region).count() == 2


def test_a_deleted_meeting_is_not_reused():
    region = RegionFactory()
    old = record_resolution(region, "Kreistag", DAY, "Haushalt")
    Meeting.objects.filter(pk=old.meeting_id).update(deleted=True)
    new = record_resolution(region, "Kreistag", DAY, "Haushalt")
    assert new.meeting_id != old.meeting_id


def test_the_resolution_number_is_the_reference_of_the_paper_decided_in_the_item():
    """OParl's AgendaItem has no resolution number: it is the Beschlussvorlage's reference."""
    region = RegionFactory()
    item = record_resolution(region, "Kreistag", DAY, "Haushalt", reference="KT/2024/17")
    paper = Paper.objects.get(body__region=region)
    assert (paper.reference, paper.name, paper.paper_type, paper.date) == (
        "KT/2024/17", "Haushalt", "Beschlussvorlage", DAY,
    )  # fmt: skip
    consultation = Consultation.objects.get(paper=paper)
    assert consultation.agenda_item == item and consultation.meeting == item.meeting
    assert consultation.authoritative and consultation.role == "Entscheidung"
    assert [o.name for o in consultation.organizations.all()] == ["Kreistag"]
    assert reference_of(item) == "KT/2024/17"


@pytest.mark.parametrize(
    ("committee", "name"),
    [
        ("Kreistag", "Sitzung des Kreistags"),
        ("Jugendhilfeausschuss", "Sitzung des Jugendhilfeausschusses"),
        ("Steuerungsgruppe", "Sitzung der Steuerungsgruppe"),
        ("Bürgermeisterrunde", "Sitzung der Bürgermeisterrunde"),
        ("Kreistag Nordsachsen", "Sitzung „Kreistag Nordsachsen“"),
    ],
)
def test_a_new_meetings_name(committee, name):
    assert meeting_name(committee) == name


@pytest.mark.parametrize("missing", ["organization", "name", "date"])
def test_without_committee_subject_or_day_nothing_is_recorded(missing):
    region = RegionFactory()
    values = {"organization": "Kreistag", "name": "Haushalt", "date": DAY} | {
        missing: None if missing == "date" else "  "
    }
    with pytest.raises(ResolutionError, match="Datum, Gremium und Thema"):
        record_resolution(region, **values)
    assert not Body.objects.filter(region=region).exists()


def test_the_choice_of_resolutions_is_the_districts_with_a_result_newest_first(nordsachsen):
    newer = record_resolution(nordsachsen, "Kreistag", dt.date(2024, 1, 10), "Haushalt 2024")
    record_resolution(RegionFactory(), "Kreistag", dt.date(2025, 1, 1), "Anderswo")
    listed = list(with_result(nordsachsen))
    assert listed[0] == newer
    assert [i.name for i in listed[1:]] == [
        "Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030",
        "Kreisentwicklungskonzept Nordsachsen 2030",
    ]
