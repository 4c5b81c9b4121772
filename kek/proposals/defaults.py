"""Default proposal boxes of a district (F22), from `proposals:` in its district.yaml or,
without that entry, the folder's proposals.yaml. Runs only while the district has no box, so
a planner's work is never overwritten. A bad entry is refused with a German message naming
file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction

from kek.core.defaults import Fail, entries, flag, folder_file, mapping, moment, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.regions.models import Region

from .models import ProposalBox

FILE = "proposals.yaml"
BOX_KEYS = {"title", "intro", "opens_at", "closes_at", "premoderated"}


class DefaultsError(FileError, ValueError):
    """The proposals file cannot be used; the German message names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "proposals", default=FILE)
    if path is None:
        return "Vorschläge: keine Vorgaben."
    if ProposalBox.objects.filter(district=region).exists():
        return "Vorschläge: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    unknown_fields(data, {"boxes"}, file=file, error=DefaultsError)
    found = entries(data.get("boxes"), file, at(data), "boxes")
    created = [_box(region, entry, file) for entry in found]
    return f"Vorschläge: {len(created)} Vorschlagsbox(en) angelegt."


def _box(region: Region, entry: Any, file: str) -> ProposalBox:
    if not isinstance(entry, dict):
        raise DefaultsError(file, "", "", "Erwartet wird eine Zuordnung (title: …).")
    unknown_fields(entry, BOX_KEYS, file=file, error=DefaultsError)
    title = text(entry.get("title"))
    if not title:
        raise DefaultsError(file, at(entry, "title"), "title", "Die Angabe fehlt.")
    premoderated = flag(entry, "premoderated", False, _fail(file, entry))
    return ProposalBox.objects.create(
        district=region,
        title=title,
        intro=text(entry.get("intro")),
        premoderated=premoderated,
        opens_at=_time(entry, "opens_at", file),
        closes_at=_time(entry, "closes_at", file),
    )


def _fail(file: str, entry: dict) -> Fail:
    return lambda field, message: DefaultsError(file, at(entry, field), field, message)


def _time(entry: dict, key: str, file: str) -> dt.datetime | None:
    return moment(entry, key, _fail(file, entry))
