"""The public timeline "Der Weg zum KEK" (F18); routes in process/public.py."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kek.committees.models import Meeting
from kek.core.views import render
from kek.events.models import Event
from kek.goals.models import Concept
from kek.press.models import PressArticle

from .models import Phase, State, TimelineEntry

ALL_PHASES = ""


def phases_of(region) -> QuerySet[Phase]:
    """A district's phases with their milestones, links, versions, meetings, events and
    press articles,
    in a fixed number of queries. The page is public (and cacheable), so it shows the public
    meetings only, whoever asks."""
    meetings = Meeting.objects.visible_to(AnonymousUser()).order_by("start", "id")
    articles = PressArticle.objects.select_related("series").order_by("part", "first_date", "id")
    events = Event.objects.order_by("start", "id")
    entries = (
        TimelineEntry.objects.select_related("concept")
        .prefetch_related(
            "links__document",
            Prefetch("meetings", queryset=meetings),
            Prefetch("press_articles", queryset=articles),
            Prefetch("events", queryset=events),
        )
        .order_by("sort_order", "id")
    )
    return (
        Phase.objects.filter(region=region)
        .prefetch_related(Prefetch("entries", queryset=entries))
        .order_by("position", "id")
    )


def key_entries(region) -> list[TimelineEntry]:
    """The milestones marked for the start page, in the timeline's order."""
    return list(
        TimelineEntry.objects.filter(phase__region=region, is_key=True)
        .select_related("phase")
        .order_by("phase__position", "phase_id", "sort_order", "id")
    )


def public_versions(region) -> set[int]:
    return set(Concept.objects.public().filter(region=region).values_list("pk", flat=True))


def timeline_page(request: HttpRequest, home) -> HttpResponse:
    phases = list(phases_of(home.region))
    chosen = request.GET.get("phase", ALL_PHASES)
    if chosen and chosen not in {p.slug for p in phases}:
        raise Http404("Diese Phase gibt es im Projektverlauf nicht.")
    shown = [p for p in phases if not chosen or p.slug == chosen]
    count = sum(len(p.entries.all()) for p in shown)
    context = {
        "phases": phases,
        "shown": shown,
        "chosen": chosen,
        "chosen_phase": shown[0] if chosen else None,
        "count": count,
        "public_versions": public_versions(home.region),
        "states": State,
    }
    return render(request, home, "process/timeline_page.html", context)
