"""Issue 12: a planner can undo an OParl import (`kek undo-run N`, the number the import
prints): what it created goes, what it changed gets its old values back, what it marked
deleted lives again; refused in German, changing nothing, if a later import or a hand edit
changed the same objects since; the next import asks again for what the undone run took over."""

import pytest
from django.apps import apps
from django.core.management import CommandError

from kek.committees.models import AgendaItem, Body, LegislativeTerm, Meeting, Paper
from kek.core.models import ImportRun
from kek.oparl.importing import Recording
from kek.oparl.models import OParlImport

from .. import permission_walk as pw
from . import recorded
from .test_import_oparl_lists import lists_fixture
from .test_import_oparl_recorded import imported

pytestmark = pytest.mark.django_db
R = "https://ris.example/oparl"


def snapshot() -> dict:
    """Every row of the committees' tables and of the import records."""
    models = [*apps.get_app_config("committees").get_models(include_auto_created=True)]
    return pw.snapshot([*models, ImportRun, OParlImport], frozenset())


def content() -> dict:
    """The committees' rows but their change records and `modified` (a restored object is
    modified now: OParl clients asking for changes must see it)."""
    found = {}
    for model in apps.get_app_config("committees").get_models(include_auto_created=True):
        if not model._meta.model_name.startswith("historical"):
            rows = model._base_manager.order_by("pk").values()
            found[model._meta.label] = [
                {k: v for k, v in r.items() if k != "modified"} for r in rows
            ]
    return found


def imported_ids() -> set[str]:
    found: set[str] = set()
    for model in apps.get_app_config("committees").get_models():
        if model._meta.model_name.startswith("historical"):
            continue
        found |= set(model.objects.exclude(oparl_id="").values_list("oparl_id", flat=True))
    return found


@pytest.fixture
def server(tmp_path):
    return recorded.write(tmp_path, recorded.build(lists_fixture()))


@pytest.fixture
def run(kek, nordsachsen, capsys):
    def run(source, *args) -> tuple[str, ImportRun]:
        kek("import-oparl", str(source), "--district", "14730", *args)
        return capsys.readouterr().out, ImportRun.objects.order_by("pk").last()

    return run


@pytest.fixture
def undo(kek, capsys):
    def undo(entry: ImportRun) -> str:
        kek("undo-run", str(entry.pk))
        return capsys.readouterr().out

    return undo


def serve_later(monkeypatch, data: dict) -> Recording:
    answers = Recording(**recorded.build(data))
    monkeypatch.setattr(Recording, "read", classmethod(lambda cls, path: answers))
    return answers


def stub(obj: dict) -> dict:
    """The object as the server lists it once deleted (OParl 2-08)."""
    keys = ("id", "type", "created", "modified")
    return {k: obj[k] for k in keys} | {"deleted": True}


def changed_server(monkeypatch) -> Recording:
    """The server a month later: paper 80 renamed, meeting 41 and term 2 deleted, meeting 40
    with a new agenda item 74."""
    data = lists_fixture()
    lists = data["lists"]
    meeting = next(m for m in lists["meeting"] if m["id"] == f"{R}/meeting/40")
    meeting["agendaItem"].append(
        meeting["agendaItem"][1]
        | {"id": f"{R}/agendaItem/74", "number": "9", "order": 3, "name": "Nachtrag"}  # fmt: skip
    )
    gone = next(m for m in lists["meeting"] if m["id"] == f"{R}/meeting/41")
    lists["meeting"] = [meeting, stub(gone)]
    lists["paper"][0]["name"] = "KEK Nordsachsen 2030 (geändert)"
    lists["legislativeTerm"][1] = stub(lists["legislativeTerm"][1])
    for name in ("organization", "person", "location", "file", "membership", "agendaItem",
                 "consultation"):  # fmt: skip
        lists[name] = []  # nothing changed there
    return serve_later(monkeypatch, data)


def test_the_import_names_its_undo_and_a_first_import_is_undone_entirely(run, undo, server):
    before = imported_ids()
    out, entry = run(server)
    assert entry.kind == ImportRun.Kind.OPARL and entry.region.ags == "14730"
    assert f"rückgängig zu machen mit `kek undo-run {entry.pk}`" in out
    assert OParlImport.objects.get().run == entry
    assert len(imported_ids() - before) > 25

    said = undo(entry)
    assert f"Import {entry.pk} (OParl (Gremien)" in said and "rückgängig gemacht" in said
    assert imported_ids() == before
    entry.refresh_from_db()
    assert entry.undone_at is not None

    out, _ = run(server)  # the next import asks for everything again
    assert "Nur Änderungen seit" not in out
    assert imported(Meeting, 41).name.startswith("2. Sitzung")
    assert imported(LegislativeTerm, 2).name == "Wahlperiode 2024–2029"


def test_a_later_import_is_undone_to_the_state_before_it(run, undo, server, monkeypatch):
    _, first = run(server)
    earlier = content()
    changed_server(monkeypatch)
    out, second = run(server)
    assert imported(Meeting, 41).deleted and imported(LegislativeTerm, 2).deleted
    assert imported(Paper, 80).name == "KEK Nordsachsen 2030 (geändert)"
    assert imported(AgendaItem, 74).name == "Nachtrag"

    said = undo(second)
    assert not imported(Meeting, 41).deleted and not imported(LegislativeTerm, 2).deleted
    assert imported(Paper, 80).name == "Kreisentwicklungskonzept Nordsachsen 2030"
    assert not AgendaItem.objects.filter(oparl_id=f"{R}/agendaItem/74").exists()
    assert "entfernt: 1 Tagesordnungspunkte" in said
    assert content() == earlier

    out, _ = run(server)  # asks again for what the undone run took over
    since = OParlImport.objects.get(run=first).started_at.astimezone()
    assert f"Nur Änderungen seit {since:%Y-%m-%dT%H:%M}" in out
    assert imported(Meeting, 41).deleted and imported(AgendaItem, 74).name == "Nachtrag"


def test_undo_is_refused_when_a_later_import_changed_the_same_objects(
    run, server, monkeypatch, kek
):
    _, first = run(server)
    changed_server(monkeypatch)
    run(server)
    before = snapshot()
    with pytest.raises(CommandError, match="später geändert") as refused:
        kek("undo-run", str(first.pk))
    assert "nicht möglich" in str(refused.value) and "Vorlagen" in str(refused.value)
    assert snapshot() == before


def test_undo_is_refused_after_a_hand_edit(run, server, kek, planner):
    _, entry = run(server)
    meeting = imported(Meeting, 40)
    meeting.name = "Von Hand geändert"
    meeting._history_user = planner
    meeting.save()
    before = snapshot()
    with pytest.raises(CommandError, match="Sitzungen wurden nach dem Import später geändert"):
        kek("undo-run", str(entry.pk))
    assert snapshot() == before
    assert Body.objects.filter(oparl_id=f"{R}/body/1").exists()


def test_a_dry_run_is_not_kept_and_cannot_be_undone(run, server):
    out, entry = run(server, "--dry-run")
    assert entry is None and "rückgängig zu machen" not in out
    assert not OParlImport.objects.exists()
