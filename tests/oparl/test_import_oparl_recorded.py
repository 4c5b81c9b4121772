"""Issue 12: `kek import-oparl` reads a district's committees from a recorded OParl 1.1 server
(tests/oparl/recorded.py): the first run creates everything, a second one changes nothing, a
later one asks only for changes (`modified_since`) and takes over deletions; --organization
limits the import; a malformed answer changes nothing and names the URL and the field;
--dry-run writes nothing; what was imported, our own API serves by the rules."""

import copy
import datetime as dt
import json

import pytest
from django.core.management import CommandError

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
from kek.oparl.importing import Recording
from kek.oparl.models import OParlImport

from . import recorded
from .crawl import crawl
from .test_api import fetch_with

pytestmark = pytest.mark.django_db
R = "https://ris.example/oparl"
MODELS = (Organization, Person, Membership, Meeting, AgendaItem, Location, Paper, Consultation,
          File, OParlImport)  # fmt: skip


def counts() -> dict:
    return {m.__name__: m.objects.count() for m in MODELS} | {
        "body_ids": list(Body.objects.values_list("oparl_id", flat=True))
    }


@pytest.fixture
def server(tmp_path):
    return recorded.write(tmp_path, recorded.build())


@pytest.fixture
def run(kek, nordsachsen, capsys):
    def run(source, *args):
        kek("import-oparl", str(source), "--district", "14730", *args)
        return capsys.readouterr().out

    return run


def imported(model, number: int):
    kind = model.__name__[0].lower() + model.__name__[1:]
    return model.objects.get(oparl_id=f"{R}/{kind}/{number}")


def test_the_first_run_creates_everything_with_its_fields(run, server):
    out = run(server)
    body = Body.objects.get(region__ags="14730")
    assert body.oparl_id == f"{R}/body/1"
    kreistag, ake = imported(Organization, 10), imported(Organization, 11)
    assert (kreistag.name, kreistag.short_name, kreistag.classification) == (
        "Kreistag Nordsachsen", "KT", "Kreistag")  # fmt: skip
    assert kreistag.start_date == dt.date(2019, 6, 1) and ake.sub_organization_of == kreistag
    erika = imported(Person, 20)
    assert (erika.name, erika.title, erika.form_of_address) == ("Dr. Erika Muster", "Dr.", "Frau")
    chair = imported(Membership, 30)
    assert (chair.person, chair.organization, chair.role) == (erika, kreistag, "Vorsitz")
    assert imported(Membership, 31).voting_right is False
    assert imported(Membership, 31).end_date == dt.date(2024, 5, 31)
    meeting = imported(Meeting, 40)
    assert meeting.start == dt.datetime(2021, 3, 24, 16, 0, tzinfo=dt.UTC)
    assert meeting.meeting_state == "durchgeführt"
    assert list(meeting.organizations.all()) == [kreistag]
    assert meeting.location == imported(Location, 50)
    assert meeting.location.street_address == "Schloßstraße 27"
    assert meeting.invitation.access_url == "https://ris.example/dateien/60/einladung.pdf"
    assert not meeting.invitation.file  # the content is not downloaded
    item = imported(AgendaItem, 70)
    assert (item.meeting, item.number, item.order, item.result) == (
        meeting, "7", 1, "unverändert beschlossen")  # fmt: skip
    assert [f.access_url for f in item.auxiliary_files.all()] == ["https://ris.example/dateien/61"]
    paper = imported(Paper, 80)
    assert (paper.reference, paper.date, paper.paper_type) == (
        "2021/037", dt.date(2021, 2, 15), "Beschlussvorlage")  # fmt: skip
    assert paper.main_file.file_name == "vorlage-2021-037.pdf"
    assert list(paper.under_direction_of.all()) == [kreistag]
    consultation = imported(Consultation, 90)
    assert (consultation.paper, consultation.agenda_item, consultation.meeting) == (
        paper, item, meeting)  # fmt: skip
    assert consultation.authoritative and list(consultation.organizations.all()) == [kreistag]
    assert "Gremien: 2 angelegt, 0 geändert, 0 gelöscht, 0 unverändert" in out
    assert "Sitzungen: Seite 2 von 2 …" in out
    assert OParlImport.objects.get().summary.startswith("Gremien: 2 angelegt")


def test_a_second_run_changes_nothing_and_says_so(run, server):
    run(server)
    before = {m.__name__: list(m.history.values_list("pk", flat=True)) for m in MODELS[:-1]}
    out = run(server)
    assert "Keine Änderungen." in out and "0 angelegt, 0 geändert" in out
    assert before == {m.__name__: list(m.history.values_list("pk", flat=True)) for m in MODELS[:-1]}
    assert OParlImport.objects.count() == 2


def test_a_later_run_asks_for_changes_only_and_takes_over_deletions(
    run, server, tmp_path, monkeypatch
):
    run(server)
    data = recorded.fixture()
    lists = data["lists"]
    gone = lists["meeting"][1]
    paper = lists["paper"][0] | {"name": "KEK Nordsachsen 2030 (geändert)"}
    kept = lists["meeting"][0]
    kept["agendaItem"] = kept["agendaItem"][:1]  # item 71 is gone from the meeting
    lists |= {
        "organization": [], "person": [],
        "meeting": [kept, {"id": gone["id"], "type": gone["type"], "created": gone["created"],
                     "modified": "2021-04-01T09:00:00+01:00", "deleted": True}],
        "paper": [paper],
    }  # fmt: skip
    later = Recording(**recorded.build(data))
    monkeypatch.setattr(Recording, "read", classmethod(lambda cls, path: later))
    out = run(server)
    since = OParlImport.objects.order_by("started_at").first().started_at
    assert any("modified_since=" in url for url in later.asked)
    asked = [u for u in later.asked if u.startswith(f"{R}/body/1/meeting")]
    assert "modified_since=" in asked[0]  # the next pages are the server's links
    assert since.astimezone().strftime("%Y-%m-%dT%H") in json.dumps(asked).replace("%3A", ":")
    assert imported(Meeting, 41).deleted and not imported(Meeting, 40).deleted
    assert imported(AgendaItem, 71).deleted and not imported(AgendaItem, 70).deleted
    assert "Tagesordnungspunkte: 0 angelegt, 0 geändert, 1 gelöscht, 1 unverändert" in out
    assert imported(Paper, 80).name == "KEK Nordsachsen 2030 (geändert)"
    assert "Sitzungen: 0 angelegt, 0 geändert, 1 gelöscht, 1 unverändert" in out
    assert "Vorlagen: 0 angelegt, 1 geändert" in out


def test_organization_limits_the_import_to_its_meetings_papers_and_members(run, server):
    run(server, "--organization", "Ausschuss für Kreisentwicklung")
    body = Body.objects.get(region__ags="14730")
    ours = {m: set(m.objects.filter(body=body).exclude(oparl_id="").values_list(
        "oparl_id", flat=True)) for m in (Organization, Person, Meeting, Paper)}  # fmt: skip
    assert ours == {
        Organization: {f"{R}/organization/11"},
        Person: {f"{R}/person/21"},
        Meeting: {f"{R}/meeting/41"},
        Paper: {f"{R}/paper/81"},
    }
    assert imported(Organization, 11).sub_organization_of is None


def test_an_unknown_organization_is_refused(run, server):
    before = counts()
    with pytest.raises(CommandError, match="kein Gremium namens gibt-es-nicht"):
        run(server, "--organization", "gibt-es-nicht")
    assert counts() == before


def broken(tmp_path, change) -> tuple:
    recording = recorded.build()
    url = change(recording["responses"])
    return recorded.write(tmp_path, recording, "broken.json"), url


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param(
            lambda r: r[f"{R}/body/1/meeting?page=2"]["data"][0]["agendaItem"][0].pop("type"),
            "„type“",
            id="no-type",
        ),  # fmt: skip
        pytest.param(
            lambda r: r[f"{R}/body/1/meeting?page=2"]["data"][0].pop("id"), "„id“", id="no-id"
        ),  # fmt: skip
        pytest.param(
            lambda r: r[f"{R}/body/1/meeting?page=2"]["data"][0].update(type=f"{recorded.T}Paper"),
            "„type“",
            id="wrong-type",
        ),  # fmt: skip
        pytest.param(
            lambda r: r[f"{R}/body/1/meeting?page=2"].pop("data"), "„data“", id="list-without-data"
        ),  # fmt: skip
        pytest.param(
            lambda r: r[f"{R}/body/1/meeting?page=2"]["data"][0].update(start="morgen"),
            "„start“",
            id="bad-date",
        ),  # fmt: skip
        pytest.param(
            lambda r: r.update({f"{R}/body/1/meeting?page=2": "{kein json"}),
            "kein gültiges JSON",
            id="bad-json",
        ),  # fmt: skip
    ],
)
def test_a_malformed_answer_changes_nothing_and_names_url_and_field(run, tmp_path, change, field):
    path, _ = broken(tmp_path, change)
    before = counts()
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert f"{R}/body/1/meeting?page=2" in message and field in message
    assert "Nichts wurde geändert" in message
    assert counts() == before


def test_a_dry_run_writes_nothing(run, server):
    before = counts()
    out = run(server, "--dry-run")
    assert "Probelauf, nichts wurde gespeichert" in out and "Sitzungen: 2 angelegt" in out
    assert counts() == before


def test_a_body_url_and_a_missing_source_work_as_expected(run, tmp_path):
    recording = recorded.build()
    recording["start"] = f"{R}/body/1"
    run(recorded.write(tmp_path, recording))
    assert imported(Meeting, 40).name == "4. Sitzung des Kreistags"
    with pytest.raises(CommandError, match="weder eine Adresse"):
        run(tmp_path / "fehlt.json")


def test_what_was_imported_our_own_api_serves_by_the_rules(run, server, client):
    run(server)
    result = crawl(fetch_with(client), "http://testserver/oparl/v1/system")
    assert result.problems == []
    names = {obj.get("name") for obj in result.objects.values()}
    assert {"Kreistag Nordsachsen", "4. Sitzung des Kreistags", "Dr. Erika Muster"} <= names
    files = [o for o in result.objects.values() if o["type"].endswith("/File")]
    assert "https://ris.example/dateien/62" in {f["accessUrl"] for f in files}


def test_the_recording_is_not_changed_by_the_import():
    recording = Recording(**recorded.build())
    first = recording(f"{R}/system")
    first["body"] = "x"
    assert recording(f"{R}/system")["body"] == f"{R}/body"
    assert recording.asked == [f"{R}/system", f"{R}/system"]
    assert copy.deepcopy(recording.responses) == recorded.build()["responses"]
