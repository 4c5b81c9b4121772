"""The view kit shared by every app's public pages: render for a district, require a
permission. Public views take `(request, home, …)`, `home` being the district's start page."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.http import require_safe

from .registry import PagePart, Registry


def render(
    request: HttpRequest, home: Any, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """A page of the district's site: `page` (and Wagtail's `self`) is the start page."""
    context = {"page": home, "self": home, **context}
    return TemplateResponse(request, template, context, status=status)


def require(user: Any, permission: str, obj: Any = None) -> None:
    """Refuse (403) unless `user` has `permission`, on `obj` when given (django-rules)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def add_parts(
    context: dict[str, Any], registry: Registry[PagePart], place: str, *args: Any
) -> list[str]:
    """Merge the context of the parts apps registered for `place` into `context` (each app
    prefixes its keys) and return their templates, in order."""
    templates = []
    for part in registry:
        if part.place == place:
            context.update(part.context(*args))
            templates.append(part.template)
    return templates


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers and feed readers ask for without reading the page's <link>:
    a redirect to the static icon (kek/favicon.ico, hashed name when the manifest is on)."""
    return redirect(static("kek/favicon.ico"))
