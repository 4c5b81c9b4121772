"""Back-office actions on concept versions; each asks for confirmation and checks its permission."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from kek.core.sites import homes_for_regions
from kek.core.views import require

from . import preview, versions
from .models import Concept

LISTING = "wagtailsnippets_goals_concept:list"


def _next(request) -> str:
    """Where to go afterwards: a page of this site the request names (`next`), else the list."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and safe else reverse(LISTING)


def _confirm(request, concept: Concept, permission: str, action, heading: str, text: str):
    require(request.user, permission)
    back = _next(request)
    if request.method == "POST":
        message = action(concept, request.user)
        messages.success(request, message)
        return redirect(back)
    context = {"concept": concept, "heading": heading, "text": text, "page_title": heading,
               "next": back}  # fmt: skip
    return TemplateResponse(request, "goals/admin/confirm.html", context)


@require_http_methods(["GET", "POST"])
def new_version(request, pk: int):
    concept = get_object_or_404(Concept, pk=pk)

    def action(concept: Concept, user) -> str:
        copy = versions.new_version(concept, user)
        return f"Version {copy.version} wurde als Entwurf angelegt."

    return _confirm(
        request,
        concept,
        "goals.copy_concept",
        action,
        "Neue Version anlegen",
        f"Aus „{concept}“ wird eine neue Version als Entwurf angelegt, mit allen Handlungsfeldern "
        "und Zielen. Die bisherige Version bleibt unverändert und öffentlich, bis Sie die neue "
        "veröffentlichen.",
    )


@require_http_methods(["GET", "POST"])
def preview_version(request, pk: int):
    """Turn the preview of a draft on (GET shows what it is, POST starts it) and go to the
    district's start page; `?ende` or POST `stop` turns it off."""
    concept = get_object_or_404(Concept, pk=pk)
    require(request.user, "goals.view_draft_concept")
    if request.method == "POST" and "stop" in request.POST:
        preview.stop(request, concept.region_id)
        messages.success(request, "Die Vorschau ist beendet; Sie sehen die aktuelle Version.")
        return redirect(_next(request))
    if not concept.is_editable:
        messages.error(request, "Eine Vorschau gibt es nur für eine Fortschreibung im Entwurf.")
        return redirect(reverse(LISTING))
    if request.method == "POST":
        preview.start(request, concept)
        homes = homes_for_regions([concept.region_id])
        home = homes.get(concept.region_id)
        return redirect(home.url if home is not None else reverse(LISTING))
    return TemplateResponse(
        request,
        "goals/admin/confirm.html",
        {
            "concept": concept,
            "heading": "Vorschau starten",
            "page_title": "Vorschau der Fortschreibung",
            "text": f"Sie sehen danach jede öffentliche Seite mit „{concept}“, so wie sie nach "
            "dem Veröffentlichen aussieht. Nur Sie sehen das; alle anderen sehen weiter die "
            "aktuelle Version. Ein Hinweis oben auf jeder Seite erinnert daran und beendet die "
            "Vorschau.",
        },
    )


class PublishForm(forms.Form):
    adopted_on = forms.DateField(
        label="Beschlossen am", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    adopted_by = forms.CharField(label="Beschlossen durch", required=False, max_length=120)
    resolution_number = forms.CharField(label="Beschlussnummer", required=False, max_length=60)
    confirm = forms.BooleanField(
        label="Ich habe die Änderungen für die Öffentlichkeit geprüft.",
        error_messages={"required": "Bitte bestätigen Sie, dass Sie die Änderungen geprüft haben."},
    )

    def __init__(self, concept: Concept, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("adopted_on", "adopted_by", "resolution_number"):
            if getattr(concept, name):
                del self.fields[name]
        if "adopted_by" in self.fields:
            self.fields["adopted_by"].initial = "Kreistag"

    def adoption(self) -> versions.Adoption:
        data = self.cleaned_data
        return versions.Adoption(
            data.get("adopted_on"), data.get("adopted_by", ""), data.get("resolution_number", "")
        )


@require_http_methods(["GET", "POST"])
def publish(request, pk: int):
    """Shows what publishing changes for the public; publishes after an explicit confirmation,
    or puts the version forward when a second person must release it."""
    concept = get_object_or_404(Concept, pk=pk)
    require(request.user, "goals.publish_concept")
    form = PublishForm(concept, request.POST or None)
    second_person = versions.needs_second_person(concept, request.user)
    if request.method == "POST":
        try:
            if "submit" in request.POST:
                versions.submit(concept, request.user)
                messages.success(request, f"Version {concept.version} liegt zur Freigabe vor.")
                return redirect(reverse(LISTING))
            if form.is_valid():
                versions.publish(concept, request.user, form.adoption())
                messages.success(
                    request,
                    f"Version {concept.version} ist beschlossen und jetzt die aktuelle, "
                    "öffentliche Version.",
                )
                return redirect(reverse(LISTING))
        except versions.PublicationRefused as refused:
            form.add_error(None, str(refused))
    context = {
        "concept": concept,
        "form": form,
        "changes": versions.publication_changes(concept),
        "current": Concept.objects.current_for(concept.region),
        "second_person": second_person,
        "page_title": f"Version {concept.version} veröffentlichen",
        "header_title": f"Version {concept.version} veröffentlichen",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "goals/admin/publish.html", context, status=status)
