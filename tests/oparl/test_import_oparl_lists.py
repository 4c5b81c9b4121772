"""Issue 12: `kek import-oparl` reads the body's separate lists of OParl 1.1 (legislative
terms, locations, files, memberships, agenda items, consultations; recorded server
tests/fixtures/oparl/recorded/nordsachsen-lists.json): objects only listed there are imported,
references by URL are resolved from those lists or from the object's own URL, deletions the
lists report for `modified_since` are taken over; a malformed legislative term or a reference
that cannot be resolved changes nothing and names the URL and the field."""

import re

import pytest
from django.core.management import CommandError

from kek.committees.models import (
    AgendaItem,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Person,
)
from kek.oparl.importing import Recording

from . import recorded
from .crawl import crawl
from .schemas import problems
from .test_api import fetch_with
from .test_import_oparl_recorded import MODELS, counts, imported

pytestmark = pytest.mark.django_db
R = "https://ris.example/oparl"
LISTED = (LegislativeTerm, Location, File, Membership, AgendaItem, Consultation)


def lists_fixture() -> dict:
    return recorded.fixture(recorded.WITH_LISTS)


@pytest.fixture
def server(tmp_path):
    return recorded.write(tmp_path, recorded.build(lists_fixture()))


@pytest.fixture
def run(kek, nordsachsen, capsys):
    def run(source, *args):
        kek("import-oparl", str(source), "--district", "14730", *args)
        return capsys.readouterr().out

    return run


def later(monkeypatch, data: dict) -> Recording:
    """The server answers with `data` from now on (the command reads the same file)."""
    answers = Recording(**recorded.build(data))
    monkeypatch.setattr(Recording, "read", classmethod(lambda cls, path: answers))
    return answers


def test_the_recording_is_valid_oparl_but_for_the_references_by_url():
    """Servers give some embedded objects by URL only; the schemas want objects there."""
    responses = recorded.build(lists_fixture())["responses"]
    found = {url: problems(obj) for url, obj in responses.items() if "type" in obj}
    assert len(found) > 20
    by_url = {f"{R}/person/21", f"{R}/meeting/40", f"{R}/meeting/41"}
    assert {url: p for url, p in found.items() if url not in by_url} == {
        url: [] for url in found if url not in by_url
    }
    wrong = [p for url in by_url for p in found[url]]
    assert len(wrong) == 6 and all(f": '{R}/" in p and "not of type 'object'" in p for p in wrong)


def test_legislative_terms_come_from_the_body_and_its_list(run, server):
    out = run(server)
    first, second = imported(LegislativeTerm, 1), imported(LegislativeTerm, 2)
    assert (first.name, str(first.start_date), str(first.end_date)) == (
        "Wahlperiode 2019–2024", "2019-06-01", "2024-05-31")  # fmt: skip
    assert second.name == "Wahlperiode 2024–2029" and second.body == first.body
    assert "Wahlperioden: 2 angelegt" in out
    assert "Wahlperioden: Seite 1 von 2 …" in out


def test_objects_only_in_the_separate_lists_are_imported(run, server):
    out = run(server)
    assert imported(Location, 51).locality == "Delitzsch"
    assert imported(File, 63).access_url == "https://ris.example/dateien/63"
    extra = imported(Membership, 32)
    assert (extra.person, extra.organization.name) == (imported(Person, 21), "Kreistag Nordsachsen")
    other = imported(AgendaItem, 73)
    assert (other.meeting, other.name, other.order) == (imported(Meeting, 41), "Verschiedenes", 2)
    consultation = imported(Consultation, 92)
    assert (consultation.paper.reference, consultation.agenda_item) == (
        "2021/037", imported(AgendaItem, 72))  # fmt: skip
    assert "Tagesordnungspunkte: 4 angelegt" in out and "Beratungen: 3 angelegt" in out


def test_references_by_url_are_resolved_from_the_lists_or_the_objects_address(run, server):
    run(server)
    kreistag, committee = imported(Meeting, 40), imported(Meeting, 41)
    assert kreistag.location == imported(Location, 50)
    assert kreistag.location.street_address == "Schloßstraße 27"
    assert kreistag.invitation == imported(File, 60)
    assert kreistag.invitation.file_name == "einladung.pdf"
    assert committee.results_protocol.access_url == "https://ris.example/dateien/64"
    assert imported(Membership, 31).person == imported(Person, 21)
    assert imported(Membership, 31).voting_right is False
    assert list(committee.agenda_items.values_list("oparl_id", flat=True)) == [
        f"{R}/agendaItem/72", f"{R}/agendaItem/73"]  # fmt: skip


def records() -> dict:
    return {m.__name__: m.history.count() for m in {*MODELS[:-1], *LISTED}}


def test_a_second_run_changes_nothing(run, server):
    run(server)
    before = records()
    out = run(server)
    assert "Keine Änderungen." in out
    assert records() == before


def test_deletions_reported_in_the_lists_are_taken_over(run, server, monkeypatch):
    run(server)
    data = lists_fixture()
    lists = data["lists"]

    def gone(obj: dict) -> dict:
        return {"id": obj["id"], "type": obj["type"], "created": obj["created"],
                "modified": "2021-05-01T09:00:00+01:00", "deleted": True}  # fmt: skip

    by_id = {o["id"]: o for objects in lists.values() for o in objects}
    lists |= {name: [] for name in lists}
    lists |= {
        "legislativeTerm": [gone(by_id[f"{R}/legislativeTerm/2"])],
        "location": [gone(by_id[f"{R}/location/51"])],
        "file": [gone(by_id[f"{R}/file/63"])],
        "membership": [gone(by_id[f"{R}/membership/32"])],
        "agendaItem": [gone(by_id[f"{R}/agendaItem/73"])],
        "consultation": [gone(by_id[f"{R}/consultation/92"])],
    }
    answers = later(monkeypatch, data)
    out = run(server)
    assert any(u.startswith(f"{R}/body/1/agendaItem?modified_since=") for u in answers.asked)
    for model, number in ((LegislativeTerm, 2), (Location, 51), (File, 63), (Membership, 32),
                          (AgendaItem, 73), (Consultation, 92)):  # fmt: skip
        assert imported(model, number).deleted, model
    for model, number in ((LegislativeTerm, 1), (Location, 50), (File, 60), (Membership, 30),
                          (AgendaItem, 72), (Consultation, 91)):  # fmt: skip
        assert not imported(model, number).deleted, model
    assert "Tagesordnungspunkte: 0 angelegt, 0 geändert, 1 gelöscht" in out


def test_a_term_the_body_no_longer_lists_becomes_deleted_on_a_full_run(run, server, tmp_path):
    run(server)
    data = lists_fixture()
    data["lists"]["legislativeTerm"] = []
    changed = recorded.write(tmp_path, recorded.build(data), "other.json")
    run(changed)  # another source: no modified_since
    assert imported(LegislativeTerm, 2).deleted and not imported(LegislativeTerm, 1).deleted


@pytest.mark.parametrize(
    ("change", "url", "field"),
    [
        pytest.param(
            lambda r: r[f"{R}/body/1"]["legislativeTerm"][0].update(startDate="bald"),
            f"{R}/body/1",
            "„startDate“",
            id="term-date",
        ),
        pytest.param(
            lambda r: r[f"{R}/body/1/legislativeTerm?page=2"]["data"][0].pop("type"),
            f"{R}/body/1/legislativeTerm?page=2",
            "„type“",
            id="listed-term-type",
        ),
        pytest.param(
            lambda r: r[f"{R}/body/1"]["legislativeTerm"][0].update(name=2019),
            f"{R}/body/1",
            "„name“",
            id="term-name",
        ),
        pytest.param(
            lambda r: r.pop(f"{R}/file/64"),
            f"{R}/body/1/meeting?page=2",
            "„resultsProtocol“",
            id="unresolvable-reference",
        ),
    ],
)
def test_a_malformed_answer_changes_nothing_and_names_url_and_field(
    run, tmp_path, change, url, field
):
    recording = recorded.build(lists_fixture())
    change(recording["responses"])  # the body at its address is the one of the body list
    path = recorded.write(tmp_path, recording, "broken.json")
    before = counts() | {m.__name__: m.objects.count() for m in LISTED}
    with pytest.raises(CommandError) as raised:
        run(path)
    message = str(raised.value)
    assert url in message and field in message and "Nichts wurde geändert" in message
    assert before == counts() | {m.__name__: m.objects.count() for m in LISTED}


def test_what_was_imported_our_own_api_serves_by_the_rules(run, server, client):
    run(server)
    result = crawl(fetch_with(client), "http://testserver/oparl/v1/system")
    assert result.problems == []
    names = {obj.get("name") for obj in result.objects.values()}
    assert {"Wahlperiode 2024–2029", "Verschiedenes", "Geschäftsordnung des Kreistags"} <= names
    places = {o.get("description") for o in result.objects.values() if "/Location" in o["type"]}
    assert "Kreistagssaal Delitzsch" in places


def test_an_unchanged_child_referenced_by_url_is_kept_without_asking(run, server, monkeypatch):
    run(server)
    data = lists_fixture()
    lists = data["lists"]
    person = next(p for p in lists["person"] if p["id"] == f"{R}/person/21")
    person["name"] = "Max Beispiel (geändert)"
    lists |= {name: [] for name in lists} | {"person": [person]}
    answers = later(monkeypatch, data)
    out = run(server)
    assert imported(Person, 21).name == "Max Beispiel (geändert)"
    assert not imported(Membership, 31).deleted and not imported(Membership, 32).deleted
    assert {f"{R}/membership/31", f"{R}/membership/32"}.isdisjoint(answers.asked)
    assert not re.search(r"^Mitgliedschaften: \d", out, re.M)  # neither saved nor deleted


def test_organization_takes_only_the_listed_children_of_its_meetings_papers_and_members(
    run, server
):
    run(server, "--organization", "AKE")
    assert imported(AgendaItem, 73).meeting == imported(Meeting, 41)
    assert imported(Membership, 31).organization.short_name == "AKE"
    assert imported(Consultation, 91).paper.reference == "2021/030"
    assert not Membership.objects.filter(oparl_id=f"{R}/membership/32").exists()  # Kreistag
    for lone in (f"{R}/location/51", f"{R}/file/63"):
        assert not Location.objects.filter(oparl_id=lone).exists()
        assert not File.objects.filter(oparl_id=lone).exists()
    assert not Meeting.objects.filter(oparl_id=f"{R}/meeting/40").exists()
    assert LegislativeTerm.objects.filter(deleted=False).count() == 2  # the body's, always
