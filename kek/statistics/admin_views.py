"""Back-office upload of a statistics file; the import runs in the background (F31).

With "Nur Vorschau" the upload is checked and compared with the stored values at once, in a
transaction that is rolled back (`importer.preview_bytes`), and kept as a pending batch that
waits for the planner: its status page shows what the import would add, change, leave
unchanged and skip, and the planner starts the import or discards the file."""

import hashlib

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from kek.core.views import require

from .forms import DecisionForm, UploadForm
from .importer import ImportFailed, preview_bytes
from .models import ImportBatch
from .tasks import PERMISSION, import_upload

PREVIEW_MESSAGE = "Vorschau – wartet auf Bestätigung"
QUEUED_MESSAGE = "Wartet auf den Start"


@require_http_methods(["GET", "POST"])
def upload(request):
    require(request.user, PERMISSION)
    if request.method == "POST" and "action" in request.POST:
        return decide(request, DecisionForm(request.POST))
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = start(form.cleaned_data["file"], request.user, form.cleaned_data)
        except ImportFailed as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("kek_statistics_import_status", pk=batch.pk)
    return TemplateResponse(
        request,
        "statistics/admin/upload.html",
        {
            "form": form,
            "page_title": "Statistikdatei importieren",
            "recent": ImportBatch.objects.select_related("user")[:10],
        },
    )


def start(upload, user, options: dict) -> ImportBatch:
    """Queue the upload's import, or (preview) compare it now and keep it for the decision."""
    if not options.get("preview"):
        batch = _pending(upload, user, options, ImportBatch(message=QUEUED_MESSAGE))
        import_upload.enqueue(batch.pk)
        return batch
    data = b"".join(upload.chunks())
    seen = preview_bytes(data, upload.name[:255], user)  # raises ImportFailed
    seen.message = PREVIEW_MESSAGE
    return _pending(upload, user, options, seen)


def _pending(upload, user, options: dict, batch: ImportBatch) -> ImportBatch:
    """Store the upload on a pending batch."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    batch.file_name = upload.name[:255]
    batch.content_hash = digest.hexdigest()
    batch.user = user
    batch.downloaded_on = options.get("downloaded_on")
    batch.status = ImportBatch.Status.PENDING
    batch.file.save(upload.name, upload, save=True)
    return batch


def awaiting_decision(batch: ImportBatch) -> bool:
    return batch.status == ImportBatch.Status.PENDING and batch.message == PREVIEW_MESSAGE


def decide(request, form: DecisionForm):
    """Import a previewed file, or discard it (file and batch)."""
    if not form.is_valid():
        messages.error(request, "Diese Vorschau gibt es nicht mehr.")
        return redirect("kek_statistics_import")
    waiting = ImportBatch.objects.filter(
        pk=form.cleaned_data["batch"], status=ImportBatch.Status.PENDING, message=PREVIEW_MESSAGE
    )
    batch = waiting.first()
    if batch is None:
        messages.error(request, "Über diese Vorschau wurde schon entschieden.")
        return redirect("kek_statistics_import")
    if form.cleaned_data["action"] == DecisionForm.DISCARD:
        waiting.delete()
        batch.file.delete(save=False)
        messages.success(request, f"{batch.file_name}: verworfen, nichts wurde importiert.")
        return redirect("kek_statistics_import")
    # Once, also if the button is pressed twice; the import acts for who confirms it.
    if waiting.update(message=QUEUED_MESSAGE, user=request.user):
        import_upload.enqueue(batch.pk)
    return redirect("kek_statistics_import_status", pk=batch.pk)


@require_GET
def status(request, pk: int):
    require(request.user, PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if awaiting_decision(batch):
        return TemplateResponse(
            request,
            "statistics/admin/preview.html",
            {
                "batch": batch,
                "form": DecisionForm(initial={"batch": batch.pk}),
                "page_title": f"Vorschau: {batch.file_name}",
            },
        )
    return TemplateResponse(
        request,
        "statistics/admin/status.html",
        {"batch": batch, "page_title": f"Import: {batch.file_name}"},
    )


@require_GET
def progress(request, pk: int):
    """The progress fragment that the status page polls every second (htmx)."""
    require(request.user, PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    return TemplateResponse(request, "statistics/admin/_progress.html", {"batch": batch})
