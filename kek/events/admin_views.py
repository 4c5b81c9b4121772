"""Back-office views of an event (F24): its registrations, their CSV export for the planner
and "Veranstaltung absagen". Each checks its permission on the server (kek/events/rules.py)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kek.core.cells import defuse
from kek.core.sites import homes_for_regions
from kek.core.views import require

from . import registrations
from .forms import CancelEventForm
from .models import Event, EventState, Registration

CSV_COLUMNS = ["Name", "E-Mail-Adresse", "Organisation", "Stand", "Angemeldet am",
               "Bestätigt am", "Abgemeldet am"]  # fmt: skip


def _time(value: Any) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def registrations_of(event: Event) -> list[Registration]:
    """Places first, then the waiting list in its order, then unconfirmed and cancelled."""
    order = {"angemeldet": 0, "warteliste": 1, "unbestaetigt": 2, "abgemeldet": 3}
    found = list(event.registrations.all())
    return sorted(found, key=lambda r: (order[r.status], r.confirmed_at or r.created, r.pk))


@require_GET
def registration_list(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, "events.view_registration")
    event = get_object_or_404(Event.objects.select_related("location"), pk=pk)
    context = {
        "event": event,
        "registrations": registrations_of(event),
        "counts": registrations.counts(event),
        "free": registrations.free_places(event, registrations.counts(event)["registered"]),
        "page_title": f"Anmeldungen: {event.title}",
        "can_cancel": request.user.has_perm("events.cancel_event", event)
        and event.state != EventState.CANCELLED,
    }
    return TemplateResponse(request, "events/admin/registrations.html", context)


@require_GET
def registration_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """UTF-8 CSV (with BOM, ";" as in German spreadsheets), every text cell formula-safe."""
    require(request.user, "events.view_registration")
    event = get_object_or_404(Event, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="anmeldungen-{event.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_COLUMNS)
    for r in registrations_of(event):
        row = [r.name, r.email, r.organisation, r.get_status_display(), _time(r.created),
               _time(r.confirmed_at), _time(r.cancelled_at)]  # fmt: skip
        writer.writerow([defuse(value) for value in row])
    return response


def site_of(request: HttpRequest, event: Event) -> str:
    """The district's public start page as an absolute address, for the e-mails' links."""
    home = homes_for_regions([event.region_id]).get(event.region_id)
    url = home.get_full_url(request) if home is not None else None
    return url or request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def cancel_event(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    require(request.user, "events.cancel_event", event)
    if event.state == EventState.CANCELLED:
        messages.error(request, "Diese Veranstaltung ist schon abgesagt.")
        return redirect("kek_event_registrations", pk=event.pk)
    form = CancelEventForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        notice = registrations.cancel_event(
            event, data["reason"], data["message"], data["attachments"], request.user,
            site_of(request, event),
        )  # fmt: skip
        messages.success(
            request,
            f"„{event.title}“ ist abgesagt. Die Nachricht geht an {notice.recipients} "
            "Angemeldete (auch die Warteliste).",
        )
        return redirect("kek_event_registrations", pk=event.pk)
    counts = registrations.counts(event)
    context = {
        "event": event,
        "form": form,
        "recipients": counts["registered"] + counts["waiting"],
        "page_title": f"Veranstaltung absagen: {event.title}",
    }
    return TemplateResponse(request, "events/admin/cancel.html", context)
