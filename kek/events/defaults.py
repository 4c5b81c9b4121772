"""Default events of a district (F24), from `events:` in its district.yaml or, without that
entry, the folder's events.yaml.

Registered as a default-content loader in EventsConfig.ready, after the committees (their
Body holds the places). Runs only while the district has no events, so a planner's work is
never overwritten; all or nothing. A place is found by description and locality among the
Body's locations, or created. A bad entry is refused with a German message naming file, line
and field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kek.committees.models import Body, Location
from kek.core.defaults import entries, flag, folder_file, mapping, moment, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.regions.models import Region

from .models import Event, EventKind, EventState

FILE = "events.yaml"
EVENT_KEYS = {"title", "kind", "start", "end", "place", "text", "registration", "capacity",
              "registration_opens", "registration_closes", "state", "reason",
              "example"}  # fmt: skip
PLACE_KEYS = {"description", "locality", "street_address", "postal_code", "room"}
TIMES = ("start", "end", "registration_opens", "registration_closes")
# model field → the key of the file that gave it (the same here)
FIELDS = {"title", "kind", "start", "end", "text", "capacity", "registration_opens",
          "registration_closes", "state", "reason"}  # fmt: skip


class DefaultsError(FileError, ValueError):
    """The events file cannot be used; the German message names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "events", default=FILE)
    if path is None:
        return "Veranstaltungen: keine Vorgaben."
    if Event.objects.filter(region=region).exists():
        return "Veranstaltungen: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    unknown_fields(data, {"events"}, file=file, error=DefaultsError)
    reader = _Reader(region, file)
    found = entries(data.get("events"), file, at(data), "events")
    created = [reader.event(entry) for entry in found]
    return f"Veranstaltungen: {len(created)} angelegt."


class _Reader:
    def __init__(self, region: Region, file: str) -> None:
        self.region = region
        self.file = file
        self.body = Body.objects.filter(region=region, deleted=False).first()

    def fail(self, entry: Any, key: str, message: str) -> DefaultsError:
        where = at(entry, key) if isinstance(entry, dict) else ""
        return DefaultsError(self.file, where, key, message)

    def event(self, entry: Any) -> Event:
        if not isinstance(entry, dict):
            raise DefaultsError(self.file, "", "", "Erwartet wird eine Zuordnung (title: …).")
        unknown_fields(entry, EVENT_KEYS, file=self.file, error=DefaultsError)
        event = Event(
            region=self.region,
            title=text(entry.get("title")),
            kind=text(entry.get("kind")),
            text=text(entry.get("text")),
            capacity=entry.get("capacity"),
            state=text(entry.get("state")) or EventState.PLANNED,
            reason=text(entry.get("reason")),
            registration=self._flag(entry, "registration", True),
            is_example=self._flag(entry, "example", False),
            **{key: self._time(entry, key) for key in TIMES},
        )
        for key in ("title", "kind", "start"):
            if not getattr(event, key):
                raise self.fail(entry, key, "Die Angabe fehlt.")
        if event.kind not in EventKind.values:
            kinds = ", ".join(EventKind.values)
            raise self.fail(entry, "kind", f"„{event.kind}“ ist keine Art; erlaubt: {kinds}.")
        if "place" in entry:
            event.location = self._place(entry)
        self._checked(event, entry)
        event.save()
        return event

    def _flag(self, entry: dict, key: str, default: bool) -> bool:
        return flag(entry, key, default, lambda field, message: self.fail(entry, field, message))

    def _time(self, entry: dict, key: str) -> dt.datetime | None:
        return moment(entry, key, lambda field, message: self.fail(entry, field, message))

    def _place(self, entry: dict) -> Location:
        place = entry["place"]
        if not isinstance(place, dict):
            raise self.fail(entry, "place", "Erwartet wird eine Zuordnung (description: …).")
        unknown_fields(place, PLACE_KEYS, file=self.file, error=DefaultsError)
        if self.body is None:
            raise self.fail(
                entry,
                "place",
                "Ein Ort braucht die Körperschaft des Landkreises (committees.yaml); sie fehlt.",
            )
        values = {key: text(place.get(key)) for key in PLACE_KEYS}
        if not values["description"] and not values["locality"]:
            raise self.fail(entry, "place", "Bitte Bezeichnung (description) oder Ort angeben.")
        found = Location.objects.filter(
            body=self.body,
            deleted=False,
            description=values["description"],
            locality=values["locality"],
        ).first()
        if found is not None:
            return found
        location = Location(body=self.body, **values)
        try:
            location.clean_fields(exclude=["body", "oparl_id", "geojson"])
        except ValidationError as exc:
            field, problems = next(iter(exc.message_dict.items()))
            raise self.fail(place, field, " ".join(problems)) from None
        location.save()
        return location

    def _checked(self, event: Event, entry: dict) -> None:
        """The model's own checks on the values the file gave, named by key and line."""
        exclude = [f.name for f in event._meta.concrete_fields if f.name not in FIELDS]
        try:
            event.clean_fields(exclude=exclude)
            event.clean()
        except ValidationError as exc:
            field, problems = next(iter(exc.message_dict.items()))
            raise self.fail(entry, field if field in entry else "", " ".join(problems)) from None
