"""Issue 16: `kek undo-run N --dry-run` says what the undo would do and changes nothing."""

import pytest

from kek.goals.concept_db import export_district

from .undo_runs import changed_concept_file, import_concept

pytestmark = pytest.mark.django_db


def test_a_dry_run_of_the_undo_changes_nothing(nordsachsen, concept, kek, tmp_path, capsys):
    run = import_concept(kek, changed_concept_file(nordsachsen, tmp_path))
    after = export_district(nordsachsen)
    capsys.readouterr()

    kek("undo-run", str(run.pk), "--dry-run")

    out = capsys.readouterr().out
    assert out.startswith(f"Vorschau, nichts geändert – Import {run.pk}")
    assert "1 Teilziele" in out
    assert export_district(nordsachsen) == after
    run.refresh_from_db()
    assert run.undone_at is None


def test_a_dry_run_of_an_import_keeps_no_record(nordsachsen, concept, kek, tmp_path):
    from kek.core.models import ImportRun

    path = changed_concept_file(nordsachsen, tmp_path)
    kek("import-concept", "--district", "14730", "--dry-run", str(path))
    assert not ImportRun.objects.exists()
