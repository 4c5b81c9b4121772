"""The committees' public pages, navigation entries and part of a district's backup
(registered in CommitteesConfig.ready)."""

from typing import Any

from kek.core.registry import BackupPart, NavEntry, PublicRoute, backup_parts, navigation
from kek.core.registry import public_routes as routes

from . import views
from .models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)


def register() -> None:
    routes.register(PublicRoute("committee_list", "gremien/", views.organizations_page))
    routes.register(PublicRoute("committee", "gremien/<int:pk>/", views.organization_page))
    routes.register(PublicRoute("committee_meetings", "sitzungen/", views.calendar_page))
    routes.register(PublicRoute("committee_meeting", "sitzungen/<int:pk>/", views.meeting_page))
    # iCalendar: the file names end in .ics (Content-Disposition); the addresses have no dot,
    # which kek/urls.py's pattern for public routes would refuse.
    routes.register(
        PublicRoute("committee_meeting_ics", "sitzungen/<int:pk>/ical/", views.meeting_ics)
    )
    routes.register(PublicRoute("committee_calendar_ics", "sitzungen/ical/", views.calendar_ics))
    routes.register(PublicRoute("committee_paper", "vorlagen/<int:pk>/", views.paper_page))
    routes.register(PublicRoute("committee_file", "dateien/<int:pk>/", views.file_download))
    navigation.register(NavEntry("committees", "beteiligung", "Gremien", "committee_list", 60))
    navigation.register(
        NavEntry("committee_meetings", "beteiligung", "Sitzungskalender", "committee_meetings", 61)
    )
    # Before goals (10) and projects (30): their adoptions and resolutions point at agenda items.
    backup_parts.register(BackupPart("committees", 5, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's body with everything below it, parents before children."""
    mine = {"body__region": region}
    return [
        Body.objects.filter(region=region),
        LegislativeTerm.objects.filter(**mine),
        Location.objects.filter(**mine),
        File.objects.filter(**mine),
        Organization.objects.filter(**mine).order_by("sub_organization_of", "pk"),
        Person.objects.filter(**mine),
        Membership.objects.filter(**mine),
        Meeting.objects.filter(**mine),
        AgendaItem.objects.filter(**mine),
        Paper.objects.filter(**mine),
        Consultation.objects.filter(**mine),
    ]
