"""Public pages of the events (F24): the list, an event with its registration form, the
confirmation and cancellation links of the e-mails, the iCalendar file; the start page's next
events and the privacy page's note. Routes in events/public.py.

A link from an e-mail shows a button on GET and changes something only on POST: mail
scanners open links. Each page reads a fixed number of queries, however many events it lists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from kek.core.ical import ics_response
from kek.core.routes import base_url, route_url
from kek.core.views import render

from . import ical, registrations
from .forms import RegistrationForm
from .models import Event
from .models import RegistrationStatus as S

START_PAGE_EVENTS = 3
PRIVACY_SLUG = "datenschutz"


def events_of(home: Any) -> QuerySet[Event]:
    return (
        Event.objects.filter(region_id=home.region_id)
        .select_related("location")
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=S.REGISTERED)),
            waiting=Count("registrations", filter=Q(registrations__status=S.WAITING)),
        )
    )


def with_free(events: list[Event]) -> list[Event]:
    """Each event annotated by `events_of` gets `free`, its free places (None: no limit)."""
    for event in events:
        event.free = registrations.free_places(event, getattr(event, "registered", 0))
    return events


def split(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """Upcoming events (soonest first) and past ones (newest first)."""
    now = timezone.now()
    upcoming = sorted((e for e in events if (e.end or e.start) >= now), key=lambda e: e.start)
    past = sorted((e for e in events if (e.end or e.start) < now), key=lambda e: e.start)
    return upcoming, past[::-1]


def events_page(request: HttpRequest, home: Any) -> HttpResponse:
    upcoming, past = split(with_free(list(events_of(home))))
    context = {"upcoming": upcoming, "past": past}
    return render(request, home, "events/event_list.html", context)


def site_url(request: HttpRequest, home: Any) -> str:
    """The district's start page as an absolute address, for the links in the e-mails."""
    return request.build_absolute_uri(base_url(home))


def _event(home: Any, pk: int) -> Event:
    return get_object_or_404(events_of(home), pk=pk)


def event_page(
    request: HttpRequest, home: Any, pk: int, form: RegistrationForm | None = None
) -> HttpResponse:
    (event,) = with_free([_event(home, pk)])
    is_open = event.registration_open()
    if is_open and form is None:
        form = RegistrationForm()
    context = {
        "event": event,
        "form": form if is_open else None,
        "errors": _errors(form),
        "privacy_url": base_url(home) + f"{PRIVACY_SLUG}/",
        "opens_later": _opens_later(event),
    }
    return render(request, home, "events/event_detail.html", context)


def _opens_later(event: Event) -> bool:
    opens = event.registration_opens
    return bool(
        event.registration and event.state == "geplant" and opens and opens > timezone.now()
    )


def _errors(form: RegistrationForm | None) -> list[dict[str, str]]:
    if form is None or not form.errors:
        return []
    return [
        {"href": f"#{form[name].auto_id}", "text": f"{form.fields[name].label}: {error}"}
        for name, errors in form.errors.items()
        for error in errors
    ]


@require_POST
def register(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    event = _event(home, pk)
    if not event.registration_open():
        return render(request, home, "events/closed.html", {"event": event}, status=409)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return event_page(request, home, pk, form)
    data = form.cleaned_data
    registrations.register(
        event, data["name"], data["email"], data["organisation"], site_url(request, home)
    )
    return redirect(route_url("event_registered", home, event.pk))


def registered_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    """The same answer for a new address and one already registered."""
    return render(request, home, "events/registered.html", {"event": _event(home, pk)})


def _link_page(request: HttpRequest, home: Any, token: str, action: str) -> HttpResponse:
    """GET: what the link would do, and the button; POST: do it."""
    if action == "confirm":
        found = registrations.pending_for(token)
    else:
        found = registrations.holding_for(token)
    if found is not None and found.event.region_id != home.region_id:
        found = None
    if request.method == "POST" and found is not None:
        run = registrations.confirm if action == "confirm" else registrations.cancel
        outcome = run(token, site_url(request, home))
        context = {"registration": outcome.registration, "event": found.event, "done": True}
        return render(request, home, f"events/{action}.html", context)
    context = {"registration": found, "event": found.event if found else None, "done": False}
    return render(request, home, f"events/{action}.html", context, status=200 if found else 404)


def confirm_page(request: HttpRequest, home: Any, token: str) -> HttpResponse:
    return _link_page(request, home, token, "confirm")


def cancel_page(request: HttpRequest, home: Any, token: str) -> HttpResponse:
    return _link_page(request, home, token, "cancel")


def event_ics(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    event = _event(home, pk)
    url = request.build_absolute_uri(route_url("event", home, event.pk))
    content = ical.event_calendar(event, url, request.get_host())
    return ics_response(content, f"veranstaltung-{event.pk}.ics")


def start_events(home: Any, concept: Any) -> dict[str, Any]:
    """Start page, section "Beteiligung": the next events."""
    now = timezone.now()
    upcoming = with_free(
        list(
            events_of(home)
            .filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))
            .order_by("start", "id")[:START_PAGE_EVENTS]
        )
    )
    has_events = bool(upcoming) or Event.objects.filter(region_id=home.region_id).exists()
    return {"next_events": upcoming, "has_events": has_events}


def privacy_note(home: Any) -> dict[str, Any]:
    return {"retention_days": registrations.retention_days()}
