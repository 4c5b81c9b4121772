"""Issue 16: "Nur Vorschau" on the statistics upload: the planner sees what the import would
add, change, leave and skip, then imports or discards the file. Through HTTP."""

import html
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kek.statistics.models import ImportBatch, Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

UPLOAD = reverse("kek_statistics_import")
FILE = "12411-01-01-4.ffcsv.csv"


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def preview(client, path):
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    return client.post(UPLOAD, {"file": file, "downloaded_on": "2025-11-20", "preview": "on"})


def test_the_preview_shows_the_counts_and_the_import_follows_on_confirmation(
    regions, planner, client, fixture_file
):
    client.force_login(planner)
    assert "Nur Vorschau" in page(client.get(UPLOAD))
    response = preview(client, fixture_file(FILE))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("kek_statistics_import_status", args=[batch.pk])
    assert not Observation.objects.exists()
    assert batch.status == ImportBatch.Status.PENDING and default_storage.exists(batch.file.name)
    shown = page(client.get(response.url))
    assert f"Vorschau: {FILE}" in shown and "Noch wurde nichts importiert" in shown
    assert f'<th scope="row">Neu</th><td>{batch.rows_added}</td>' in shown
    assert f'<th scope="row">Übersprungen</th><td>{batch.rows_skipped} (' in shown
    assert batch.rows_added > 0 and batch.rows_skipped > 0
    counted = batch.rows_added

    done = client.post(UPLOAD, {"batch": batch.pk, "action": "import"})

    assert done.url == response.url
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and batch.rows_added == counted
    assert Observation.objects.count() == counted
    again = client.post(UPLOAD, {"batch": batch.pk, "action": "import"}, follow=True)
    assert "Über diese Vorschau wurde schon entschieden." in page(again)
    assert ImportBatch.objects.count() == 1


def test_a_discarded_preview_leaves_no_batch_and_no_file(regions, planner, client, fixture_file):
    client.force_login(planner)
    preview(client, fixture_file(FILE))
    batch = ImportBatch.objects.get()

    response = client.post(UPLOAD, {"batch": batch.pk, "action": "discard"}, follow=True)

    assert f"{FILE}: verworfen, nichts wurde importiert." in page(response)
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()
    assert not default_storage.exists(batch.file.name)


def test_a_bad_file_is_refused_in_the_form_and_nothing_is_kept(
    regions, planner, client, tmp_path, settings
):
    client.force_login(planner)
    bad = tmp_path / "12411-kaputt.csv"
    bad.write_text("statistics_code;value\n12411;1\n", encoding="utf-8")

    shown = page(preview(client, bad))

    assert "12411-kaputt.csv" in shown and "Statistikdatei" in shown
    assert not ImportBatch.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
