"""Default surveys of a district (F23), from `surveys:` in its district.yaml or, without that
entry, the folder's surveys.yaml: Nordsachsen ships one example survey ("Beispielinhalt",
closed), with one question of each kind.

Registered as a default-content loader in SurveysConfig.ready. Runs only while the district
has no surveys, so a planner's work is never overwritten; all or nothing. A bad entry is
refused with a German message naming file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from kek.core.defaults import check_values, entries, flag, folder_file, mapping, moment, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.regions.models import Region

from .models import Choice, Question, QuestionKind, Survey

FILE = "surveys.yaml"
SURVEY_KEYS = {"title", "intro", "opens_at", "closes_at", "anonymous_allowed",
               "results_published", "example", "questions"}  # fmt: skip
QUESTION_KEYS = {"text", "kind", "required", "choices"}


class DefaultsError(FileError, ValueError):
    """The surveys file cannot be used; the German message names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "surveys", default=FILE)
    if path is None:
        return "Umfragen: keine Vorgaben."
    if Survey.objects.filter(district=region).exists():
        return "Umfragen: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    unknown_fields(data, {"surveys"}, file=file, error=DefaultsError)
    found = entries(data.get("surveys"), file, at(data), "surveys")
    created = [_survey(region, entry, file) for entry in found]
    return f"Umfragen: {len(created)} angelegt."


def _fail(file: str, entry: Any, key: str, message: str) -> DefaultsError:
    return DefaultsError(file, at(entry, key) if isinstance(entry, dict) else "", key, message)


def _survey(region: Region, entry: Any, file: str) -> Survey:
    if not isinstance(entry, dict):
        raise DefaultsError(file, "", "", "Erwartet wird eine Zuordnung (title: …).")
    unknown_fields(entry, SURVEY_KEYS, file=file, error=DefaultsError)
    survey = Survey(
        district=region,
        title=text(entry.get("title")),
        intro=text(entry.get("intro")),
        opens_at=_time(file, entry, "opens_at"),
        closes_at=_time(file, entry, "closes_at"),
        anonymous_allowed=_flag(file, entry, "anonymous_allowed", False),
        is_example=_flag(file, entry, "example", False),
    )
    if _flag(file, entry, "results_published", False):
        survey.results_published_at = survey.closes_at or timezone.now()
    if not survey.title:
        raise _fail(file, entry, "title", "Die Angabe fehlt.")
    check_values(survey, ["title"], file, at(entry), entry)
    survey.save()
    questions = entries(entry.get("questions"), file, at(entry, "questions"), "questions")
    for position, item in enumerate(questions):
        _question(survey, position, item, file)
    return survey


def _question(survey: Survey, position: int, entry: Any, file: str) -> None:
    if not isinstance(entry, dict):
        raise DefaultsError(file, "", "questions", "Erwartet wird eine Zuordnung (text: …).")
    unknown_fields(entry, QUESTION_KEYS, file=file, error=DefaultsError)
    kind = text(entry.get("kind")) or QuestionKind.SINGLE
    if kind not in QuestionKind.values:
        kinds = ", ".join(QuestionKind.values)
        raise _fail(file, entry, "kind", f"„{kind}“ ist keine Art; erlaubt: {kinds}.")
    question = Question(
        survey=survey, position=position, text=text(entry.get("text")), kind=kind,
        required=_flag(file, entry, "required", False),
    )  # fmt: skip
    if not question.text:
        raise _fail(file, entry, "text", "Die Angabe fehlt.")
    check_values(question, ["text"], file, at(entry), entry)
    choices = entries(entry.get("choices"), file, at(entry, "choices"), "choices")
    if question.has_choices and len(choices) < 2:
        raise _fail(file, entry, "choices", "Eine Auswahlfrage braucht mindestens zwei Antworten.")
    if not question.has_choices and choices:
        raise _fail(file, entry, "choices", "Nur Auswahlfragen haben Antwortmöglichkeiten.")
    question.save()
    for index, choice in enumerate(choices):
        label = text(choice)
        if not label:
            raise _fail(file, entry, "choices", "Eine Antwortmöglichkeit ist leer.")
        Choice.objects.create(question=question, position=index, text=label)


def _flag(file: str, entry: dict, key: str, default: bool) -> bool:
    return flag(entry, key, default, lambda field, message: _fail(file, entry, field, message))


def _time(file: str, entry: dict, key: str) -> dt.datetime | None:
    return moment(entry, key, lambda field, message: _fail(file, entry, field, message))
