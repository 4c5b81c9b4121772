"""The participation base's public routes, the comment as a participable (so that comments
can be rated and reported), and its personal data (registered in ParticipationConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from kek.accounts.names import display_name
from kek.core.registry import PrivacyNote, PublicRoute, privacy_notes
from kek.core.registry import public_routes as routes

from . import views
from .registry import Participable, for_object, participables

ITEM = "beteiligung/<str:kind>/<int:pk>"
COMMENT = "beteiligung/kommentare/<int:pk>"


class _Closed:
    def is_open(self) -> bool:
        return False

    def phase(self) -> str:
        return "closed"


def _subject_phase(comment: Any) -> Any:
    subject = comment.subject
    participable = for_object(subject) if subject is not None else None
    return participable.phase(subject) if participable else _Closed()


def _comment_url(comment: Any, home: Any) -> str:
    subject = comment.subject
    participable = for_object(subject) if subject is not None else None
    base = participable.url(subject, home) if participable else "/"
    return f"{base}#kommentar-{comment.pk}"


def register() -> None:
    routes.register(PublicRoute("comment_add", f"{ITEM}/kommentieren/", views.comment_add))
    routes.register(PublicRoute("comment_reply", f"{COMMENT}/antworten/", views.comment_reply))
    routes.register(PublicRoute("comment_edit", f"{COMMENT}/bearbeiten/", views.comment_edit))
    routes.register(PublicRoute("comment_delete", f"{COMMENT}/loeschen/", views.comment_delete))
    routes.register(PublicRoute("rate", f"{ITEM}/bewerten/", views.rate))
    routes.register(PublicRoute("report", f"{ITEM}/melden/", views.report))
    routes.register(PublicRoute("netiquette", "netiquette/", views.netiquette))
    # The accounts' part too: kek.accounts sits below the registries.
    privacy_notes.register(
        PrivacyNote("participation", "participation/_privacy_note.html", _privacy_context, 5)
    )
    participables.register(
        Participable(
            label="participation.comment",
            district=lambda comment: comment.district,
            phase=_subject_phase,
            url=_comment_url,
            title=lambda comment: f"Kommentar von {display_name(comment.author)}",
        )
    )


def _privacy_context(home: Any) -> dict[str, Any]:
    return {"participation_reports_to_hide": settings.KEK_REPORTS_TO_HIDE}
