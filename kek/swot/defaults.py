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

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from kek.core.fileio import FileError
from kek.core.sanitise import web_url
from kek.goals.models import Concept, StrategicGoal
from kek.regions.models import Region
from kek.statistics.models import Indicator, Topic

from . import suggestions
from .models import DocumentEvidence, ExpertTalk, IndicatorEvidence, Kind, SwotItem, SwotSuggestion

ITEM_KEYS = {"kind", "topic", "title", "explanation", "example", "goals", "indicators",
             "documents", "talks"}  # fmt: skip
DECISION_KEYS = {"indicator", "rule", "decision", "reason", "title", "explanation", "example",
                 "goals", "topic"}  # fmt: skip


class DefaultsError(FileError, ValueError):
    """The SWOT defaults file cannot be used; the message is German and names the entry (and
    the field where known). A FileError, so `kek load-defaults` reports it without traceback."""


def load(region: Region, folder: Path, spec: dict) -> str:
    name = spec.get("swot")
    concept = Concept.objects.current_for(region)
    if not name or concept is None:
        return "SWOT-Analyse: keine Vorgaben."
    if (
        SwotItem.objects.filter(concept=concept).exists()
        or SwotSuggestion.objects.filter(region=region).exists()
    ):
        return "SWOT-Analyse: schon vorhanden, unverändert."
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return load_file(region, concept, data, path.name)


@transaction.atomic
def load_file(region: Region, concept: Concept, data: dict, file: str) -> str:
    context = _Context(concept, file)
    items = [context.item(entry, i) for i, entry in enumerate(data.get("items") or [], start=1)]
    refreshed = suggestions.refresh(region)
    decided = missing = 0
    for i, entry in enumerate(data.get("suggestions") or [], start=1):
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
        item = SwotItem.objects.create(
            concept=self.concept,
            kind=entry["kind"],
            topic=self._topic(entry.get("topic"), where),
            title=str(entry.get("title") or "").strip() or self._missing(where, "title"),
            explanation=str(entry.get("explanation") or "").strip(),
            position=SwotItem.objects.filter(concept=self.concept, kind=entry["kind"]).count() + 1,
            is_example=bool(entry.get("example", True)),
        )
        item.goals.set(self._goals(entry.get("goals"), where))
        item.save()  # a ParentalManyToManyField is written on save
        for n, ev in enumerate(entry.get("indicators") or []):
            IndicatorEvidence.objects.create(
                item=item,
                sort_order=n,
                indicator=self._indicator(ev.get("indicator"), where),
                comparison_region=self._region(ev.get("region"), where),
                period=str(ev.get("period", "")),
                note=str(ev.get("note", "")),
            )
        for n, doc in enumerate(entry.get("documents") or []):
            DocumentEvidence.objects.create(
                item=item, sort_order=n, title=doc["title"], year=doc.get("year"),
                author=doc.get("author", ""),
                url=self._url(doc.get("url"), where, f"documents[{n + 1}].url"),
            )  # fmt: skip
        for n, talk in enumerate(entry.get("talks") or []):
            ExpertTalk.objects.create(
                item=item, sort_order=n, date=talk.get("date"), when_text=talk.get("when", ""),
                bodies=talk["bodies"], note=talk.get("note", ""),
            )  # fmt: skip
        return item

    def decide(self, region: Region, entry: dict[str, Any], i: int) -> bool:
        where = f"Vorschlag {i}"
        self._known_keys(entry, DECISION_KEYS, where)
        indicator = self._indicator(entry.get("indicator"), where)
        suggestion = SwotSuggestion.objects.filter(
            region=region, indicator=indicator, rule=entry.get("rule"), status="open"
        ).first()
        if suggestion is None:
            return False
        if entry.get("decision") == "reject":
            reason = str(entry.get("reason") or "").strip() or self._missing(where, "reason")
            suggestions.reject(suggestion, reason)
            return True
        if entry.get("decision") != "accept":
            raise self.fail(where, "„decision“ muss accept oder reject sein.")
        item = suggestions.accept(suggestion, self.concept)
        item.title = entry.get("title") or item.title
        item.explanation = "\n\n".join(
            p for p in (str(entry.get("explanation") or "").strip(), item.explanation) if p
        )
        item.is_example = bool(entry.get("example", True))
        if entry.get("topic"):
            item.topic = self._topic(entry["topic"], where)
        item.goals.set(self._goals(entry.get("goals"), where))
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

    def _topic(self, slug: str | None, where: str) -> Topic | None:
        if slug and slug not in self.topics:
            raise self.fail(where, f"Themenfeld „{slug}“ gibt es nicht.")
        return self.topics.get(slug) if slug else None

    def _region(self, key, where: str) -> Region | None:
        if not key:
            return None
        region = Region.objects.filter(ags=str(key)).first()
        if region is None:
            raise self.fail(where, f"Ein Gebiet mit dem Schlüssel {key} gibt es nicht.")
        return region

    def _indicator(self, code: str | None, where: str) -> Indicator:
        if code not in self.indicators:
            raise self.fail(where, f"Indikator „{code}“ gibt es nicht (Statistik importiert?).")
        return self.indicators[code]

    def _goals(self, numbers: list | None, where: str) -> list[StrategicGoal]:
        numbers = [str(n) for n in numbers or []]
        for number in numbers:
            if number not in self.goals:
                raise self.fail(where, f"Ein strategisches Ziel {number} gibt es nicht.")
        return [self.goals[n] for n in numbers]
