"""Readable change history of a goal object (who, when, what) from django-simple-history."""

from dataclasses import dataclass
from datetime import datetime

HISTORY_TYPES = {"+": "angelegt", "~": "geändert", "-": "gelöscht"}
HIDDEN_FIELDS = {"number", "position"}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]]


def entries(instance, limit: int = 50) -> list[HistoryEntry]:
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    result = []
    for record, previous in zip(records, records[1:] + [None], strict=False):
        changes = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            changes = [
                (_label(instance, c.field), _text(c.old), _text(c.new)) for c in delta.changes
            ]
        user = record.history_user
        result.append(
            HistoryEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "System",
                action=HISTORY_TYPES.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return result[:limit]


def _label(instance, name: str) -> str:
    try:
        return str(instance._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v.get("sdg", v)) if isinstance(v, dict) else str(v) for v in value)
    return "" if value is None else str(value)
