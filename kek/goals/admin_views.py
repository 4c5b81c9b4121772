"""Back-office actions on concept versions; each asks for confirmation and checks its permission."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from kek.core.views import require

from . import versions
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
