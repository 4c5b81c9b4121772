"""Issue 16: `kek import-concept --remove-missing` removes what the file no longer has, only
after a summary of what would go, and never what has measured values."""

from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.core.imports import ImportRefused
from kek.goals.concept_db import export_district, import_district
from kek.goals.models import FieldOfAction, StrategicGoal
from kek.projects.models import Measurement, Project
from kek.projects.snapshots import take_report
from kek.swot.models import SwotItem

from ..rows import goal_world_counts
from .drafts import draft_file, make_draft

pytestmark = pytest.mark.django_db

CONCEPT = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "concept.yaml"
SUMMARY = [
    "Würde entfernt (nicht mehr in der Datei): 1 Handlungsfeld, 6 Strategische Ziele, "
    "10 Teilziele, 4 Verknüpfungen Handlungsfeld ↔ Nachhaltigkeitsziel (SDG).",
    "Würde mit entfernt, weil es daran hängt: 8 Verknüpfungen Projekt ↔ Teilziel, "
    "3 Verknüpfungen SWOT-Eintrag ↔ Strategisches Ziel, "
    "4 Verknüpfungen Strategisches Ziel ↔ Nachhaltigkeitsziel (SDG).",
    "Bleibt, weil ein Import es nie entfernt (1):",
    "  Handlungsfeld 4 Infrastruktur & Mobilität: hat Messwerte; dazu bleiben: "
    "3 Strategische Ziele, 5 Teilziele",
]


@pytest.fixture(autouse=True)
def _draft(nordsachsen):
    """The shipped version is changed by these imports: a draft (issue 11)."""
    make_draft(nordsachsen)


@pytest.fixture
def cut(tmp_path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_bytes(draft_file(CONCEPT.read_bytes())[:3000])  # fields 1 and 2 of 4
    return path


@pytest.fixture
def run(kek, capsys):
    """Run `kek import-concept --district 14730 …`; returns what it printed."""

    def run(*args: str) -> str:
        capsys.readouterr()
        kek("import-concept", "--district", "14730", *args)
        return capsys.readouterr().out

    return run


def test_without_yes_and_without_a_terminal_it_shows_the_summary_and_changes_nothing(
    nordsachsen, cut, kek, capsys
):
    before = goal_world_counts()
    with pytest.raises(CommandError, match="Nichts wurde geändert: .* nur mit --yes"):
        kek("import-concept", "--district", "14730", "--remove-missing", str(cut))
    assert capsys.readouterr().out.splitlines()[: len(SUMMARY)] == SUMMARY
    assert goal_world_counts() == before


def test_with_yes_it_removes_what_may_go_and_keeps_what_has_measurements(
    nordsachsen, concept, cut, planner, run
):
    take_report(concept, "Bericht 2024")
    measurements = Measurement.objects.count()
    links = Project.subgoals.through.objects.count(), SwotItem.goals.through.objects.count()

    out = run("--remove-missing", "--yes", "--user", "planerin", str(cut))

    assert "17 entfernt" in out
    assert "Entfernt (nicht mehr in der Datei): 1 Handlungsfeld, 6 Strategische Ziele" in out
    assert "Nennen sie und bleiben unverändert: 1 Evaluierungsbericht." in out
    assert "Handlungsfeld 4 Infrastruktur & Mobilität: hat Messwerte" in out
    assert list(FieldOfAction.objects.filter(concept=concept).values_list("number", flat=True)) == [
        "1",
        "2",
        "3",
    ]
    kept = FieldOfAction.objects.get(concept=concept, title="Infrastruktur & Mobilität")
    assert kept.goals.count() == 3 and StrategicGoal.objects.filter(concept=concept).count() == 6
    assert Measurement.objects.count() == measurements
    assert Project.subgoals.through.objects.count() == links[0] - 8
    assert SwotItem.goals.through.objects.count() == links[1] - 3
    gone = FieldOfAction.history.filter(history_type="-").get()
    assert gone.history_user == planner and gone.title == "lebenswerter Landkreis"


@pytest.mark.parametrize(("answer", "removed"), [("j", True), ("n", False), ("", False)])
def test_on_a_terminal_the_user_confirms_the_summary(
    nordsachsen, cut, monkeypatch, run, capsys, answer, removed
):
    questions = []
    monkeypatch.setattr("kek.core.commands.interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda q: questions.append(q) or answer)
    before = goal_world_counts()

    if removed:
        out = run("--remove-missing", str(cut))
        assert out.splitlines()[: len(SUMMARY)] == SUMMARY
        assert "Entfernt (nicht mehr in der Datei)" in out
        assert goal_world_counts()["goals.FieldOfAction"] == before["goals.FieldOfAction"] - 1
    else:
        with pytest.raises(CommandError, match="Abgebrochen; nichts wurde geändert."):
            run("--remove-missing", str(cut))
        assert capsys.readouterr().out.splitlines()[: len(SUMMARY)] == SUMMARY
        assert goal_world_counts() == before
    assert questions == ["Diese Objekte entfernen? [j/N] "]


def test_a_refused_plan_rolls_back_the_whole_import(nordsachsen, concept):
    data = export_district(nordsachsen)
    data.versions[0].fields[0].title = "Neu betitelt"
    data.versions[0].fields.pop(1)
    before = goal_world_counts()

    def refuse(removal) -> None:
        assert [model.__name__ for model in removal.removed()] == [
            "FieldOfAction",
            "StrategicGoal",
            "SubGoal",
        ]
        raise ImportRefused("nein")

    with pytest.raises(ImportRefused):
        import_district(nordsachsen, data, remove_missing=True, confirm=refuse)
    assert goal_world_counts() == before
    assert not FieldOfAction.objects.filter(title="Neu betitelt").exists()
