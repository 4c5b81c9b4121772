"""Issue 16: a concept import can be undone from its record (`kek undo-run N`): the goal
system is exactly as before, and the undo is on record."""

import pytest

from kek.core.models import ImportRun
from kek.goals.concept_db import export_district
from kek.goals.models import FieldOfAction, SubGoal

from ..goals.drafts import make_draft
from .undo_runs import changed_concept_file, import_concept

pytestmark = pytest.mark.django_db


def test_undoing_a_concept_import_gives_back_the_goal_system_as_before(
    nordsachsen, concept, kek, tmp_path, capsys
):
    make_draft(nordsachsen)  # only a draft takes changes (issue 11)
    before = export_district(nordsachsen)
    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    assert run.kind == ImportRun.Kind.CONCEPT and run.file_name == "geaendert.yaml"
    assert f"kek undo-run {run.pk}" in capsys.readouterr().out
    assert export_district(nordsachsen) != before
    assert SubGoal.objects.filter(title="Neues Teilziel aus der Datei").exists()

    kek("undo-run", str(run.pk))

    assert "rückgängig gemacht" in capsys.readouterr().out
    assert export_district(nordsachsen) == before
    assert not SubGoal.objects.filter(title="Neues Teilziel aus der Datei").exists()
    run.refresh_from_db()
    assert run.undone_at is not None
    field = FieldOfAction.objects.filter(concept=concept).order_by("position").first()
    latest = field.history.order_by("-history_id").first()
    assert latest.history_change_reason == f"Rückgängig: Import {run.pk}"


def test_the_records_of_an_import_name_its_run(nordsachsen, concept, kek, tmp_path):
    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    created = SubGoal.history.get(title="Neues Teilziel aus der Datei")
    assert created.history_type == "+" and created.history_change_reason == f"Import {run.pk}"


def test_an_undone_import_cannot_be_undone_twice(nordsachsen, concept, kek, tmp_path):
    from django.core.management import CommandError

    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    kek("undo-run", str(run.pk))
    with pytest.raises(CommandError, match="bereits rückgängig gemacht"):
        kek("undo-run", str(run.pk))
