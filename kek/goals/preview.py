"""Vorschau der Fortschreibung: a planner sees every public page of the district as it will
look once the draft version is published.

The planner turns the preview on in the back office; the session remembers the draft per
district. For each request of that planner, `PreviewMiddleware` makes `previewed(region)`
return the draft, which `queries.current_concept` then serves instead of the current
version; everyone else keeps seeing the current version. Preview responses are never cached.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from .models import Concept

SESSION_KEY = "kek_preview"
_drafts: ContextVar[dict[int, int] | None] = ContextVar("kek_preview", default=None)


def previewed(region_id: int) -> Concept | None:
    """The draft the requesting planner previews for the district, if any."""
    drafts = _drafts.get()
    if not drafts or region_id not in drafts:
        return None
    return Concept.objects.filter(
        pk=drafts[region_id], region_id=region_id, status=Concept.Status.DRAFT
    ).first()


def start(request: HttpRequest, concept: Concept) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    drafts[str(concept.region_id)] = concept.pk
    request.session[SESSION_KEY] = drafts


def stop(request: HttpRequest, region_id: int | None = None) -> None:
    drafts = dict(request.session.get(SESSION_KEY, {}))
    if region_id is None:
        drafts.clear()
    else:
        drafts.pop(str(region_id), None)
    request.session[SESSION_KEY] = drafts


class PreviewMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        wanted = session.get(SESSION_KEY) if session is not None else None
        if not wanted or not request.user.has_perm("goals.view_draft_concept"):
            return self.get_response(request)
        token = _drafts.set({int(region): pk for region, pk in wanted.items()})
        try:
            response = self.get_response(request)
        finally:
            _drafts.reset(token)
        add_never_cache_headers(response)
        return response


def context(request: HttpRequest) -> dict[str, object]:
    """Template context: the draft shown on this district's page (for the preview banner)."""
    drafts = _drafts.get()
    if not drafts:
        return {}
    concepts = Concept.objects.filter(pk__in=list(drafts.values()), status=Concept.Status.DRAFT)
    return {"preview_drafts": {c.region_id: c for c in concepts}}
