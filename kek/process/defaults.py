"""Default process timeline of a district (F18), from `process:` in its district.yaml.

Registered as a default-content loader in ProcessConfig.ready. Runs only while the district
has no phases, so a planner's timeline is never overwritten; a second run changes nothing.
The file (see data/nordsachsen/process.yaml) lists phases with their milestones. A date is
written as precisely as it is known: `2019-06-03` (a day), `2019-02` (a month), `2020` (a
year), `Anfang 2020`, `Ende 2018`. A milestone names its committee meetings and events by
day (`meetings: [2021-03-24]`, `events: [2020-11-02]`, loaded before by the committees and
events loaders) and its press articles by part (`press: [1, 2, 3]`). Every entry is checked
before anything is written; a bad one gives one German message with file, line and field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kek.committees.models import Meeting
from kek.core.defaults import check_values, entries, folder_file, mapping, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.events.models import Event
from kek.goals.models import Concept
from kek.press.models import PressArticle
from kek.regions.models import Region

from . import dates
from .models import Phase, State, TimelineEntry, TimelineLink

PHASE_KEYS = {"title", "slug", "text", "entries"}
ENTRY_KEYS = {"title", "date", "until", "ongoing", "state", "reason", "text", "key",
              "version", "links", "meetings", "events", "press"}  # fmt: skip
LINK_KEYS = {"title", "url"}
STATES = {label: value for value, label in State.choices}
YEAR_PARTS = {"anfang": dates.EARLY, "ende": dates.LATE}


class DefaultsError(FileError, ValueError):
    """The timeline defaults file cannot be used; German, names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "process")
    if path is None:
        return "Projektverlauf: keine Vorgaben."
    if Phase.objects.filter(region=region).exists():
        return "Projektverlauf: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    """Check every phase, milestone and link, then write them (all or nothing)."""
    reader = _Reader(region, file)
    unknown_fields(data, {"phases"}, file=file, error=DefaultsError)
    phases = [
        reader.phase(entry, n)
        for n, entry in enumerate(entries(data.get("phases"), file, at(data), "phases"), 1)
    ]
    count = 0
    for phase, milestones in phases:
        phase.save()
        for checked in milestones:
            entry = checked.entry
            entry.phase = phase
            entry.meetings.set(checked.meetings)
            entry.events.set(checked.events)
            entry.press_articles.set(checked.articles)
            entry.save()
            count += 1
            for link in checked.links:
                link.entry = entry
                link.save()
    return f"Projektverlauf: {len(phases)} Phasen mit {count} Meilensteinen angelegt."


@dataclass
class Checked:
    entry: TimelineEntry
    links: list[TimelineLink]
    meetings: list[Meeting] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    articles: list[PressArticle] = field(default_factory=list)


class _Reader:
    def __init__(self, region: Region, file: str) -> None:
        self.region = region
        self.file = file
        self.versions = {c.version: c for c in Concept.objects.filter(region=region)}
        self.slugs: set[str] = set()
        self.meetings: dict[dt.date, list[Meeting]] = {}
        held = Meeting.objects.filter(body__region=region, deleted=False, start__isnull=False)
        for meeting in held.order_by("start", "pk"):
            self.meetings.setdefault(timezone.localdate(meeting.start), []).append(meeting)
        self.events: dict[dt.date, list[Event]] = {}
        for event in Event.objects.filter(region=region).order_by("start", "pk"):
            self.events.setdefault(timezone.localdate(event.start), []).append(event)
        self.parts = {
            a.part: a for a in PressArticle.objects.filter(region=region, part__isnull=False)
        }

    def fail(self, where: str, field: str, problem: str) -> DefaultsError:
        return DefaultsError(self.file, where, field, problem)

    def _mapping(self, value: Any, where: str, field: str, keys: set[str]) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, field, "Erwartet wird eine Zuordnung (name: Wert).")
        unknown_fields(value, keys, file=self.file, error=DefaultsError)
        return value

    def _required(self, value: dict, field: str) -> str:
        found = text(value.get(field))
        if not found:
            raise self.fail(at(value, field) if field in value else at(value), field,
                            "Die Angabe fehlt.")  # fmt: skip
        return found

    def phase(self, value: Any, n: int) -> tuple[Phase, list[Checked]]:
        value = self._mapping(value, "", f"phases[{n}]", PHASE_KEYS)
        phase = Phase(
            region=self.region,
            title=self._required(value, "title"),
            slug=text(value.get("slug")),
            text=text(value.get("text")),
            position=n,
        )
        self._check(phase, ["title", "slug", "text"], value)
        if phase.slug in self.slugs:
            raise self.fail(at(value), "slug", f"Die Phase „{phase.title}“ gibt es schon.")
        self.slugs.add(phase.slug)
        listed = entries(value.get("entries"), self.file, at(value, "entries"), "entries")
        return phase, [self.entry(item, at(value, "entries"), i) for i, item in enumerate(listed)]

    def entry(self, value: Any, where: str, n: int) -> Checked:
        value = self._mapping(value, where, "entries", ENTRY_KEYS)
        start = self._point(value, "date")
        end = self._point(value, "until")
        state = text(value.get("state")) or "erledigt"
        if state not in STATES:
            allowed = ", ".join(STATES)
            problem = f"„{state}“ ist kein Stand; erlaubt sind {allowed}."
            raise self.fail(at(value, "state"), "state", problem)
        version = value.get("version")
        if version is not None and not isinstance(version, int):
            raise self.fail(at(value, "version"), "version", "Erwartet wird eine Versionsnummer.")
        entry = TimelineEntry(
            title=self._required(value, "title"),
            date_from=start.date if start else None,
            from_precision=start.precision if start else dates.DAY,
            date_until=end.date if end else None,
            until_precision=end.precision if end else dates.DAY,
            ongoing=value.get("ongoing") is True,
            state=STATES[state],
            reason=text(value.get("reason")),
            text=text(value.get("text")),
            is_key=value.get("key") is True,
            concept=self.versions.get(version) if version is not None else None,
            sort_order=n,
        )
        self._check(entry, ["title", "reason", "text"], value)
        try:
            entry.clean()
        except ValidationError as exc:
            field, problems = next(iter(exc.message_dict.items()))
            names = {"date_until": "until", "ongoing": "ongoing", "reason": "reason"}
            key = names.get(field, field)
            raise self.fail(at(value, key) if key in value else at(value), key,
                            " ".join(problems)) from None  # fmt: skip
        listed = entries(value.get("links"), self.file, at(value, "links"), "links")
        links = [self.link(item, at(value, "links")) for item in listed]
        meetings = self._on_days(value, "meetings", self.meetings, "keine Sitzung")
        events = self._on_days(value, "events", self.events, "keine Veranstaltung")
        return Checked(entry, links, meetings, events, self._articles(value))

    def _on_days(self, value: dict, field: str, by_day: dict[dt.date, list], none: str) -> list:
        """The meetings or events on the days listed under `field`."""
        found: list = []
        for day in entries(value.get(field), self.file, at(value, field), field):
            point = self._point({field: day}, field, at(value, field))
            if point is None or point.precision != dates.DAY or point.date not in by_day:
                raise self.fail(at(value, field), field, f"Am {day} hat der Landkreis {none}.")
            found += by_day[point.date]
        return found

    def _articles(self, value: dict) -> list[PressArticle]:
        parts = entries(value.get("press"), self.file, at(value, "press"), "press")
        missing = [str(part) for part in parts if part not in self.parts]
        if missing:
            problem = f"Keinen Presseartikel Teil {', '.join(missing)} gefunden."
            raise self.fail(at(value, "press"), "press", problem)
        return [self.parts[part] for part in parts]

    def link(self, value: Any, where: str) -> TimelineLink:
        value = self._mapping(value, where, "links", LINK_KEYS)
        link = TimelineLink(title=self._required(value, "title"), url=self._required(value, "url"))
        self._check(link, ["title", "url"], value)
        return link

    def _check(self, instance: Any, names: list[str], value: dict) -> None:
        check_values(instance, names, self.file, at(value), value)

    def _point(self, value: dict, field: str, where: str = "") -> dates.Point | None:
        """`2019-06-03`, `2019-02`, `2020`, `Anfang 2020` or `Ende 2018`."""
        given = value.get(field)
        if given is None or given == "":
            return None
        if isinstance(given, dt.datetime):
            given = given.date()
        if isinstance(given, dt.date):
            return dates.Point(given, dates.DAY)
        raw = str(given).strip()
        try:
            if re.fullmatch(r"\d{4}", raw):
                return dates.Point(dt.date(int(raw), 1, 1), dates.YEAR)
            if re.fullmatch(r"\d{4}-\d{2}", raw):
                return dates.Point(dt.date(int(raw[:4]), int(raw[5:]), 1), dates.MONTH)
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                return dates.Point(dt.date.fromisoformat(raw), dates.DAY)
            part, _, year = raw.partition(" ")
            if part.lower() in YEAR_PARTS and re.fullmatch(r"\d{4}", year):
                return dates.Point(dt.date(int(year), 1, 1), YEAR_PARTS[part.lower()])
        except ValueError:
            pass
        raise self.fail(
            where or at(value, field),
            field,
            f"„{raw}“ ist kein Datum; erlaubt sind z. B. 2019-06-03, 2019-02, 2020, "
            "Anfang 2020, Ende 2018.",
        )
