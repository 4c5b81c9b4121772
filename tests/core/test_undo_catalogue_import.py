"""Issue 16: a catalogue import can be undone from its record (`kek undo-run N`): the
catalogue is exactly as before, its new projects, milestones and values are gone."""

import pytest

from kek.core.models import ImportRun
from kek.projects.catalogue_db import export_catalogue
from kek.projects.models import Measurement, Milestone, Project

from .undo_runs import changed_catalogue_file

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Project, Milestone, Measurement))


def test_undoing_a_catalogue_import_gives_back_the_catalogue_as_before(
    concept_in_draft, kek, tmp_path
):
    concept = concept_in_draft
    before, numbers = export_catalogue(concept), counts()
    kek("import-catalogue", "--district", "14730", str(changed_catalogue_file(concept, tmp_path)))
    run = ImportRun.objects.get(kind=ImportRun.Kind.CATALOGUE)
    assert Project.objects.filter(title="Neues Projekt aus der Datei").exists()
    assert counts() != numbers

    kek("undo-run", str(run.pk))

    assert export_catalogue(concept) == before
    assert counts() == numbers
    assert not Project.objects.filter(number="99", concepts=concept).exists()
