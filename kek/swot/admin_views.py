"""Back office: the rules' suggestions, to be accepted (then edited) or rejected with a reason.

Every write checks its own permission (swot.refresh_/accept_/reject_swotsuggestion)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kek.core.views import require
from kek.goals.models import Concept
from kek.regions.models import Region

from . import suggestions
from .models import SwotSuggestion

LISTING = "kek_swot_suggestions"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Grund der Ablehnung",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Wird gespeichert; der Vorschlag kommt für dieselben Daten nicht wieder.",
        max_length=2000,
        error_messages={"required": "Bitte geben Sie den Grund der Ablehnung an."},
    )


def no_draft_text(region: Region) -> str:
    return (
        f"{region.name} hat keine Version im Entwurf. Übernommene Vorschläge kommen in die "
        "Fortschreibung, nicht in die beschlossene Version: legen Sie zuerst eine neue Version "
        "an („Neue Version daraus anlegen“)."
    )


def _districts():
    return Region.objects.filter(concepts__is_current=True).distinct().order_by("name")


def _district(request) -> Region | None:
    key = request.POST.get("gebiet") or request.GET.get("gebiet")
    districts = _districts()
    return (districts.filter(ags=key).first() if key else None) or districts.first()


@require_http_methods(["GET"])
def suggestion_list(request):
    require(request.user, "swot.view_swotsuggestion")
    region = _district(request)
    rows = (
        SwotSuggestion.objects.filter(region=region)
        .select_related("indicator", "item", "decided_by")
        .order_by("status", "indicator__name", "kind", "rule")
    )
    groups = [
        (label, [s for s in rows if s.status == status])
        for status, label in SwotSuggestion.Status.choices
    ]
    context = {
        "page_title": "SWOT-Vorschläge aus den Daten",
        "header_title": "SWOT-Vorschläge aus den Daten",
        "region": region,
        "districts": _districts(),
        "groups": groups,
        "reject_form": RejectForm(),
    }
    return TemplateResponse(request, "swot/admin/suggestions.html", context)


@require_POST
def refresh(request):
    require(request.user, "swot.refresh_swotsuggestion")
    region = _district(request)
    if region is None:
        messages.error(request, "Es gibt noch keinen Landkreis mit einem aktuellen Konzept.")
        return redirect(reverse(LISTING))
    done = suggestions.refresh(region)
    messages.success(request, f"{region.name}: {done.summary()}")
    return redirect(f"{reverse(LISTING)}?gebiet={region.ags}")


@require_POST
def accept(request, pk: int):
    require(request.user, "swot.accept_swotsuggestion")
    suggestion = get_object_or_404(SwotSuggestion, pk=pk, status=SwotSuggestion.Status.OPEN)
    # Into the Fortschreibung being worked on, never into the public adopted version (issue 11).
    concept = Concept.objects.working_draft(suggestion.region)
    if concept is None:
        messages.error(request, no_draft_text(suggestion.region))
        return redirect(f"{reverse(LISTING)}?gebiet={suggestion.region.ags}")
    item = suggestions.accept(suggestion, concept, request.user)
    messages.success(
        request,
        f"Der Vorschlag ist als Eintrag in Version {concept.version} (Entwurf) übernommen. "
        "Bitte Titel und Erläuterung prüfen.",
    )
    return redirect(reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk]))


@require_http_methods(["GET", "POST"])
def reject(request, pk: int):
    require(request.user, "swot.reject_swotsuggestion")
    suggestion = get_object_or_404(SwotSuggestion, pk=pk, status=SwotSuggestion.Status.OPEN)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        suggestions.reject(suggestion, form.cleaned_data["reason"], request.user)
        messages.success(request, "Der Vorschlag ist abgelehnt.")
        return redirect(f"{reverse(LISTING)}?gebiet={suggestion.region.ags}")
    context = {
        "page_title": "Vorschlag ablehnen",
        "header_title": "Vorschlag ablehnen",
        "suggestion": suggestion,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "swot/admin/reject.html", context, status=status)
