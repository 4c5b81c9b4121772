"""Back-office upload of a statistics file; the import runs in the background (F31)."""

import hashlib

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods

from kek.core.views import require

from .forms import UploadForm
from .models import ImportBatch
from .tasks import PERMISSION, import_upload


@require_http_methods(["GET", "POST"])
def upload(request):
    require(request.user, PERMISSION)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = start_import(form.cleaned_data["file"], request.user, form.cleaned_data)
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


def start_import(upload, user, options: dict) -> ImportBatch:
    """Store the upload on a pending batch and queue its import."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    batch = ImportBatch(
        file_name=upload.name[:255],
        content_hash=digest.hexdigest(),
        user=user,
        downloaded_on=options.get("downloaded_on"),
        message="Wartet auf den Start",
    )
    batch.file.save(upload.name, upload, save=True)
    import_upload.enqueue(batch.pk)
    return batch


@require_GET
def status(request, pk: int):
    require(request.user, PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
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
