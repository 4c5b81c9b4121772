"""The participation base's personal data (GDPR, F25): "Meine Daten" exports a user's
comments, ratings, reports and blocks; deleting the account keeps comments (author "gelöschtes
Konto"), keeps ratings in the counts without the account, drops the reporter from reports and
removes the blocks."""

from __future__ import annotations

from typing import Any

from kek.accounts.personal_data import PersonalData, register

from .models import Block, Comment, Rating, Report


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_comments(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "nummer": c.pk,
            "landkreis": c.district.name,
            "zu": f"{c.content_type.app_label}.{c.content_type.model} {c.object_id}",
            "antwort_auf": c.parent_id,
            "text": c.text,
            "stand": c.get_state_display(),
            "geschrieben_am": _iso(c.created_at),
            "bearbeitet_am": _iso(c.edited_at),
        }
        for c in Comment.objects.filter(author=user).select_related("district", "content_type")
    ]


def export_ratings(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "zu": f"{r.content_type.app_label}.{r.content_type.model} {r.object_id}",
            "bewertung": r.get_value_display(),
            "am": _iso(r.created_at),
        }
        for r in Rating.objects.filter(user=user).select_related("content_type")
    ]


def export_reports(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "zu": f"{r.content_type.app_label}.{r.content_type.model} {r.object_id}",
            "grund": r.get_reason_display(),
            "erlaeuterung": r.text,
            "gemeldet_am": _iso(r.created_at),
            "geprueft_am": _iso(r.reviewed_at),
        }
        for r in Report.objects.filter(reporter=user).select_related("content_type")
    ]


def export_blocks(user: Any) -> list[dict[str, Any]]:
    return [
        {"gesperrt_bis": _iso(b.until), "grund": b.reason, "gesperrt_am": _iso(b.created_at)}
        for b in Block.objects.filter(user=user)
    ]


def erase_comments(user: Any) -> None:
    Comment.objects.filter(author=user).update(author=None)


def erase_ratings(user: Any) -> None:
    """The rating still counts, without the account."""
    Rating.objects.filter(user=user).update(user=None)


def erase_reports(user: Any) -> None:
    Report.objects.filter(reporter=user).update(reporter=None)


def erase_blocks(user: Any) -> None:
    Block.objects.filter(user=user).delete()


def register_all() -> None:
    register(
        PersonalData(
            "kommentare",
            "Kommentare",
            export_comments,
            erase_comments,
            order=20,
        )
    )
    register(
        PersonalData(
            "bewertungen",
            "Bewertungen",
            export_ratings,
            erase_ratings,
            order=21,
        )
    )
    register(
        PersonalData(
            "meldungen",
            "Meldungen",
            export_reports,
            erase_reports,
            order=22,
        )
    )
    register(
        PersonalData(
            "sperren",
            "Sperren",
            export_blocks,
            erase_blocks,
            order=23,
        )
    )
