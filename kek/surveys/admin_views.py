"""Back-office views of a survey (F23): publish or withdraw its results, export its responses
(CSV, XLSX). Each checks its permission on the server (kek/surveys/rules.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kek.core.views import require

from . import exports
from .models import Survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LISTING = "wagtailsnippets_surveys_survey:list"


@require_http_methods(["GET", "POST"])
def publish_results(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what publishing shows (and that free text stays private); POST: publish, or with
    `zuruecknehmen` withdraw the publication."""
    survey = get_object_or_404(Survey, pk=pk)
    require(request.user, "surveys.publish_results", survey)
    if request.method == "POST":
        if request.POST.get("aktion") == "zuruecknehmen":
            survey.results_published_at = None
            text = f"Die Ergebnisse von „{survey.title}“ sind nicht mehr öffentlich."
        else:
            survey.results_published_at = timezone.now()
            text = f"Die Ergebnisse von „{survey.title}“ sind veröffentlicht."
        survey.save(update_fields=["results_published_at"])
        messages.success(request, text)
        return redirect(LISTING)
    context = {
        "survey": survey,
        "responses": survey.responses.count(),
        "page_title": f"Ergebnisse veröffentlichen: {survey.title}",
    }
    return TemplateResponse(request, "surveys/admin/publish.html", context)


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "surveys.export_response")
    survey = get_object_or_404(Survey, pk=pk)
    return _download(
        exports.to_csv(survey), "text/csv; charset=utf-8", exports.file_name(survey, "csv")
    )


@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "surveys.export_response")
    survey = get_object_or_404(Survey, pk=pk)
    return _download(exports.to_xlsx(survey), XLSX, exports.file_name(survey, "xlsx"))
