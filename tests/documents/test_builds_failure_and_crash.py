"""A failing build keeps the last good file and shows its German error; a crash mid-write
leaves no half file and no BuildFile; a build a dead worker left running is "abgebrochen"."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from kek.documents import builds
from kek.documents.models import Build, BuildFile
from kek.goals.models import StrategicGoal

from . import buildkit
from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


def change(concept, title="Geänderter Titel") -> None:
    goal = StrategicGoal.objects.filter(concept=concept).order_by("pk").first()
    goal.title = title
    goal.save()


def files_on_disk() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_a_failing_build_keeps_the_last_good_file(nordsachsen, in_consultation, client):
    concept_in_draft = in_consultation
    (good,) = build_all(nordsachsen)
    kept = {f.format: f.sha256 for f in good.files.all()}
    change(concept_in_draft)
    buildkit.FAIL["pdf"] = "Die Schrift Fira Sans fehlt im Ordner node_modules."
    (failed,) = build_all(nordsachsen)

    assert failed.state == Build.State.FAILED
    assert failed.error == "Die Schrift Fira Sans fehlt im Ordner node_modules."
    assert not failed.files.exists()
    assert {f.format: f.sha256 for f in Build.objects.get(pk=good.pk).files.all()} == kept
    response = client.get(f"/dokumente/fassung-{concept_in_draft.version}/probe.pdf")
    assert response.status_code == 200 and response["ETag"] == f'"{kept["pdf"]}"'
    assert "Traceback" not in failed.error


def test_a_crash_mid_write_leaves_no_half_file_and_no_record(
    nordsachsen, concept_in_draft, monkeypatch
):
    (queued,) = builds.refresh(nordsachsen, enqueue=False)

    def crash(fd):
        raise OSError(28, "Auf dem Gerät ist kein Speicherplatz mehr verfügbar")

    monkeypatch.setattr(os, "fsync", crash)
    failed = builds.run_build(queued.pk)
    assert failed.state == Build.State.FAILED and "Speicherplatz" in failed.error
    assert not BuildFile.objects.exists()
    assert files_on_disk() == []


def test_a_build_left_running_is_marked_abgebrochen_and_leaves_no_file(
    nordsachsen, concept_in_draft
):
    (queued,) = builds.refresh(nordsachsen, enqueue=False)
    # A worker that died while writing: running for an hour, half a file and a temporary one.
    Build.objects.filter(pk=queued.pk).update(
        state=Build.State.RUNNING, started_at=timezone.now() - dt.timedelta(hours=1)
    )
    builds.store(queued, "pdf", "halb.pdf", b"%PDF-1.7 halb")
    folder = Path(settings.MEDIA_ROOT) / "documents" / str(nordsachsen.pk) / str(queued.pk)
    (folder / ".halb.pdf.1234.tmp").write_bytes(b"%PDF")

    (again,) = builds.refresh(nordsachsen, enqueue=False)
    stale = Build.objects.get(pk=queued.pk)
    assert stale.state == Build.State.FAILED and stale.error.startswith("Abgebrochen")
    assert not BuildFile.objects.filter(build=stale).exists()
    assert list(folder.iterdir()) == []
    assert again.state == Build.State.QUEUED  # the document is built anew


def test_a_recently_started_build_is_not_abandoned(nordsachsen, concept_in_draft):
    (queued,) = builds.refresh(nordsachsen, enqueue=False)
    Build.objects.filter(pk=queued.pk).update(
        state=Build.State.RUNNING, started_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert builds.refresh(nordsachsen, enqueue=False) == []
    assert Build.objects.get(pk=queued.pk).state == Build.State.RUNNING
