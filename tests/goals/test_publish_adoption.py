""" "Veröffentlichen …" asks for the adoption: an agenda item of the district with a result
(imported or recorded earlier, newest first), or a new one from date, committee, TOP, result
and Beschlussnummer, recorded as an agenda item (F19, issue 12)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kek.committees.models import AgendaItem, Meeting
from kek.committees.resolutions import record_resolution
from kek.goals.models import Concept
from kek.goals.versions import new_version

from ..regions.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(concept, planner):
    return new_version(concept, planner)


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


def url(concept: Concept) -> str:
    return reverse("kek_publish_version", args=[concept.pk])


def options(page: str) -> list[str]:
    select = page.split('name="adoption"')[1].split("</select>")[0]
    return [re.sub(r"\s+", " ", o).strip() for o in re.findall(r"<option[^>]*>([^<]*)", select)]


def test_the_form_offers_the_districts_resolutions_newest_first(planner_client, draft):
    record_resolution(
        draft.region, "Kreistag", dt.date(2026, 11, 30), "Fortschreibung KEK", "", "6"
    )
    record_resolution(RegionFactory(), "Kreistag", dt.date(2026, 12, 1), "Anderer Landkreis")
    page = planner_client.get(url(draft)).content.decode()
    assert options(page) == [
        "– keiner, neuen Beschluss eintragen –",
        "30.11.2026, Kreistag, TOP 6: Fortschreibung KEK (beschlossen)",
        "30.06.2021, Kreistag: Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030 "
        "(beschlossen)",
        "24.03.2021, Kreistag: Kreisentwicklungskonzept Nordsachsen 2030 (unverändert beschlossen)",
    ]
    for name in ("adopted_on", "adopted_by", "top", "result", "resolution_number"):
        assert f'name="{name}"' in page


def test_publishing_with_an_existing_agenda_item(planner_client, draft):
    item = record_resolution(draft.region, "Kreistag", dt.date(2026, 11, 30), "Fortschreibung KEK")
    before = AgendaItem.objects.count()
    response = planner_client.post(url(draft), {"confirm": "on", "adoption": item.pk})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_current and draft.adoption == item
    assert AgendaItem.objects.count() == before
    assert draft.history.first().adoption_id == item.pk  # recorded in its history


def test_publishing_with_a_new_resolution_records_it(planner_client, draft):
    response = planner_client.post(
        url(draft),
        {"confirm": "on", "adopted_on": "2026-11-30", "adopted_by": "Kreistag", "top": "8",
         "result": "mit Änderungen beschlossen", "resolution_number": "KT/2026/17"},
    )  # fmt: skip
    assert response.status_code == 302
    draft.refresh_from_db()
    item = draft.adoption
    assert (item.name, item.number, item.result) == (
        "KEK Nordsachsen 2030, Version 2", "8", "mit Änderungen beschlossen",
    )  # fmt: skip
    assert timezone.localtime(item.meeting.start).date() == dt.date(2026, 11, 30)
    assert (draft.adopted_on, draft.adopted_by, draft.resolution_number) == (
        dt.date(2026, 11, 30), "Kreistag", "KT/2026/17",
    )  # fmt: skip
    page = planner_client.get("/versionen/2/").content.decode()
    assert "mit Änderungen beschlossen am" in page and "(TOP 8)" in page


def test_a_new_resolution_on_a_known_meeting_day_joins_that_meeting(planner_client, draft):
    planner_client.post(
        url(draft), {"confirm": "on", "adopted_on": "2021-06-30", "adopted_by": "Kreistag"}
    )
    draft.refresh_from_db()
    assert Meeting.objects.filter(body__region=draft.region, start__date="2021-06-30").count() == 1
    assert draft.adoption.meeting.agenda_items.count() == 2
    assert draft.adoption.result == "beschlossen"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"adopted_by": "Kreistag"}, "Bitte geben Sie den Beschluss an"),
        ({"adoption": "pick", "adopted_on": "2026-11-30"}, "nicht beides"),
        ({"adoption": "999999"}, "gültige Auswahl"),
        ({"adopted_on": "2026-02-30", "adopted_by": "Kreistag"}, "gültiges Datum"),
    ],
)
def test_a_bad_adoption_is_refused_and_nothing_changes(planner_client, draft, data, message):
    item = record_resolution(draft.region, "Kreistag", dt.date(2026, 11, 30), "Fortschreibung")
    if data.get("adoption") == "pick":
        data = {**data, "adoption": item.pk}
    before = AgendaItem.objects.count()
    response = planner_client.post(url(draft), {"confirm": "on", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_current and draft.adoption is None
    assert AgendaItem.objects.count() == before


def test_an_agenda_item_of_another_district_is_refused(planner_client, draft):
    other = record_resolution(RegionFactory(), "Kreistag", dt.date(2026, 11, 30), "Anderswo")
    response = planner_client.post(url(draft), {"confirm": "on", "adoption": other.pk})
    assert response.status_code == 400
    draft.refresh_from_db()
    assert not draft.is_current and draft.adoption is None
