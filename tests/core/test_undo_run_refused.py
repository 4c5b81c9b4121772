"""Issue 16: an import is not undone over a later edit: a planner's change after the import
blocks the undo with a German reason ("später geändert"), and nothing changes."""

import pytest
from django.core.management import CommandError

from kek.core.import_undo import UndoRefused, blockers, undo
from kek.goals.concept_db import export_district
from kek.goals.models import FieldOfAction, SubGoal

from .undo_runs import changed_concept_file, import_concept

pytestmark = pytest.mark.django_db


def test_a_planner_edit_after_the_import_blocks_the_undo(
    nordsachsen, concept, kek, tmp_path, planner
):
    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    field = FieldOfAction.objects.get(concept=concept, title="Umbenanntes Handlungsfeld")
    field.title = "Von der Planerin geändert"
    field._history_user = planner
    field.save()
    after = export_district(nordsachsen)

    with pytest.raises(CommandError, match="später geändert") as error:
        kek("undo-run", str(run.pk))

    assert "zuletzt von planerin" in str(error.value)
    assert export_district(nordsachsen) == after
    run.refresh_from_db()
    assert run.undone_at is None


def test_a_new_dependent_of_what_the_import_created_blocks_the_undo(
    nordsachsen, concept, tmp_path, kek
):
    from kek.projects.models import Project

    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    created = SubGoal.objects.get(title="Neues Teilziel aus der Datei")
    created.projects.add(Project.objects.filter(concepts=concept).first())
    after = export_district(nordsachsen)

    assert blockers(run)
    with pytest.raises(UndoRefused, match="hängen inzwischen andere Objekte ab"):
        undo(run)
    assert export_district(nordsachsen) == after
    assert SubGoal.objects.filter(pk=created.pk).exists()
