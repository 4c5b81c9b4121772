"""Default committee content of a district (F19), from `committees:` in its district.yaml.

Registered as a default-content loader in CommitteesConfig.ready. Runs only while the district
has no Body yet, so nothing a planner entered or imported is overwritten. The file gives the
body, its committees (each with a `key` the meetings name) and meetings with their agenda
items; see data/nordsachsen/committees.yaml. A meeting's `date` without `time` is a day whose
hour is unknown (shown without a time).
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from kek.core.defaults import check_values, entries, folder_file, mapping, text
from kek.core.fileio import FileError, load_yaml, unknown_fields
from kek.regions.models import Region

from .models import AgendaItem, Body, Meeting, MeetingState, Organization, OrganizationType

BODY_KEYS = {"name", "short_name", "classification", "website", "license"}
ORGANIZATION_KEYS = {"key", "name", "short_name", "classification", "organization_type",
                     "description", "start_date", "end_date"}  # fmt: skip
MEETING_KEYS = {"name", "organizations", "date", "time", "end", "state", "cancelled", "public",
                "agenda"}  # fmt: skip
ITEM_KEYS = {"name", "number", "public", "result", "resolution_text"}


class DefaultsError(FileError, ValueError):
    """The committees' defaults file cannot be used (German message naming the entry)."""


def load_first(region: Region, folder: Path, spec: dict) -> None:
    """For loaders that record resolutions (concept, catalogue): the committees come first, so
    that their meetings are the ones found. `kek load-defaults` runs this loader first anyway
    (order 5); this is for a loader called on its own."""
    load(region, folder, spec)


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "committees")
    if path is None:
        return "Gremien: keine Vorgaben."
    if Body.objects.filter(region=region).exists():
        return "Gremien: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict[str, Any], file: str) -> str:
    unknown_fields(data, {"body", "organizations", "meetings"}, file=file, error=DefaultsError)
    loader = _Loader(file)
    body_data = mapping(data.get("body") or {}, file, "body")
    loader.known(body_data, BODY_KEYS, "body")
    body = Body(region=region, name=text(body_data.get("name")) or region.name)
    for key in BODY_KEYS - {"name"}:
        setattr(body, key, text(body_data.get(key)))
    loader.checked(body, list(BODY_KEYS), "body")
    body.save()
    organizations = {}
    for i, entry in enumerate(entries(data.get("organizations"), file, "", "organizations"), 1):
        key, organization = loader.organization(body, entry, i)
        organizations[key] = organization
    meetings = entries(data.get("meetings"), file, "", "meetings")
    items = sum(
        loader.meeting(body, organizations, entry, i) for i, entry in enumerate(meetings, 1)
    )
    return (
        f"Gremien: {len(organizations)} Gremien, {len(meetings)} Sitzungen mit {items} "
        "Tagesordnungspunkten angelegt."
    )


class _Loader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, message: str, field: str = "") -> DefaultsError:
        return DefaultsError(self.file, where, field, message)

    def known(self, entry: Any, keys: set[str], where: str) -> None:
        if not isinstance(entry, dict):
            raise self.fail(where, "Erwartet wird eine Zuordnung.")
        unknown = sorted(set(entry) - keys)
        if unknown:
            raise self.fail(where, f"Unbekannte Angabe „{unknown[0]}“.")

    def checked(self, instance: Any, names: list[str], where: str) -> None:
        check_values(instance, names, self.file, where)

    def day(self, value: Any, where: str, field: str) -> date | None:
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(text(value))
        except ValueError:
            raise self.fail(where, f"„{value}“ ist kein Datum (JJJJ-MM-TT).", field) from None

    def organization(self, body: Body, entry: Any, i: int) -> tuple[str, Organization]:
        where = f"Gremium {i}"
        self.known(entry, ORGANIZATION_KEYS, where)
        key, name = text(entry.get("key")), text(entry.get("name"))
        if not key or not name:
            raise self.fail(where, "Die Angaben „key“ und „name“ sind nötig.")
        kind = text(entry.get("organization_type")) or OrganizationType.COMMITTEE
        if kind not in OrganizationType.values:
            raise self.fail(where, f"„{kind}“ ist kein Organisationstyp.", "organization_type")
        organization = Organization(
            body=body,
            name=name,
            short_name=text(entry.get("short_name")),
            classification=text(entry.get("classification")),
            organization_type=kind,
            description=text(entry.get("description")),
            start_date=self.day(entry.get("start_date"), where, "start_date"),
            end_date=self.day(entry.get("end_date"), where, "end_date"),
            position=i,
        )
        self.checked(organization, ["name", "short_name", "classification"], where)
        organization.save()
        return key, organization

    def meeting(
        self, body: Body, organizations: dict[str, Organization], entry: Any, i: int
    ) -> int:
        where = f"Sitzung {i}"
        self.known(entry, MEETING_KEYS, where)
        day = self.day(entry.get("date"), where, "date")
        hour = text(entry.get("time"))
        start = None
        if day is not None:
            try:
                clock = time.fromisoformat(hour) if hour else time(0)
            except ValueError:
                raise self.fail(where, f"„{hour}“ ist keine Uhrzeit (HH:MM).", "time") from None
            start = timezone.make_aware(datetime.combine(day, clock))
        state = text(entry.get("state"))
        if state and state not in MeetingState.values:
            raise self.fail(where, f"„{state}“ ist kein Stand einer Sitzung.", "state")
        meeting = Meeting(
            body=body,
            name=text(entry.get("name")) or self._missing(where, "name"),
            start=start,
            start_time_known=bool(hour),
            meeting_state=state,
            cancelled=bool(entry.get("cancelled", False)),
            public=bool(entry.get("public", True)),
        )
        self.checked(meeting, ["name"], where)
        chosen = []
        for key in entries(entry.get("organizations"), self.file, where, "organizations"):
            if text(key) not in organizations:
                raise self.fail(where, f"Ein Gremium „{key}“ ist nicht angegeben.")
            chosen.append(organizations[text(key)])
        meeting.save()
        meeting.organizations.set(chosen)
        meeting.save()  # a ParentalManyToManyField is written on save
        agenda = entries(entry.get("agenda"), self.file, where, "agenda")
        for n, row in enumerate(agenda, 1):
            item_where = f"{where}, agenda[{n}]"
            self.known(row, ITEM_KEYS, item_where)
            item = AgendaItem(
                meeting=meeting,
                order=n,
                number=text(row.get("number")),
                name=text(row.get("name")) or self._missing(item_where, "name"),
                public=bool(row.get("public", True)),
                result=text(row.get("result")),
                resolution_text=text(row.get("resolution_text")),
            )
            item.body = body
            self.checked(item, ["number", "name", "result"], item_where)
            item.save()
        return len(agenda)

    def _missing(self, where: str, key: str):
        raise self.fail(where, f"Die Angabe „{key}“ fehlt.")
