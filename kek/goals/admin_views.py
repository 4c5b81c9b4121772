"""Back-office actions on concept versions; each asks for confirmation and checks its permission."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from kek.core.views import require

from . import versions
from .models import Concept

LISTING = "wagtailsnippets_goals_concept:list"


def _confirm(request, concept: Concept, permission: str, action, heading: str, text: str):
    require(request.user, permission)
    if request.method == "POST":
        message = action(concept, request.user)
        messages.success(request, message)
        return redirect(reverse(LISTING))
    return TemplateResponse(
        request,
        "goals/admin/confirm.html",
        {"concept": concept, "heading": heading, "text": text, "page_title": heading},
    )


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
def make_current(request, pk: int):
    concept = get_object_or_404(Concept, pk=pk)

    def action(concept: Concept, user) -> str:
        versions.make_current(concept, user)
        return f"Version {concept.version} ist jetzt die aktuelle, öffentliche Version."

    return _confirm(
        request,
        concept,
        "goals.publish_concept",
        action,
        "Version veröffentlichen",
        f"„{concept}“ wird die aktuelle Version dieses Landkreises und erscheint auf der "
        "öffentlichen Website. Eine bisher beschlossene Version wird als abgelöst gekennzeichnet.",
    )
