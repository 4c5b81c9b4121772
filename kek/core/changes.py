"""Readable change records (who, when, what, old → new) of any model with a history
(kek.core.history), for the history of one object and for the audit log.

`describe(records)` turns historical records of any mix of models into entries with a bounded
number of queries: per history model one for the records with their predecessors' ids, one
for the predecessors, one per many-to-many field for the links, and one per related model for
the names of the objects that foreign keys and links point to.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

ACTIONS = {"+": "angelegt", "~": "geändert", "-": "gelöscht"}
LABEL_FIELDS = ("name", "bodies", "file_name", "username", "rule", "date")
VALUE_LENGTH = 300


@dataclass
class HistoryEntry:
    """One recorded change, ready to show."""

    when: datetime
    who: str
    action: str
    reason: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    kind: str = ""  # what kind of object: "Meilenstein", "Seite", "Anmeldung" …
    label: str = ""  # which object
    url: str = ""  # where its history is shown


# ----------------------------------------------------------------------------- entry points


def entries(instance: models.Model, limit: int = 50) -> list[HistoryEntry]:
    """The newest changes of `instance` and of its child rows (milestones of a project,
    evidence of a SWOT item …), newest first."""
    records: list = []
    for history_model, lookup in object_sources(instance):
        query = history_model.objects.filter(**lookup).order_by("-history_date", "-history_id")
        records += list(query[:limit])
    records.sort(key=lambda r: (r.history_date, r.history_id), reverse=True)
    return describe(records[:limit])


def object_sources(instance: models.Model) -> list[tuple[Any, dict[str, Any]]]:
    """(history model, filter) of the object's own records and those of its child rows."""
    from modelcluster.models import get_all_child_relations

    model = type(instance)
    found = []
    if hasattr(model._meta, "simple_history_manager_attribute"):
        found.append((history_of(model), {model._meta.pk.attname: instance.pk}))
    for relation in get_all_child_relations(model):
        child = relation.related_model
        if hasattr(child._meta, "simple_history_manager_attribute"):
            found.append((history_of(child), {relation.field.attname: instance.pk}))
    return found


def history_of(model: type[models.Model]) -> Any:
    return getattr(model, model._meta.simple_history_manager_attribute).model  # type: ignore[attr-defined]


def describe(records: Sequence[Any]) -> list[HistoryEntry]:
    """Entries for historical records of any models, in the order given."""
    by_model: dict[Any, list] = defaultdict(list)
    for record in records:
        by_model[type(record)].append(record)
    described: dict[tuple[Any, int], HistoryEntry] = {}
    for history_model, group in by_model.items():
        for record, entry in _describe_model(history_model, group):
            described[(history_model, record.pk)] = entry
    return [described[(type(r), r.pk)] for r in records]


# ----------------------------------------------------------------------------- one model


def _describe_model(history_model, records: list) -> Iterable[tuple[Any, HistoryEntry]]:
    model = history_model.instance_type
    loaded = _with_previous(history_model, [r.pk for r in records])
    previous = history_model.objects.in_bulk([p for _, p in loaded.values() if p])
    fields = _shown_fields(history_model)
    links = _LinkSets(history_model, [r.pk for r in records] + list(previous))
    names = _Names(model, fields, list(loaded.values()), previous, links)
    for record in records:
        record, prev_id = loaded[record.pk]
        prev = previous.get(prev_id) if prev_id else None
        changes = _changes(record, prev, fields, links, names)
        yield (
            record,
            HistoryEntry(
                when=record.history_date,
                who=who(record),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                kind=str(model._meta.verbose_name),
                label=object_label(record),
            ),
        )


def _with_previous(history_model, ids: list[int]) -> dict[int, tuple[Any, int | None]]:
    """history id → (record, history id of the object's record before it)."""
    pk_name = history_model.instance_type._meta.pk.attname
    earlier = history_model.objects.filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
        **{pk_name: OuterRef(pk_name)},
    ).order_by("-history_date", "-history_id")
    rows = (
        history_model.objects.filter(history_id__in=ids)
        .select_related("history_user")
        .annotate(previous_id=Subquery(earlier.values("history_id")[:1]))
    )
    return {r.pk: (r, r.previous_id) for r in rows}


def _shown_fields(history_model) -> list[models.Field]:
    model = history_model.instance_type
    hidden = set(getattr(model, "history_hidden_fields", ()))
    return [
        f
        for f in history_model.tracked_fields
        if f.editable and not f.primary_key and f.name not in hidden
    ]


def _changes(record, prev, fields, links: _LinkSets, names: _Names) -> list[tuple[str, str, str]]:
    if record.history_type == "-":
        return []
    changes = []
    for f in fields:
        new = getattr(record, f.attname)
        old = getattr(prev, f.attname) if prev is not None else None
        if prev is None and _empty(new):
            continue
        if prev is not None and old == new:
            continue
        changes.append((label_of(f), names.text(f, old), names.text(f, new)))
    for m2m in links.fields:
        new_set = links.of(m2m, record.pk)
        old_set = links.of(m2m, prev.pk) if prev is not None else set()
        if new_set != old_set:
            changes.append((label_of(m2m), names.many(m2m, old_set), names.many(m2m, new_set)))
    return changes


def label_of(model_field) -> str:
    """The field's German name; a parent key without one is named after its model."""
    name = str(getattr(model_field, "verbose_name", "") or model_field.name)
    related = getattr(model_field, "related_model", None)
    if related is not None and name == model_field.name.replace("_", " "):
        return str(related._meta.verbose_name)
    return name


def _empty(value) -> bool:
    return value is None or value == "" or value == {} or value == []


# ----------------------------------------------------------------------------- who and what


def who(record) -> str:
    """The actor in words, else the account, else "System" (records from before issue 16)."""
    actor = getattr(record, "history_actor", "")
    if actor:
        return actor
    user = record.history_user
    if user is not None:
        return user.get_full_name() or user.get_username()
    return "System"


def object_label(record) -> str:
    """Which object, from the record's own fields (no query): "P1.03 Radweg", "Ausschreibung"."""
    title = " ".join(str(v) for v in (_value(record, "number"), _value(record, "title")) if v)
    if not title:
        title = next((_plain(v) for n in LABEL_FIELDS if (v := _value(record, n))), "")
    if not title:
        title = f"Nr. {record.instance_type._meta.pk.value_from_object(record)}"
    version = _value(record, "version")
    return f"{title} (Version {version})" if version else title


def _value(record, name: str):
    return getattr(record, name, None) if name in record.__dict__ else None


def _plain(value) -> str:
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, date):
        return date_format(value, "d.m.Y")
    return str(value)


class _LinkSets:
    """The links each record holds, per many-to-many field: one query per field."""

    def __init__(self, history_model, record_ids: list[int]) -> None:
        self.fields = list(getattr(history_model, "_history_m2m_fields", []))
        self._sets: dict[Any, dict[int, set]] = {}
        for m2m in self.fields:
            target = f"{m2m.m2m_reverse_field_name()}_id"
            rows = HistoricalRecords.m2m_models[m2m].objects.filter(history_id__in=record_ids)
            sets: dict[int, set] = defaultdict(set)
            for history_id, value in rows.values_list("history_id", target):
                sets[history_id].add(value)
            self._sets[m2m] = sets

    def of(self, m2m, record_id: int) -> set:
        return self._sets[m2m].get(record_id, set())

    def all_targets(self, m2m) -> set:
        return set().union(*self._sets[m2m].values()) if self._sets[m2m] else set()


def _names_of(model: type[models.Model], pks: set) -> dict[Any, str]:
    """Names of the objects; a deleted one by its last record, if its model keeps a history."""
    names = {o.pk: str(o) for o in model._base_manager.filter(pk__in=pks)}
    gone = pks - set(names)
    if gone and hasattr(model._meta, "simple_history_manager_attribute"):
        pk_name = model._meta.pk.attname
        records = history_of(model).objects.filter(**{f"{pk_name}__in": gone})
        for record in records.order_by("history_date", "history_id"):
            names[getattr(record, pk_name)] = object_label(record)
    return names


class _Names:
    """Readable values: choices by their label, foreign keys and links by the name of what
    they point to (one query per related model, deleted objects by their number)."""

    def __init__(self, model, fields, loaded, previous: dict, links: _LinkSets) -> None:
        records = [r for r, _ in loaded] + list(previous.values())
        wanted: dict[type[models.Model], set] = defaultdict(set)
        for f in fields:
            if f.is_relation and f.related_model is not None:
                wanted[f.related_model] |= {getattr(r, f.attname) for r in records} - {None}
        for m2m in links.fields:
            wanted[m2m.related_model] |= links.all_targets(m2m)
        self._names = {related: _names_of(related, pks) for related, pks in wanted.items() if pks}

    def text(self, f: models.Field, value) -> str:
        if _empty(value):
            return ""
        if f.is_relation and f.related_model is not None:
            return self._names.get(f.related_model, {}).get(value, f"Nr. {value}")
        if f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "ja" if value else "nein"
        if isinstance(value, dict | list):
            value = json.dumps(value, ensure_ascii=False)
        text = _plain(value)
        return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"

    def many(self, m2m, pks: set) -> str:
        names = self._names.get(m2m.related_model, {})
        return ", ".join(sorted(names.get(pk, f"Nr. {pk}") for pk in pks))
