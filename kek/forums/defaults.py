"""Default forum topics of a district (F21), from `forums:` in its district.yaml or, without
that entry, the folder's forums.yaml.

Registered as a default-content loader in ForumsConfig.ready, after the goals and the
projects (a topic names its subject by the field's or goal's number in the current version,
or by the project's number). Runs only while the district has no topics, so a planner's work
is never overwritten; all or nothing. A bad entry is refused with a German message naming
file, line and field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction

from kek.core.defaults import check_values, entries, flag, folder_file, mapping, moment, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.projects.models import Project
from kek.regions.models import Region

from .models import Topic

FILE = "forums.yaml"
TOPIC_KEYS = {"title", "description", "field", "goal", "project", "opens_at", "closes_at",
              "premoderated", "position", "example"}  # fmt: skip
SUBJECTS = ("field", "goal", "project")
TIMES = ("opens_at", "closes_at")


class DefaultsError(FileError, ValueError):
    """The forums file cannot be used; the German message names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "forums", default=FILE)
    if path is None:
        return "Foren: keine Vorgaben."
    if Topic.objects.filter(district=region).exists():
        return "Foren: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    unknown_fields(data, {"topics"}, file=file, error=DefaultsError)
    reader = _Reader(region, file)
    created = [
        reader.topic(entry) for entry in entries(data.get("topics"), file, at(data), "topics")
    ]
    return f"Foren: {len(created)} {'Thema' if len(created) == 1 else 'Themen'} angelegt."


class _Reader:
    def __init__(self, region: Region, file: str) -> None:
        self.region = region
        self.file = file
        self.concept = Concept.objects.current_for(region)

    def fail(self, entry: Any, key: str, message: str) -> DefaultsError:
        where = at(entry, key) if isinstance(entry, dict) else ""
        return DefaultsError(self.file, where, key, message)

    def topic(self, entry: Any) -> Topic:
        if not isinstance(entry, dict):
            raise DefaultsError(self.file, "", "", "Erwartet wird eine Zuordnung (title: …).")
        unknown_fields(entry, TOPIC_KEYS, file=self.file, error=DefaultsError)
        topic = Topic(
            district=self.region,
            title=text(entry.get("title")),
            description=text(entry.get("description")),
            premoderated=self._flag(entry, "premoderated", False),
            is_example=self._flag(entry, "example", False),
            **{key: self._time(entry, key) for key in TIMES},
        )
        if "position" in entry:
            topic.position = entry["position"]
        if not topic.title:
            raise self.fail(entry, "title", "Die Angabe fehlt.")
        topic.set_subject(self._subject(entry))
        check_values(
            topic, ["title", "description", "position", *TIMES], self.file, at(entry), entry
        )
        if topic.opens_at and topic.closes_at and topic.closes_at <= topic.opens_at:
            raise self.fail(entry, "closes_at", "Das Ende liegt nicht nach dem Beginn.")
        topic.save()
        return topic

    def _subject(self, entry: dict) -> Any | None:
        given = [key for key in SUBJECTS if key in entry]
        if len(given) > 1:
            raise self.fail(entry, given[1], "Bitte nur eines angeben: field, goal oder project.")
        if not given:
            return None
        key = given[0]
        number = text(entry[key])
        if key == "project":
            found = Project.objects.filter(region=self.region, number=number).first()
        elif self.concept is None:
            raise self.fail(entry, key, "Der Landkreis hat noch keine aktuelle Konzeptversion.")
        else:
            model = FieldOfAction if key == "field" else StrategicGoal
            found = model.objects.filter(concept=self.concept, number=number).first()
        if found is None:
            names = {"field": "Handlungsfeld", "goal": "strategisches Ziel", "project": "Projekt"}
            raise self.fail(
                entry, key, f"Ein {names[key]} mit der Nummer „{number}“ gibt es nicht."
            )
        return found

    def _flag(self, entry: dict, key: str, default: bool) -> bool:
        return flag(entry, key, default, lambda field, message: self.fail(entry, field, message))

    def _time(self, entry: dict, key: str) -> dt.datetime | None:
        return moment(entry, key, lambda field, message: self.fail(entry, field, message))
