"""The events' public pages, navigation entry, start-page part, privacy note and part of a
district's backup (registered in EventsConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PrivacyNote,
    PublicRoute,
    backup_parts,
    navigation,
    privacy_notes,
    start_page,
)
from kek.core.registry import public_routes as routes

from . import views
from .models import Event, Notice, NoticeFile

LINK = "veranstaltungen/anmeldung/<str:token>"


def register() -> None:
    routes.register(PublicRoute("events", "veranstaltungen/", views.events_page))
    routes.register(PublicRoute("event", "veranstaltungen/<int:pk>/", views.event_page))
    routes.register(
        PublicRoute("event_register", "veranstaltungen/<int:pk>/anmelden/", views.register)
    )
    routes.register(
        PublicRoute(
            "event_registered", "veranstaltungen/<int:pk>/angemeldet/", views.registered_page
        )
    )
    # iCalendar: the file name ends in .ics (Content-Disposition), the address has no dot.
    routes.register(PublicRoute("event_ics", "veranstaltungen/<int:pk>/ical/", views.event_ics))
    routes.register(PublicRoute("event_confirm", f"{LINK}/bestaetigen/", views.confirm_page))
    routes.register(PublicRoute("event_cancel", f"{LINK}/abmelden/", views.cancel_page))
    navigation.register(NavEntry("events", "beteiligung", "Veranstaltungen", "events", 20))
    start_page.register(
        PagePart("events", "beteiligung", "events/_start_section.html", views.start_events, 5)
    )
    privacy_notes.register(
        PrivacyNote("events", "events/_privacy_note.html", views.privacy_note, 10)
    )
    backup_parts.register(BackupPart("events", 65, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's events with the cancellation notices and their files. Registrations are
    personal data kept only until shortly after the event (README "Veranstaltungen"): they stay
    out of the backup, which is portable and kept longer."""
    return [
        Event.objects.filter(region=region),
        Notice.objects.filter(event__region=region),
        NoticeFile.objects.filter(notice__event__region=region),
    ]
