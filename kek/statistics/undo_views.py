"""Back office: "Import rückgängig machen" from an import's record (kek.statistics.undo).

GET shows what undoing would do, or what stands in the way; POST (with the confirmation) does
it. The permission `statistics.undo_importbatch` is checked on the server for both."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from kek.core.views import require

from .models import ImportBatch
from .undo import UndoRefused, blockers, plan, undo

PERMISSION = "statistics.undo_importbatch"


@require_http_methods(["GET", "POST"])
def undo_import(request, pk: int):
    require(request.user, PERMISSION)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.method == "POST":
        try:
            done = undo(batch, request.user)
        except UndoRefused as exc:
            messages.error(request, f"Nicht rückgängig gemacht: {exc}")
        else:
            messages.success(request, f"Import rückgängig gemacht: {done.summary()}.")
        return redirect("kek_statistics_import_undo", pk=batch.pk)
    problems = blockers(batch)
    return TemplateResponse(
        request,
        "statistics/admin/undo.html",
        {
            "batch": batch,
            "plan": None if problems else plan(batch),
            "problems": problems,
            "page_title": f"Import rückgängig machen: {batch.file_name}",
        },
    )
