"""The public timeline "Der Weg zum KEK" (F18); routes in process/public.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from kek.core.views import render
from kek.goals.models import Concept

from .models import State, TimelineEntry
from .queries import phases_of

ALL_PHASES = ""


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
