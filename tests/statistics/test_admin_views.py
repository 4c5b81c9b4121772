"""Upload form, import progress and batch list in the Wagtail back office, through HTTP."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kek.statistics.models import ImportBatch, Indicator, Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

UPLOAD = reverse("kek_statistics_import")


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def upload(client, path, name: str | None = None):
    file = SimpleUploadedFile(name or path.name, path.read_bytes(), content_type="text/csv")
    return client.post(UPLOAD, {"file": file, "downloaded_on": "2025-11-20"})


@pytest.mark.django_db
def test_planner_uploads_a_file_and_sees_the_finished_batch(regions, planner, client, fixture_file):
    client.force_login(planner)
    form = text(client.get(UPLOAD))
    assert 'type="file"' in form and "Statistikdatei" in form
    response = upload(client, fixture_file("12411-01-01-4.ffcsv.csv"))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("kek_statistics_import_status", args=[batch.pk])
    assert (batch.status, batch.user, str(batch.downloaded_on)) == ("done", planner, "2025-11-20")
    stored = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation="GES:GESM"
    )
    assert (stored.value, stored.batch) == (98_780, batch)
    page = text(client.get(response.url))
    assert "Status: Abgeschlossen" in page and batch.summary() in page
    assert "vendor/htmx/htmx.min.js" in page
    fragment = text(client.get(reverse("kek_statistics_import_progress", args=[batch.pk])))
    assert "hx-trigger" not in fragment  # finished: polling stops
    again = upload(client, fixture_file("12411-01-01-4.ffcsv.csv"))
    assert "unverändert" in text(client.get(again.url))


@pytest.mark.django_db
def test_bad_upload_is_recorded_as_failed_and_changes_nothing(regions, planner, client, tmp_path):
    client.force_login(planner)
    bad = tmp_path / "12411-kaputt.csv"
    bad.write_text("statistics_code;value\n12411;1\n", encoding="utf-8")
    response = upload(client, bad)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.message.startswith("12411-kaputt.csv")
    page = text(client.get(response.url))
    assert "Nicht importiert: 12411-kaputt.csv" in page
    assert not Observation.objects.exists() and not Indicator.objects.exists()


@pytest.mark.django_db
def test_participant_and_anonymous_are_refused(regions, participant, client, fixture_file):
    path = fixture_file("12411-01-01-4.ffcsv.csv")
    anonymous = upload(client, path)
    assert anonymous.status_code == 302 and "login" in anonymous.url
    client.force_login(participant)
    assert upload(client, path).status_code in (302, 403)
    assert client.get(UPLOAD).status_code in (302, 403)
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()


@pytest.mark.django_db
def test_planner_sees_batches_read_only_and_the_menu_item(
    regions, planner, client, fixture_file, kek
):
    kek("import-stats", str(fixture_file("52411-02-01-4.ffcsv.csv")))
    batch = ImportBatch.objects.get()
    client.force_login(planner)
    listing = text(client.get(reverse("wagtailsnippets_statistics_importbatch:list")))
    assert "52411-02-01-4.ffcsv.csv" in listing
    inspect = text(client.get(reverse("wagtailsnippets_statistics_importbatch:inspect",
                                      args=[batch.pk])))  # fmt: skip
    assert "dl-de/by-2-0" in inspect and str(batch.rows_added) in inspect
    edit = client.get(reverse("wagtailsnippets_statistics_importbatch:edit", args=[batch.pk]))
    assert edit.status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_statistics_importbatch:add")).status_code in (
        302,
        403,
    )
    dashboard = text(client.get(reverse("wagtailadmin_home")))
    assert "Statistik importieren" in dashboard
    indicators = text(client.get(reverse("wagtailsnippets_statistics_indicator:list")))
    assert "Beantragte Unternehmensinsolvenzen" in indicators


@pytest.mark.django_db
def test_planner_edits_an_indicator_of_the_catalogue(regions, planner, client, fixture_file):
    from kek.statistics.importer import import_file
    from kek.statistics.models import Topic

    import_file(fixture_file("41312-01-01-4.ffcsv.csv"))
    cattle = Indicator.objects.get(code="TIE003")
    climate = Topic.objects.get(slug="umwelt-klima")
    client.force_login(planner)
    url = reverse("wagtailsnippets_statistics_indicator:edit", args=[cattle.pk])
    form = text(client.get(url))
    assert "Männliche Rinder 2 Jahre und älter" in form  # disaggregations, read-only
    response = client.post(
        url,
        {
            "unit": cattle.unit,
            "name": "Rinder",
            "definition": "Rinder je Betrieb",
            "topic": climate.pk,
            "direction": Indicator.Direction.LOWER,
            "statistic_code": cattle.statistic_code,
            "table_code": cattle.table_code,
            "statistic_name": cattle.statistic_name,
        },
    )
    assert response.status_code == 302
    cattle.refresh_from_db()
    assert (cattle.name, cattle.topic, cattle.direction, cattle.code) == (
        "Rinder",
        climate,
        Indicator.Direction.LOWER,
        "TIE003",
    )


@pytest.mark.django_db
def test_queued_import_checks_the_permission_again(regions, participant, fixture_file):
    from django.core.files.base import ContentFile

    from kek.statistics.tasks import import_upload

    path = fixture_file("12411-01-01-4.ffcsv.csv")
    batch = ImportBatch(file_name=path.name, content_hash="-", user=participant)
    batch.file.save(path.name, ContentFile(path.read_bytes()), save=True)
    import_upload.enqueue(batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "keine Berechtigung" in batch.message
    assert not Observation.objects.exists()
