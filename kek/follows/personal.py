"""The follows' part of "Meine Daten" and of the account deletion (kek.accounts.personal_data):
what the account follows, its notification setting and its notifications. Deleting the
account removes all three; they are no contributions others see."""

from __future__ import annotations

from typing import Any

from kek.accounts.personal_data import PersonalData, Row, register

from . import subjects
from .models import Follow, Notification, NotificationSetting


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment else None


def export_follows(user: Any) -> list[Row]:
    follows = Follow.objects.filter(user=user).select_related("content_type", "district")
    return [
        {
            "art": f"{item.content_type.app_label}.{item.content_type.model}",
            "id": item.object_id,
            "titel": subjects.title_of(obj) if obj is not None else None,
            "landkreis": item.district.name,
            "seit": _when(item.created_at),
        }
        for item, obj in subjects.subjects_of(follows.order_by("created_at", "id"))
    ]


def export_setting(user: Any) -> list[Row]:
    return [
        {"benachrichtigungen": s.frequency, "geaendert": _when(s.changed_at)}
        for s in NotificationSetting.objects.filter(user=user)
    ]


def export_notifications(user: Any) -> list[Row]:
    return [
        {
            "anlass": n.reason,
            "grund": n.reason_text,
            "betreff": n.subject,
            "adresse": n.url,
            "text": n.text,
            "erstellt": _when(n.created_at),
            "gesendet": _when(n.sent_at),
        }
        for n in Notification.objects.filter(user=user).order_by("created_at", "id")
    ]


def erase_follows(user: Any) -> None:
    Follow.objects.filter(user=user).delete()


def erase_setting(user: Any) -> None:
    NotificationSetting.objects.filter(user=user).delete()


def erase_notifications(user: Any) -> None:
    Notification.objects.filter(user=user).delete()


def register_all() -> None:
    register(
        PersonalData(
            "gefolgt",
            "Gefolgte Inhalte",
            export_follows,
            erase_follows,
            order=80,
        )
    )
    register(
        PersonalData(
            "benachrichtigungseinstellung",
            "Einstellung der Benachrichtigungen",
            export_setting,
            erase_setting,
            order=81,
        )
    )
    register(
        PersonalData(
            "benachrichtigungen",
            "Benachrichtigungen",
            export_notifications,
            erase_notifications,
            order=82,
        )
    )
