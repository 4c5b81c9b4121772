"""Issue 12: the OParl 1.1 API of a district (`/oparl/v1/`), crawled from its System object.

Every object it serves validates against the OParl schemas and follows the list, date and
deletion rules (tests/oparl/crawl.py); non-public meetings, agenda items and files never
appear; deleted objects are listed only for `modified_since`; filters stay in every link; bad
requests get an OParl Error object with a German message; list pages take the same number of
queries however many meetings there are."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kek.committees.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

from .crawl import crawl

pytestmark = pytest.mark.django_db
ROOT = "http://testserver/oparl/v1"
SECRET = "Nichtöffentliche Personalsache"
BERLIN = dt.timezone(dt.timedelta(hours=1))


def fetch_with(client):
    def fetch(url: str):
        response = client.get(url.removeprefix("http://testserver"))
        headers = dict(response.headers)
        is_json = response.get("Content-Type", "").startswith("application/json")
        body = json.loads(response.content) if is_json else None
        if hasattr(response, "streaming_content"):
            # Read, not close(): closing fires request_finished, which on PostgreSQL closes
            # the test's database connection.
            b"".join(response.streaming_content)
        return response.status_code, headers, body

    return fetch


def get(client, path: str, **query) -> tuple[int, dict]:
    response = client.get(f"/oparl/v1{path}", query)
    return response.status_code, json.loads(response.content)


@pytest.fixture
def body(nordsachsen):
    found, _ = Body.objects.get_or_create(
        region=nordsachsen, defaults={"name": "Landkreis Nordsachsen"}
    )
    return found


@pytest.fixture
def world(body):
    """A committee with a member, a public and a non-public meeting, a paper with its
    consultation in the public meeting, files of both kinds, a deleted organization."""
    kreistag = Organization.objects.create(body=body, name="Kreistag (API-Test)")
    person = Person.objects.create(body=body, given_name="Erika", family_name="Muster")
    Membership.objects.create(person=person, organization=kreistag, role="Mitglied")
    place = Location.objects.create(body=body, description="Landratsamt, Torgau")
    start = dt.datetime(2021, 3, 24, 17, 0, tzinfo=BERLIN)
    invitation = File.objects.create(
        body=body, name="Einladung", file=ContentFile(b"%PDF-1.4 test", name="einladung.pdf")
    )
    secret_file = File.objects.create(body=body, name=SECRET, public=False)
    meeting = Meeting.objects.create(
        body=body, name="Sitzung des Kreistags", start=start, location=place,
        invitation=invitation,
    )  # fmt: skip
    meeting.organizations.add(kreistag)
    meeting.auxiliary_files.add(secret_file)
    meeting.save()
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, name="Kreisentwicklungskonzept", result="beschlossen"
    )
    AgendaItem.objects.create(meeting=meeting, order=2, name=SECRET, public=False)
    hidden = Meeting.objects.create(body=body, name=SECRET, start=start, public=False)
    hidden.organizations.add(kreistag)
    hidden.save()
    paper = Paper.objects.create(body=body, name="KEK Nordsachsen 2030", reference="2021/1")
    Consultation.objects.create(paper=paper, agenda_item=item, authoritative=True)
    gone = Organization.objects.create(body=body, name="Aufgelöste Runde", deleted=True)
    return {"kreistag": kreistag, "meeting": meeting, "hidden": hidden, "gone": gone,
            "invitation": invitation, "item": item}  # fmt: skip


def test_the_whole_api_follows_the_rules(client, world):
    result = crawl(fetch_with(client), f"{ROOT}/system")
    assert result.problems == []
    kinds = {obj["type"].rsplit("/", 1)[-1] for obj in result.objects.values()}
    assert {"System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem",
            "Paper", "Consultation", "File", "Location"} <= kinds  # fmt: skip
    assert f"{ROOT}/agendaItem/{world['item'].pk}" in result.objects  # embedded, and at its URL


def test_non_public_things_never_appear(client, world):
    result = crawl(fetch_with(client), f"{ROOT}/system")
    assert SECRET not in json.dumps(result.objects, ensure_ascii=False)
    assert SECRET not in json.dumps(result.pages, ensure_ascii=False)
    status, answer = get(client, f"/meeting/{world['hidden'].pk}")
    assert status == 404 and answer["type"] == "https://schema.oparl.org/1.1/Error"


def test_a_deleted_object_is_listed_only_for_modified_since(client, world, body):
    gone = f"{ROOT}/organization/{world['gone'].pk}"
    _, page = get(client, f"/body/{body.pk}/organization")
    assert gone not in {o["id"] for o in page["data"]}
    _, page = get(
        client, f"/body/{body.pk}/organization", modified_since="2000-01-01T00:00:00+01:00"
    )
    listed = {o["id"]: o for o in page["data"]}
    assert listed[gone]["deleted"] is True and "name" not in listed[gone]
    status, own = get(client, f"/organization/{world['gone'].pk}")
    assert status == 200 and own["deleted"] is True


def test_pages_hold_at_most_100_and_keep_the_filters(client, body):
    Organization.objects.bulk_create(
        Organization(body=body, name=f"Ausschuss {n}") for n in range(120)
    )
    since = "2000-01-01T00:00:00+01:00"
    _, first = get(client, f"/body/{body.pk}/organization", created_since=since)
    assert (
        len(first["data"]) == 100
        and "created_since=2000-01-01T00%3A00%3A00%2B01%3A00" in (first["links"]["next"])
    )
    second = client.get(first["links"]["next"].removeprefix("http://testserver")).json()
    assert "next" not in second["links"] and second["pagination"]["currentPage"] == 2
    assert {o["id"] for o in first["data"]}.isdisjoint({o["id"] for o in second["data"]})


def test_a_bad_request_gets_a_german_error_object(client, body):
    status, answer = get(client, f"/body/{body.pk}/meeting", modified_since="gestern")
    assert status == 400
    assert answer["type"] == "https://schema.oparl.org/1.1/Error"
    assert answer["message"].startswith("Der Parameter modified_since erwartet einen Zeitpunkt")
    status, answer = get(client, "/gibt-es-nicht/7")
    assert status == 404 and "Objekttyp" in answer["message"]


def test_answers_allow_every_origin_and_files_come_inline_or_as_attachment(client, world):
    response = client.get("/oparl/v1/system")
    assert response["Access-Control-Allow-Origin"] == "*"
    _, file = get(client, f"/file/{world['invitation'].pk}")
    inline = client.get(file["accessUrl"].removeprefix("http://testserver"))
    attached = client.get(file["downloadUrl"].removeprefix("http://testserver"))
    assert inline["Content-Disposition"].startswith("inline")
    assert attached["Content-Disposition"].startswith("attachment")
    assert b"".join(attached.streaming_content) == b"%PDF-1.4 test"
    inline.close()
    attached.close()


def test_a_meeting_list_takes_the_same_queries_however_many_meetings(client, world, body):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/oparl/v1/body/{body.pk}/meeting").status_code == 200
        return len(captured)

    queries()  # the first request fills caches (site, content types)
    few = queries()
    for n in range(15):
        meeting = Meeting.objects.create(
            body=body, name=f"Sitzung {n}", start=dt.datetime(2022, 1, n + 1, tzinfo=BERLIN)
        )
        meeting.organizations.add(world["kreistag"])
        meeting.save()
        AgendaItem.objects.create(meeting=meeting, order=1, name="Bericht")
    assert queries() == few


def test_a_meeting_whose_hour_is_unknown_has_no_invented_start(client, body):
    day = Meeting.objects.create(
        body=body, name="Erste Sitzung", start=dt.datetime(2019, 6, 3, tzinfo=BERLIN),
        start_time_known=False,
    )  # fmt: skip
    timed = Meeting.objects.create(
        body=body, name="Kreistag", start=dt.datetime(2021, 3, 24, 17, tzinfo=BERLIN)
    )
    assert "start" not in get(client, f"/meeting/{day.pk}")[1]
    assert get(client, f"/meeting/{timed.pk}")[1]["start"] == "2021-03-24T17:00:00+01:00"
