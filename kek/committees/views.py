"""Public pages of the committees (F19): Gremien, Sitzungskalender, Sitzung, Vorlage, the
files and the iCalendar downloads; routes in committees/public.py.

Every object comes through its queryset's `visible_to(request.user)`: a deleted object never
shows, a non-public meeting, agenda item or file only for the committee's members and the
planners. Each page reads a fixed number of queries, however many rows it lists.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import patch_cache_control

from kek.core import ical as core_ical
from kek.core.routes import route_url
from kek.core.views import render

from . import ical
from .models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    Meeting,
    Membership,
    Organization,
    Paper,
)


def body_of(home: Any) -> Body | None:
    return Body.objects.filter(region_id=home.region_id, deleted=False).first()


def _live_organizations() -> QuerySet[Organization]:
    return Organization.objects.filter(deleted=False)


def _memberships() -> QuerySet[Membership]:
    return (
        Membership.objects.filter(deleted=False, person__deleted=False)
        .select_related("person")
        .order_by("end_date", "person__family_name", "person__given_name", "person__name", "id")
    )


def _sorted_members(memberships: list[Membership]) -> list[Membership]:
    """Current members first (no end or an end still to come), then former ones."""
    return sorted(memberships, key=lambda m: not m.is_current)


def meetings_of(user: Any, body: Body | None) -> QuerySet[Meeting]:
    if body is None:
        return Meeting.objects.none()
    return (
        Meeting.objects.visible_to(user)
        .filter(body=body)
        .select_related("location")
        .prefetch_related(Prefetch("organizations", queryset=_live_organizations()))
    )


def organizations_page(request: HttpRequest, home: Any) -> HttpResponse:
    body = body_of(home)
    organizations: list[Organization] = []
    if body is not None:
        organizations = list(
            Organization.objects.visible_to(request.user)
            .filter(body=body)
            .prefetch_related(Prefetch("memberships", queryset=_memberships()))
        )
    for organization in organizations:
        organization.members = _sorted_members(list(organization.memberships.all()))
    organizations.sort(key=lambda o: not o.is_current)
    return render(
        request,
        home,
        "committees/organization_list.html",
        {"body": body, "organizations": organizations},
    )


def organization_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    body = body_of(home)
    organization = get_object_or_404(
        Organization.objects.visible_to(request.user).filter(body=body), pk=pk
    )
    members = _sorted_members(list(_memberships().filter(organization=organization)))
    upcoming, past = split(list(meetings_of(request.user, body).filter(organizations=organization)))
    return render(
        request,
        home,
        "committees/organization_detail.html",
        {
            "body": body,
            "organization": organization,
            "members": members,
            "upcoming": upcoming,
            "past": past,
        },
    )


def split(meetings: list[Meeting]) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings (soonest first; those without a date last) and past ones (newest
    first)."""
    now = timezone.now()
    upcoming = [m for m in meetings if m.start is None or m.start >= now]
    past = [m for m in meetings if m.start is not None and m.start < now]
    upcoming.sort(key=lambda m: (m.start is None, m.start or now, m.pk))
    past.sort(key=lambda m: (m.start, m.pk), reverse=True)
    return upcoming, past


def calendar_page(request: HttpRequest, home: Any) -> HttpResponse:
    body = body_of(home)
    upcoming, past = split(list(meetings_of(request.user, body)))
    return render(
        request,
        home,
        "committees/meeting_list.html",
        {"body": body, "upcoming": upcoming, "past": past},
    )


def _allowed_files(user: Any, files: list[File | None]) -> set[int]:
    ids = {f.pk for f in files if f is not None}
    return set(File.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def _visible_meeting(request: HttpRequest, home: Any, pk: int) -> Meeting:
    body = body_of(home)
    return get_object_or_404(
        meetings_of(request.user, body).select_related(
            "invitation", "results_protocol", "verbatim_protocol"
        ),
        pk=pk,
    )


def meeting_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, home, pk)
    consultations = Consultation.objects.filter(deleted=False, paper__deleted=False).select_related(
        "paper"
    )
    items = list(
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("resolution_file")
        .prefetch_related(
            Prefetch("auxiliary_files", queryset=File.objects.filter(deleted=False)),
            Prefetch("consultations", queryset=consultations),
        )
        .order_by("order", "id")
    )
    auxiliary = list(meeting.auxiliary_files.filter(deleted=False))
    candidates: list[File | None] = [
        meeting.invitation,
        meeting.results_protocol,
        meeting.verbatim_protocol,
        *auxiliary,
    ]
    for item in items:
        candidates += [item.resolution_file, *item.auxiliary_files.all()]
    allowed = _allowed_files(request.user, candidates)

    def shown(file: File | None) -> File | None:
        return file if file is not None and file.pk in allowed else None

    for item in items:
        item.shown_resolution_file = shown(item.resolution_file)
        item.shown_files = [f for f in item.auxiliary_files.all() if f.pk in allowed]
    files = [
        (label, shown(file))
        for label, file in (
            ("Einladung", meeting.invitation),
            ("Ergebnisprotokoll", meeting.results_protocol),
            ("Wortprotokoll", meeting.verbatim_protocol),
        )
        if shown(file)
    ] + [("Weitere Datei", f) for f in auxiliary if f.pk in allowed]
    response = render(
        request,
        home,
        "committees/meeting_detail.html",
        {"meeting": meeting, "items": items, "files": files, "now": timezone.now()},
    )
    if not meeting.public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def paper_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    body = body_of(home)
    paper = get_object_or_404(
        Paper.objects.visible_to(request.user)
        .filter(body=body)
        .select_related("main_file")
        .prefetch_related(
            Prefetch("under_direction_of", queryset=_live_organizations()),
            Prefetch("related_papers", queryset=Paper.objects.filter(deleted=False)),
            Prefetch("auxiliary_files", queryset=File.objects.filter(deleted=False)),
        ),
        pk=pk,
    )
    user = request.user
    consultations = list(
        paper.consultations.filter(deleted=False)
        .filter(
            Q(agenda_item__isnull=True) | Q(agenda_item__in=AgendaItem.objects.visible_to(user))
        )
        .filter(Q(meeting__isnull=True) | Q(meeting__in=Meeting.objects.visible_to(user)))
        .select_related("agenda_item", "meeting")
        .prefetch_related(
            Prefetch("organizations", queryset=_live_organizations()),
            Prefetch("meeting__organizations", queryset=_live_organizations()),
        )
        .order_by("meeting__start", "id")
    )
    auxiliary = list(paper.auxiliary_files.all())
    allowed = _allowed_files(user, [paper.main_file, *auxiliary])
    main_file = paper.main_file if paper.main_file and paper.main_file.pk in allowed else None
    return render(
        request,
        home,
        "committees/paper_detail.html",
        {
            "paper": paper,
            "consultations": consultations,
            "main_file": main_file,
            "files": [f for f in auxiliary if f.pk in allowed],
        },
    )


def file_download(request: HttpRequest, home: Any, pk: int) -> HttpResponseBase:
    body = body_of(home)
    file = get_object_or_404(File.objects.visible_to(request.user).filter(body=body), pk=pk)
    if not file.file:
        if file.access_url:
            return HttpResponseRedirect(file.access_url)
        raise Http404("Zu diesem Eintrag ist keine Datei hinterlegt.")
    response = FileResponse(
        file.file.open("rb"),
        content_type=file.mime_type or "application/octet-stream",
        filename=file.file_name or "",
    )
    if not file.public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _address(request: HttpRequest, home: Any, name: str, *args: Any) -> str:
    return request.build_absolute_uri(route_url(name, home, *args))


def meeting_ics(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, home, pk)
    if meeting.start is None:
        raise Http404("Für diese Sitzung steht noch kein Termin fest.")
    items = list(
        AgendaItem.objects.visible_to(AnonymousUser() if meeting.public else request.user)
        .filter(meeting=meeting)
        .order_by("order", "id")
    )
    calendar = ical.calendar(
        [ical.Event(meeting, items, _address(request, home, "committee_meeting", meeting.pk))],
        name=meeting.name,
        host=request.get_host(),
    )
    return core_ical.ics_response(calendar, f"sitzung-{meeting.pk}.ics", private=not meeting.public)


def calendar_ics(request: HttpRequest, home: Any) -> HttpResponse:
    """All public meetings of the district (the same for everyone: feed readers sign in as
    nobody)."""
    anonymous = AnonymousUser()
    body = body_of(home)
    meetings = list(meetings_of(anonymous, body).exclude(start__isnull=True).order_by("start"))
    public_items = AgendaItem.objects.visible_to(anonymous).filter(meeting__in=meetings)
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in public_items.order_by("order", "id"):
        by_meeting.setdefault(item.meeting_id, []).append(item)
    events = [
        ical.Event(m, by_meeting.get(m.pk, []), _address(request, home, "committee_meeting", m.pk))
        for m in meetings
    ]
    title = f"Sitzungen – {body.name}" if body else "Sitzungen"
    calendar = ical.calendar(events, name=title, host=request.get_host())
    return core_ical.ics_response(calendar, "sitzungskalender.ics", private=False)
