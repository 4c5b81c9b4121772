"""Default press series of a district (F20), from `press:` in its district.yaml.

Registered as a default-content loader in PressConfig.ready. Runs only while the district has
no press series and no press articles, so a planner's work is never overwritten; all or
nothing. The file lists series with their articles (see data/nordsachsen/press.yaml): only
titles and known facts, and where the exact date is not known the stated period, never an
invented date. A bad entry is refused with a German message naming file, line and field.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kek.core.defaults import entries, folder_file, mapping, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.goals.models import Concept, FieldOfAction
from kek.regions.models import Region

from .models import PressArticle, PressSeries

SERIES_KEYS = {"title", "period", "description", "example", "articles"}
ARTICLE_KEYS = {"part", "title", "medium", "date", "until", "period", "author", "teaser",
                "url", "fields", "example"}  # fmt: skip
# model field → the key of the file that gave it
SERIES_FIELDS = {"title": "title", "period": "period", "description": "description"}
ARTICLE_FIELDS = {"part": "part", "title": "title", "medium": "medium", "first_date": "date",
                  "last_date": "until", "period": "period", "author": "author",
                  "teaser": "teaser", "url": "url"}  # fmt: skip


class DefaultsError(FileError, ValueError):
    """The press defaults file cannot be used; the German message names file, line and field.
    A FileError, so `kek load-defaults` reports it without traceback."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "press")
    if path is None:
        return "Presseserie: keine Vorgaben."
    if (
        PressSeries.objects.filter(region=region).exists()
        or PressArticle.objects.filter(region=region).exists()
    ):
        return "Presseserie: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, data: dict, file: str) -> str:
    unknown_fields(data, {"series", "articles"}, file=file, error=DefaultsError)
    reader = _Reader(region, file)
    series = entries(data.get("series"), file, at(data, "series"), "series")
    loose = entries(data.get("articles"), file, at(data, "articles"), "articles")
    created = [reader.series(entry, position) for position, entry in enumerate(series, 1)]
    articles = sum(len(articles) for _, articles in created)
    articles += len([reader.article(entry, None) for entry in loose])
    return f"Presseserie: {len(created)} Serie(n) mit zusammen {articles} Artikeln angelegt."


class _Reader:
    def __init__(self, region: Region, file: str) -> None:
        self.region = region
        self.file = file
        concept = Concept.objects.current_for(region)
        found = FieldOfAction.objects.filter(concept=concept) if concept else []
        self.fields = {f.number: f for f in found}

    def fail(self, entry: Any, key: str, message: str) -> DefaultsError:
        where = at(entry, key) if isinstance(entry, dict) else ""
        return DefaultsError(self.file, where, key, message)

    def series(self, entry: Any, position: int) -> tuple[PressSeries, list[PressArticle]]:
        self._known(entry, SERIES_KEYS)
        series = PressSeries(
            region=self.region,
            title=self._required(entry, "title"),
            period=text(entry.get("period")),
            description=text(entry.get("description")),
            position=position,
            is_example=self._flag(entry),
        )
        self._checked(series, entry, SERIES_FIELDS)
        series.save()
        articles = entries(entry.get("articles"), self.file, at(entry, "articles"), "articles")
        return series, [self.article(row, series) for row in articles]

    def article(self, entry: Any, series: PressSeries | None) -> PressArticle:
        self._known(entry, ARTICLE_KEYS)
        article = PressArticle(
            region=self.region,
            series=series,
            part=entry.get("part"),
            title=self._required(entry, "title"),
            medium=self._required(entry, "medium"),
            first_date=self._date(entry, "date"),
            last_date=self._date(entry, "until"),
            period=text(entry.get("period")),
            author=text(entry.get("author")),
            teaser=text(entry.get("teaser")),
            url=text(entry.get("url")),
            is_example=self._flag(entry),
        )
        self._checked(article, entry, ARTICLE_FIELDS)
        fields = self._fields(entry)
        article.save()
        article.fields_of_action.set(fields)
        return article

    def _known(self, entry: Any, keys: set[str]) -> None:
        if not isinstance(entry, dict):
            raise DefaultsError(self.file, "", "", "Erwartet wird eine Zuordnung (title: …).")
        unknown_fields(entry, keys, file=self.file, error=DefaultsError)

    def _required(self, entry: dict, key: str) -> str:
        value = text(entry.get(key))
        if not value:
            raise self.fail(entry, key, "Die Angabe fehlt.")
        return value

    def _flag(self, entry: dict) -> bool:
        value = entry.get("example", False)
        if not isinstance(value, bool):
            raise self.fail(entry, "example", "Erwartet wird true oder false.")
        return value

    def _date(self, entry: dict, key: str) -> dt.date | None:
        value = entry.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise self.fail(
                entry, key, f"„{value}“ ist kein Datum; erwartet wird z. B. 2020-09-12."
            )
        return value

    def _fields(self, entry: dict) -> list[FieldOfAction]:
        numbers = [text(n) for n in entries(entry.get("fields"), self.file, at(entry), "fields")]
        for number in numbers:
            if number not in self.fields:
                raise self.fail(
                    entry,
                    "fields",
                    f"Ein Handlungsfeld {number} gibt es in der aktuellen "
                    "Version des Konzepts nicht.",
                )
        return [self.fields[n] for n in numbers]

    def _checked(self, instance: Any, entry: dict, names: dict[str, str]) -> None:
        """The model's own checks (lengths, numbers, URLs, the dates' order) on the values the
        file gave, named by the file's key and its line."""
        exclude = [f.name for f in instance._meta.concrete_fields if f.name not in names]
        try:
            instance.clean_fields(exclude=exclude)
            instance.clean()
        except ValidationError as exc:
            field, problems = next(iter(exc.message_dict.items()))
            key = names.get(field, field)
            raise self.fail(entry, key, " ".join(problems)) from None
