"""A district's process timeline with everything its page and the documents show, in a fixed
number of queries."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from kek.committees.models import Meeting
from kek.events.models import Event
from kek.press.models import PressArticle

from .models import Phase, TimelineEntry


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
