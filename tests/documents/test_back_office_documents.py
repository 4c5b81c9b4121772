"""The back office "Dokumente": each document's state with progress, step and the German
error, its files, "Jetzt neu erzeugen" (refused for a frozen document) and "Alle prüfen";
the list of background jobs with German names."""

import html

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kek.documents import builds
from kek.documents.models import Build

from . import buildkit
from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def test_planners_see_each_state_with_progress_and_error(
    nordsachsen, in_consultation, planner, client
):
    (done,) = build_all(nordsachsen)
    buildkit.FAIL["pdf"] = "Das Diagramm „Bevölkerung“ hat keine Werte."
    failed = builds.rebuild(in_consultation, builds.kind_of("probe"), None)
    builds.run_build(failed.pk)
    running = Build.objects.create(region=nordsachsen, concept=in_consultation, kind="probe",
                                   state=Build.State.RUNNING, progress=40,
                                   message="PDF wird erzeugt")  # fmt: skip
    client.force_login(planner)
    page = text(client.get(reverse("kek_documents")))
    assert "Nordsachsen" in page and "Probedokument" in page
    assert "Läuft" in page and "40 %" in page and "PDF wird erzeugt" in page
    assert "Fehlgeschlagen" in page and "Das Diagramm „Bevölkerung“ hat keine Werte." in page
    assert "Fertig" in page and done.files.get(format="pdf").file.url in page
    assert "Jetzt neu erzeugen" in page and "Alle prüfen" in page
    assert running.pk


def test_rebuild_now_queues_a_build_and_check_all_queues_a_refresh(
    nordsachsen, in_consultation, planner, client, django_capture_on_commit_callbacks
):
    build_all(nordsachsen)
    client.force_login(planner)
    url = reverse("kek_documents_rebuild", args=[in_consultation.pk, "probe"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    queued = Build.objects.get(state=Build.State.QUEUED)
    assert DBTaskResult.objects.filter(task_path="kek.documents.tasks.build_document",
                                       args_kwargs__args=[queued.pk]).exists()  # fmt: skip
    # While it waits, a second click adds nothing.
    client.post(url)
    assert Build.objects.filter(state=Build.State.QUEUED).count() == 1

    client.post(reverse("kek_documents_check", args=[nordsachsen.pk]))
    assert DBTaskResult.objects.filter(task_path="kek.documents.tasks.refresh_documents",
                                       args_kwargs__args=[nordsachsen.pk]).exists()  # fmt: skip
    jobs = text(client.get(reverse("kek_documents_jobs")))
    assert "Dokument erzeugen" in jobs and "Dokumente prüfen" in jobs and "Wartet" in jobs


def test_a_frozen_document_is_not_rebuilt_from_the_back_office(
    nordsachsen, concept, planner, client
):
    build_all(nordsachsen)
    client.force_login(planner)
    response = client.post(reverse("kek_documents_rebuild", args=[concept.pk, "probe"]),
                           follow=True)  # fmt: skip
    assert "eingefroren" in text(response)
    assert Build.objects.count() == 1
