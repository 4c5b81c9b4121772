"""Back-office actions on concept versions; each asks for confirmation and checks its permission."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from kek.committees import resolutions
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


class AgendaItemChoice(forms.ModelChoiceField):
    """The district's agenda items with a result, newest first."""

    def __init__(self, concept: Concept, **kwargs) -> None:
        super().__init__(resolutions.with_result(concept.region), **kwargs)

    def label_from_instance(self, obj) -> str:
        return resolutions.choice_label(obj)


NEW_FIELDS = ("adopted_on", "adopted_by", "top", "result", "resolution_number")


class PublishForm(forms.Form):
    """The adoption: an agenda item of the district (imported or recorded before), or a new
    one from date, committee, TOP, result and Beschlussnummer."""

    adopted_on = forms.DateField(
        label="Beschlossen am", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    adopted_by = forms.CharField(label="Gremium", required=False, max_length=200)
    top = forms.CharField(label="TOP (Nummer auf der Tagesordnung)", required=False, max_length=20)
    result = forms.CharField(label="Ergebnis", required=False, max_length=200)
    resolution_number = forms.CharField(label="Beschlussnummer", required=False, max_length=100)
    confirm = forms.BooleanField(
        label="Ich habe die Änderungen für die Öffentlichkeit geprüft.",
        error_messages={"required": "Bitte bestätigen Sie, dass Sie die Änderungen geprüft haben."},
    )

    def __init__(self, concept: Concept, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if concept.adoption_id:
            for name in NEW_FIELDS:
                del self.fields[name]
            return
        choice = AgendaItemChoice(
            concept,
            label="Vorhandener Beschluss (Tagesordnungspunkt)",
            required=False,
            empty_label="– keiner, neuen Beschluss eintragen –",
        )
        self.fields = {"adoption": choice, **self.fields}
        self.fields["adopted_by"].initial = "Kreistag"
        self.fields["result"].initial = "beschlossen"

    def clean(self):
        data = super().clean() or {}
        typed = any(data.get(name) for name in ("adopted_on", "top", "resolution_number"))
        if data.get("adoption") is not None and typed:
            raise forms.ValidationError(
                "Bitte wählen Sie einen vorhandenen Beschluss oder tragen Sie einen neuen ein, "
                "nicht beides."
            )
        return data

    def adoption_given(self) -> versions.Adoption:
        data = self.cleaned_data
        return versions.Adoption(
            on=data.get("adopted_on"),
            by=data.get("adopted_by", ""),
            number=data.get("resolution_number", ""),
            top=data.get("top", ""),
            result=data.get("result", ""),
            item=data.get("adoption"),
        )


class LinkAdoptionForm(forms.Form):
    def __init__(self, concept: Concept, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["adoption"] = AgendaItemChoice(
            concept,
            label="Beschluss (Tagesordnungspunkt)",
            initial=concept.adoption_id,
            error_messages={"required": "Bitte wählen Sie den Tagesordnungspunkt des Beschlusses."},
        )


@require_http_methods(["GET", "POST"])
def link_adoption(request, pk: int):
    """Point a version at another agenda item of its district; only this link changes, also
    for an adopted version (permission goals.link_adoption; recorded in its history)."""
    concept = get_object_or_404(Concept, pk=pk)
    require(request.user, "goals.link_adoption", concept)
    form = LinkAdoptionForm(concept, request.POST or None)
    if request.method == "POST" and form.is_valid():
        versions.link_adoption(concept, form.cleaned_data["adoption"], request.user)
        messages.success(request, f"Der Beschluss von Version {concept.version} ist verknüpft.")
        return redirect(_next(request))
    context = {
        "concept": concept,
        "form": form,
        "next": _next(request),
        "page_title": f"Beschluss von Version {concept.version} verknüpfen",
        "header_title": f"Beschluss von Version {concept.version} verknüpfen",
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "goals/admin/link_adoption.html", context, status=status)


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
                versions.publish(concept, request.user, form.adoption_given())
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
