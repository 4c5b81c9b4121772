"""Issue 16: `kek import-stats --dry-run` counts along the real import and writes nothing:
no values, no import batch, no lock left behind."""

import pytest

from kek.statistics.importer import preview_bytes
from kek.statistics.models import ImportBatch, Observation

from ..rows import row_counts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def test_a_dry_run_counts_what_the_import_then_does(regions, kek, fixture_file, capsys):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    before = row_counts()

    kek("import-stats", "--dry-run", str(path))

    dry = capsys.readouterr().out
    assert dry.startswith(
        f"Probelauf, nichts wurde gespeichert – {path.name}: Tabelle 12411-01-01-4: "
        "würde importieren – "
    )
    assert row_counts() == before
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()
    # The real import right after it (the lock is free again) adds what the dry run counted.
    kek("import-stats", str(path))
    batch = ImportBatch.objects.get()
    assert f"würde importieren – {batch.rows_added} neu, 0 geändert, 0 unverändert" in dry
    assert Observation.objects.count() == batch.rows_added > 0


def test_a_dry_run_of_a_known_file_finds_it_unchanged(regions, kek, fixture_file, capsys):
    path = fixture_file("52411-02-01-4.ffcsv.csv")
    kek("import-stats", str(path))
    batch = ImportBatch.objects.get()
    capsys.readouterr()

    kek("import-stats", "--dry-run", str(path))

    assert f"unverändert – 0 neu, 0 geändert, {batch.rows_added} unverändert" in (
        capsys.readouterr().out
    )
    assert ImportBatch.objects.count() == 1


def test_a_preview_is_an_unsaved_batch_with_the_counts(regions, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    seen = preview_bytes(path.read_bytes(), path.name)
    assert seen.pk is None and seen.status == ImportBatch.Status.PENDING
    assert seen.rows_added == seen.rows_total - seen.rows_skipped > 0
    assert seen.table == "12411-01-01-4" and len(seen.content_hash) == 64
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()
