"""Default SWOT content of a district (F11), from `swot:` in its district.yaml.

Registered as a default-content loader in SwotConfig.ready.
Runs only while the district's current concept
has no SWOT items and no suggestions, so a planner's work is never overwritten. The file holds
curated items with their evidence and the planner's decisions on the rules' suggestions
(accept with an edited text, or reject with a reason); see data/nordsachsen/swot.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kek.core.defaults import check_values, entries, folder_file, mapping, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.core.sanitise import web_url
from kek.goals.models import Concept, StrategicGoal
from kek.regions.models import Region
from kek.statistics.models import Indicator, Topic

from . import suggestions
from .models import DocumentEvidence, ExpertTalk, IndicatorEvidence, Kind, SwotItem, SwotSuggestion

ITEM_KEYS = {"kind", "topic", "title", "explanation", "example", "goals", "indicators",
             "documents", "talks"}  # fmt: skip
INDICATOR_KEYS = {"indicator", "region", "disaggregation", "period", "note"}
DOCUMENT_KEYS = {"title", "year", "author", "url"}
TALK_KEYS = {"date", "when", "bodies", "note"}
DECISION_KEYS = {"indicator", "rule", "decision", "reason", "title", "explanation", "example",
                 "goals", "topic"}  # fmt: skip


class DefaultsError(FileError, ValueError):
    """The SWOT defaults file cannot be used; the message is German and names the entry (and
    the field where known). A FileError, so `kek load-defaults` reports it without traceback."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "swot")
    concept = Concept.objects.current_for(region)
    if path is None or concept is None:
        return "SWOT-Analyse: keine Vorgaben."
    if (
        SwotItem.objects.filter(concept=concept).exists()
        or SwotSuggestion.objects.filter(region=region).exists()
    ):
        return "SWOT-Analyse: schon vorhanden, unverändert."
    data = load_yaml(path, DefaultsError) or {}
    return load_file(region, concept, mapping(data, path.name, ""), path.name)


@transaction.atomic
def load_file(region: Region, concept: Concept, data: dict, file: str) -> str:
    context = _Context(concept, file)
    unknown_fields(data, {"items", "suggestions"}, file=file, error=DefaultsError)
    listed = {key: entries(data.get(key), file, at(data, key), key) for key in data}
    items = [context.item(entry, i) for i, entry in enumerate(listed.get("items", []), start=1)]
    refreshed = suggestions.refresh(region)
    decided = missing = 0
    for i, entry in enumerate(listed.get("suggestions", []), start=1):
        found = context.decide(region, entry, i)
        decided += found
        missing += not found
    note = f", {missing} Entscheidung(en) ohne passenden Vorschlag" if missing else ""
    return (
        f"SWOT-Analyse: {len(items)} Einträge angelegt, {refreshed.added} Vorschläge aus den "
        f"Daten, davon {decided} entschieden{note}."
    )


class _Context:
    def __init__(self, concept: Concept, file: str) -> None:
        self.concept = concept
        self.file = file
        self.topics = {t.slug: t for t in Topic.objects.all()}
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.goals = {g.number: g for g in StrategicGoal.objects.filter(concept=concept)}

    def fail(self, where: str, message: str, field: str = "") -> DefaultsError:
        return DefaultsError(self.file, where, field, message)

    def item(self, entry: dict[str, Any], i: int) -> SwotItem:
        where = f"Eintrag {i}"
        self._known_keys(entry, ITEM_KEYS, where)
        if entry.get("kind") not in Kind.values:
            raise self.fail(
                where, f"„{entry.get('kind')}“ ist keine der Arten {', '.join(Kind.values)}."
            )
        item = self._checked(
            SwotItem(
                concept=self.concept,
                kind=entry["kind"],
                topic=self._topic(entry.get("topic"), where),
                title=text(entry.get("title")) or self._missing(where, "title"),
                explanation=text(entry.get("explanation")),
                position=SwotItem.objects.filter(concept=self.concept, kind=entry["kind"]).count()
                + 1,
                is_example=bool(entry.get("example", True)),
            ),
            ["title", "explanation"],
            where,
        )
        goals = self._goals(entry.get("goals"), where)
        evidence = self._evidence(entry, where)
        item.save()
        item.goals.set(goals)
        item.save()  # a ParentalManyToManyField is written on save
        for n, row in enumerate(evidence):
            row.item, row.sort_order = item, n
            row.save()
        return item

    def _evidence(self, entry: dict[str, Any], where: str) -> list[Any]:
        """Indicator comparisons, documents and expert talks of an entry, checked, unsaved."""
        found: list[Any] = []
        for n, ev in enumerate(self._list(entry, "indicators", where, INDICATOR_KEYS), 1):
            row = IndicatorEvidence(
                indicator=self._indicator(ev.get("indicator"), where),
                comparison_region=self._region(ev.get("region"), where),
                disaggregation=text(ev.get("disaggregation")),
                period=text(ev.get("period")),
                note=text(ev.get("note")),
            )
            fields = ["disaggregation", "period", "note"]
            found.append(self._checked(row, fields, f"{where}, indicators[{n}]"))
        for n, doc in enumerate(self._list(entry, "documents", where, DOCUMENT_KEYS), 1):
            row = DocumentEvidence(
                title=text(doc.get("title")) or self._missing(where, f"documents[{n}].title"),
                year=doc.get("year"),
                author=text(doc.get("author")),
                url=self._url(doc.get("url"), where, f"documents[{n}].url"),
            )
            fields = ["title", "year", "author"]
            found.append(self._checked(row, fields, f"{where}, documents[{n}]"))
        for n, talk in enumerate(self._list(entry, "talks", where, TALK_KEYS), 1):
            row = ExpertTalk(
                date=talk.get("date"),
                when_text=text(talk.get("when")),
                bodies=text(talk.get("bodies")) or self._missing(where, f"talks[{n}].bodies"),
                note=text(talk.get("note")),
            )
            fields = ["date", "when_text", "bodies", "note"]
            found.append(self._checked(row, fields, f"{where}, talks[{n}]"))
        return found

    def _list(self, entry: dict[str, Any], key: str, where: str, keys: set[str]) -> list[dict]:
        rows = entries(entry.get(key), self.file, where, key)
        for n, row in enumerate(rows, 1):
            self._known_keys(row, keys, f"{where}, {key}[{n}]")
        return rows

    def _checked(self, instance: Any, names: list[str], where: str) -> Any:
        check_values(instance, names, self.file, where)
        return instance

    def decide(self, region: Region, entry: dict[str, Any], i: int) -> bool:
        where = f"Vorschlag {i}"
        self._known_keys(entry, DECISION_KEYS, where)
        indicator = self._indicator(entry.get("indicator"), where)
        suggestion = SwotSuggestion.objects.filter(
            region=region, indicator=indicator, rule=text(entry.get("rule")), status="open"
        ).first()
        if suggestion is None:
            return False
        if entry.get("decision") == "reject":
            reason = text(entry.get("reason")) or self._missing(where, "reason")
            suggestions.reject(suggestion, reason)
            return True
        if entry.get("decision") != "accept":
            raise self.fail(where, "„decision“ muss accept oder reject sein.")
        topic = self._topic(entry["topic"], where) if entry.get("topic") else None
        goals = self._goals(entry.get("goals"), where)
        item = suggestions.accept(suggestion, self.concept)
        item.title = text(entry.get("title")) or item.title
        item.explanation = "\n\n".join(
            p for p in (text(entry.get("explanation")), item.explanation) if p
        )
        item.is_example = bool(entry.get("example", True))
        item.topic = topic or item.topic
        self._checked(item, ["title", "explanation"], where)
        item.goals.set(goals)
        item.save()
        return True

    def _known_keys(self, entry: Any, keys: set[str], where: str) -> None:
        if not isinstance(entry, dict):
            raise self.fail(where, "Erwartet wird eine Zuordnung.")
        unknown = sorted(set(entry) - keys)
        if unknown:
            raise self.fail(where, f"Unbekannte Angabe „{unknown[0]}“.")

    def _url(self, value: Any, where: str, field: str) -> str:
        """Only http and https addresses (the model field's validators): never javascript:."""
        url = str(value or "").strip()
        if not url:
            return ""
        try:
            web_url(url)  # the scheme first, for the clearest message
            DocumentEvidence._meta.get_field("url").run_validators(url)
        except ValidationError as exc:
            problems = " ".join(dict.fromkeys(exc.messages))
            raise self.fail(where, f"„{url}“ ist nicht erlaubt. {problems}", field) from None
        return url

    def _missing(self, where: str, key: str):
        raise self.fail(where, f"Die Angabe „{key}“ fehlt.")

    def _topic(self, value: Any, where: str) -> Topic | None:
        slug = text(value)
        if slug and slug not in self.topics:
            raise self.fail(where, f"Themenfeld „{slug}“ gibt es nicht.")
        return self.topics.get(slug) if slug else None

    def _region(self, value: Any, where: str) -> Region | None:
        key = text(value)
        if not key:
            return None
        region = Region.objects.filter(ags=key).first()
        if region is None:
            raise self.fail(where, f"Ein Gebiet mit dem Schlüssel {key} gibt es nicht.")
        return region

    def _indicator(self, value: Any, where: str) -> Indicator:
        code = text(value)
        if code not in self.indicators:
            raise self.fail(where, f"Indikator „{code}“ gibt es nicht (Statistik importiert?).")
        return self.indicators[code]

    def _goals(self, value: Any, where: str) -> list[StrategicGoal]:
        numbers = [text(n) for n in entries(value, self.file, where, "goals")]
        for number in numbers:
            if number not in self.goals:
                raise self.fail(where, f"Ein strategisches Ziel {number} gibt es nicht.")
        return [self.goals[n] for n in numbers]
