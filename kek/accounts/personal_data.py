"""What each app keeps about a person (GDPR, F25): "Meine Daten" exports it, deleting an
account erases it.

Apps register a `PersonalData` in their AppConfig.ready(). `export(user)` returns the rows the
user contributed (plain JSON values: str, int, float, bool, None, ISO dates as str); `erase(user)`
removes the personal data and keeps contributions, which then show "gelöschtes Konto"
(`kek.accounts.names.DELETED`). Both run inside the deletion's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class PersonalData:
    name: str  # file name in the ZIP: "kommentare" → kommentare.json, kommentare.csv
    label: str  # German heading in the readable export: "Kommentare"
    export: Callable[[Any], list[Row]]
    erase: Callable[[Any], None] = lambda user: None
    order: int = 0


_entries: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> PersonalData:
    if entry.name in _entries:
        raise ValueError(f"personal data {entry.name!r} is registered twice")
    _entries[entry.name] = entry
    return entry


def entries() -> Iterator[PersonalData]:
    return iter(sorted(_entries.values(), key=lambda e: (e.order, e.name)))
