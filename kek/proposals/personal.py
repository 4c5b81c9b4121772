"""The proposals' part of "Meine Daten" and of deleting an account (F25): the user's
proposals and supports. Erasing keeps both: a proposal shows "gelöschtes Konto", a support
stays with its user set to NULL, so that every proposal's count stays exact."""

from __future__ import annotations

from typing import Any

from kek.accounts.personal_data import PersonalData, Row, register

from .models import Proposal, Support


def _time(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_proposals(user: Any) -> list[Row]:
    found = Proposal.objects.filter(author=user).select_related("municipality", "district")
    return [
        {
            "id": p.pk,
            "landkreis": p.district.name,
            "titel": p.title,
            "text": p.text,
            "thema": p.topic_title,
            "gemeinde": p.municipality.name if p.municipality else None,
            "bild": p.image.name if p.image else None,
            "stand": p.get_state_display(),
            "eingereicht_am": _time(p.created_at),
            "geaendert_am": _time(p.edited_at),
            "antwort": p.published_answer or None,
            "antwort_veroeffentlicht_am": _time(p.answer_published_at),
            "unterstuetzungen": p.supports_count,
        }
        for p in found.order_by("created_at", "id")
    ]


def export_supports(user: Any) -> list[Row]:
    found = Support.objects.filter(user=user).select_related("proposal")
    return [
        {
            "vorschlag_id": s.proposal_id,
            "vorschlag": s.proposal.title,
            "unterstuetzt_am": _time(s.created_at),
        }
        for s in found.order_by("created_at", "id")
    ]


def erase_proposals(user: Any) -> None:
    Proposal.objects.filter(author=user).update(author=None)
    Proposal.objects.filter(answered_by=user).update(answered_by=None)


def erase_supports(user: Any) -> None:
    Support.objects.filter(user=user).update(user=None)


def register_all() -> None:
    register(PersonalData("vorschlaege", "Vorschläge", export_proposals, erase_proposals, 30))
    register(
        PersonalData("unterstuetzungen", "Unterstützungen", export_supports, erase_supports, 31)
    )
