"""Background import of an uploaded statistics file; progress is kept on its ImportBatch.

The upload view only enqueues `import_upload` on the "background" backend; a worker process
(`manage.py db_worker --backend background`, or rqworker on Redis) runs it and commits each
progress step on the batch row, which the status page polls."""

import logging

from django.utils import timezone
from django_tasks import task

from kek.core import audit

from .importer import ImportFailed, import_bytes
from .models import ImportBatch

log = logging.getLogger(__name__)
PERMISSION = "statistics.import_observations"


@task(backend="background")
def import_upload(batch_id: int) -> str:
    """Import the file of a pending batch. A refused or bad file is recorded on the batch;
    an unexpected error too, and is then raised again for the task log. The change records
    name the uploader, acting through the background job."""
    batch = ImportBatch.objects.select_related("user").get(pk=batch_id)
    label = f"Hintergrundauftrag Statistikimport (Betriebssystem-Benutzer {audit.os_user()})"
    with audit.acting_as(label) as scope:
        scope.user = batch.user
        return _import(batch)


def _import(batch: ImportBatch) -> str:
    batch_id = batch.pk
    if batch.user is None or not batch.user.has_perm(PERMISSION):
        message = f"{batch.file_name}: keine Berechtigung zum Importieren ({PERMISSION})."
        _fail(batch_id, message)
        return message
    _progress(batch_id, 5, "Import gestartet")
    try:
        with batch.file.open("rb") as handle:
            data = handle.read()
        batch = import_bytes(data, batch.file_name, batch.user, batch, _reporter(batch_id))
    except ImportFailed as exc:
        _fail(batch_id, str(exc))
        return str(exc)
    except Exception:
        log.exception("Import von Batch %s fehlgeschlagen", batch_id)
        _fail(batch_id, f"{batch.file_name}: Interner Fehler beim Import; nichts wurde geändert.")
        raise
    return batch.summary()


def _reporter(batch_id: int):
    def report(percent: int, text: str) -> None:
        _progress(batch_id, percent, text)

    return report


def _progress(batch_id: int, percent: int, text: str) -> None:
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportBatch.Status.RUNNING, progress=percent, message=text
    )


def _fail(batch_id: int, message: str) -> None:
    """Saved, not updated: the failure is part of the batch's change record."""
    batch = ImportBatch.objects.get(pk=batch_id)
    batch.status, batch.progress, batch.message = ImportBatch.Status.FAILED, 100, message
    batch.finished_at = timezone.now()
    batch._history_user = batch.user
    batch.save()
