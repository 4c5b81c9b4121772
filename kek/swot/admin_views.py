"""Back office: the rules' suggestions, to be accepted (then edited) or rejected with a reason.

Every write checks its own permission (swot.refresh_/accept_/reject_swotsuggestion)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from kek.core.views import require
from kek.goals.models import Concept
from kek.regions.models import Region

from . import suggestions
from .models import SwotItem, SwotSuggestion

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


def _target(region: Region | None) -> dict:
    """Where accepted suggestions go: the district's working draft (issue 11), else the way
    to start one."""
    if region is None:
        return {}
    draft = Concept.objects.working_draft(region)
    current = Concept.objects.current_for(region)
    return {"target": draft, "current": current, "no_draft": no_draft_text(region)}


@require_http_methods(["GET"])
def suggestion_list(request):
    require(request.user, "swot.view_swotsuggestion")
    region = _district(request)
    rows = list(
        SwotSuggestion.objects.filter(region=region)
        .select_related("indicator", "item", "decided_by", "region")
        .order_by("status", "indicator__name", "kind", "rule")
    )
    labels = suggestions.rule_labels()
    for row in rows:
        row.described = suggestions.describe(row, labels)  # type: ignore[attr-defined]
    groups = [
        (status, label, [s for s in rows if s.status == status])
        for status, label in SwotSuggestion.Status.choices
    ]
    context = {
        "page_title": "SWOT-Vorschläge aus den Daten",
        "header_title": "SWOT-Vorschläge aus den Daten",
        "region": region,
        "districts": _districts(),
        "groups": groups,
        "reject_form": RejectForm(),
        "here": request.get_full_path(),
        **_target(region),
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


@require_http_methods(["GET", "POST"])
def accept(request, pk: int):
    """GET: where the item will go, its text, and items that rest on the same indicator
    already; POST creates it (after such a warning only with `confirm`)."""
    require(request.user, "swot.accept_swotsuggestion")
    suggestion = get_object_or_404(
        SwotSuggestion.objects.select_related("indicator", "region"),
        pk=pk,
        status=SwotSuggestion.Status.OPEN,
    )
    # Into the Fortschreibung being worked on, never into the public adopted version (issue 11).
    concept = Concept.objects.working_draft(suggestion.region)
    if concept is None:
        messages.error(request, no_draft_text(suggestion.region))
        return redirect(f"{reverse(LISTING)}?gebiet={suggestion.region.ags}")
    same = suggestions.duplicates(suggestion, concept)
    if request.method == "POST" and (not same or request.POST.get("confirm")):
        item = suggestions.accept(suggestion, concept, request.user)
        messages.success(
            request,
            f"Der Vorschlag ist als Eintrag „{item.title}“ in Version {concept.version} "
            f"(Entwurf) von „{concept.title}“ übernommen. Bitte Titel und Erläuterung prüfen.",
        )
        return redirect(reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk]))
    context = {
        "page_title": "Vorschlag übernehmen",
        "header_title": "Vorschlag übernehmen",
        "suggestion": suggestion,
        "described": suggestions.describe(suggestion),
        "target": concept,
        "duplicates": [(item, _item_url(item)) for item in same],
    }
    return TemplateResponse(request, "swot/admin/accept.html", context)


def _item_url(item: SwotItem) -> str:
    return reverse("wagtailsnippets_swot_swotitem:edit", args=[item.pk])


@require_POST
def bulk(request):
    """Accept or reject several open suggestions of a district at once; the permission of the
    chosen action is checked, duplicates of existing items are left open and named."""
    action = request.POST.get("aktion", "")
    if action not in ("accept", "reject"):
        messages.error(request, "Bitte wählen Sie „Übernehmen“ oder „Ablehnen“.")
        return redirect(reverse(LISTING))
    require(request.user, f"swot.{action}_swotsuggestion")
    region = _district(request)
    back = f"{reverse(LISTING)}?gebiet={region.ags}" if region else reverse(LISTING)
    chosen = SwotSuggestion.objects.filter(
        region=region, status=SwotSuggestion.Status.OPEN, pk__in=_ids(request)
    ).select_related("indicator", "region")
    if not chosen:
        messages.error(request, "Bitte wählen Sie mindestens einen offenen Vorschlag aus.")
        return redirect(back)
    if action == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Bitte geben Sie den Grund der Ablehnung an.")
            return redirect(back)
        with transaction.atomic():
            for suggestion in chosen:
                suggestions.reject(suggestion, form.cleaned_data["reason"], request.user)
        messages.success(request, f"{_count(len(chosen))} abgelehnt.")
        return redirect(back)
    concept = Concept.objects.working_draft(region) if region else None
    if concept is None:
        messages.error(request, no_draft_text(region) if region else "Kein Landkreis gewählt.")
        return redirect(back)
    accepted, skipped = [], []
    with transaction.atomic():
        for suggestion in chosen:
            if suggestions.duplicates(suggestion, concept):
                skipped.append(suggestion.indicator.name)
                continue
            accepted.append(suggestions.accept(suggestion, concept, request.user))
    text = f"{_count(len(accepted))} in Version {concept.version} (Entwurf) übernommen."
    if skipped:
        text += (
            f" {_count(len(skipped))} offen gelassen, weil es zum selben Indikator schon einen "
            f"Eintrag gibt ({', '.join(sorted(set(skipped)))}); einzeln übernehmen, um sie "
            "trotzdem anzulegen."
        )
    (messages.success if accepted else messages.warning)(request, text)
    return redirect(back)


def _ids(request) -> list[int]:
    return [int(value) for value in request.POST.getlist("vorschlag") if value.isdigit()]


def _count(n: int) -> str:
    return f"{n} Vorschlag" if n == 1 else f"{n} Vorschläge"


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
