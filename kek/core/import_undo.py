"""Undo a concept or catalogue import from its record ("Import rückgängig machen", issue 16).

A real run of `kek import-concept` or `kek import-catalogue` is an `ImportRun`; every change
record it wrote carries the reason "Import N" (kek.core.audit.giving_reason). Undoing it works
on the change records of all recorded models alike: what the run created is deleted, what it
changed gets the field values and links of the record before the run back. It is refused (in
German) when an object the run touched was changed later by someone else ("später geändert"),
when something the run did not create depends on what it created, or when the run removed
objects (--remove-missing; re-creating them is not supported yet). Everything happens in one
transaction; the undo's own change records carry the reason "Rückgängig: Import N".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from simple_history.models import HistoricalRecords

from . import audit
from .history import is_recorded
from .imports import rolled_back, undo_guards
from .models import ImportRun


class UndoRefused(Exception):
    """The run cannot be undone; str() is the German reason."""


@dataclass
class Touched:
    """One object the run wrote records for: its first and last record, the one before."""

    model: type[models.Model]
    pk: Any
    first: Any
    last: Any
    before: Any = None

    @property
    def created(self) -> bool:
        return self.first.history_type == "+"


@dataclass
class Plan:
    """What undoing a run does, counted per kind (verbose names)."""

    deleted: Counter = field(default_factory=Counter)
    restored: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        deleted = _counts(self.deleted) or "nichts"
        restored = _counts(self.restored) or "nichts"
        return f"entfernt: {deleted}; auf den alten Stand gesetzt: {restored}"


def _counts(counts: Counter) -> str:
    return ", ".join(f"{n} {name}" for name, n in sorted(counts.items()))


def undo_reason(run: ImportRun) -> str:
    return f"Rückgängig: {run.reason}"


def recorded_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if is_recorded(model)]


def history_of(model: type[models.Model]):
    return getattr(model, model._meta.simple_history_manager_attribute).model  # type: ignore[attr-defined]


def touched(run: ImportRun) -> list[Touched]:
    """Every object the run wrote change records for, newest last record first."""
    found: list[Touched] = []
    for model in recorded_models():
        records = history_of(model).objects.filter(history_change_reason=run.reason)
        by_object: dict[Any, list] = {}
        for record in records.order_by("history_id"):
            by_object.setdefault(getattr(record, model._meta.pk.attname), []).append(record)
        for pk, rows in by_object.items():
            found.append(Touched(model, pk, rows[0], rows[-1], _before(model, pk, rows[0])))
    return sorted(found, key=lambda t: (t.last.history_date, t.last.history_id), reverse=True)


def _before(model: type[models.Model], pk: Any, first) -> Any:
    rows = history_of(model).objects.filter(
        **{model._meta.pk.attname: pk, "history_id__lt": first.history_id}
    )
    return rows.order_by("-history_id").first()


# ----------------------------------------------------------------------------- checks


def static_blockers(run: ImportRun, objects: list[Touched]) -> list[str]:
    """What stands in the way before anything is tried (empty: nothing)."""
    if run.undone_at is not None:
        return [f"{run} ist bereits rückgängig gemacht."]
    found = _later_changes(run, objects)
    removed = Counter(
        _name(t.model) for t in objects if not t.created and t.last.history_type == "-"
    )
    if removed:
        found.append(
            f"Der Import hat mit --remove-missing entfernt ({_counts(removed)}); solche "
            "Importe lassen sich noch nicht rückgängig machen."
        )
    missing = Counter(_name(t.model) for t in objects if not t.created and t.before is None)
    if missing:
        found.append(f"Zu {_counts(missing)} fehlt der Stand vor dem Import im Verlauf.")
    by_model: dict[type[models.Model], list[Any]] = {}
    for t in objects:
        by_model.setdefault(t.model, []).append(t.pk)
    for guard in undo_guards:
        found += guard.check(by_model)
    return found


def _later_changes(run: ImportRun, objects: list[Touched]) -> list[str]:
    counts: Counter = Counter()
    actors: dict[str, str] = {}
    for t in objects:
        later = (
            history_of(t.model)
            .objects.filter(**{t.model._meta.pk.attname: t.pk, "history_id__gt": t.last.pk})
            .exclude(history_change_reason=run.reason)
            .order_by("-history_id")
            .first()
        )
        if later is not None:
            counts[_name(t.model)] += 1
            actors.setdefault(_name(t.model), later.history_actor or "unbekannt")
    return [
        f"{n} {name} wurden nach dem Import später geändert (zuletzt von {actors[name]}); "
        "machen Sie diese Änderungen zuerst rückgängig."
        for name, n in sorted(counts.items())
    ]


def _name(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural)


def blockers(run: ImportRun) -> list[str]:
    """Why the run cannot be undone now (empty: it can); changes nothing."""
    try:
        rolled_back(lambda: _undo(run, None))
    except UndoRefused as exc:
        return [str(exc)]
    return []


def plan(run: ImportRun) -> Plan:
    """What undoing the run would do (raises UndoRefused); changes nothing."""
    return rolled_back(lambda: _undo(run, None))


# ----------------------------------------------------------------------------- undo


def undo(run: ImportRun, user=None) -> Plan:
    """Undo the run in one transaction (raises UndoRefused and changes nothing)."""
    with transaction.atomic():
        return _undo(run, user)


def _undo(run: ImportRun, user) -> Plan:
    run = ImportRun.objects.select_for_update().get(pk=run.pk)
    objects = touched(run)
    problems = static_blockers(run, objects)
    if problems:
        raise UndoRefused(" ".join(problems))
    done = Plan()
    with audit.giving_reason(undo_reason(run)):
        for t in objects:
            if not t.created:
                _restore(t, user)
                done.restored[_name(t.model)] += 1
        _delete_created([t for t in objects if t.created and t.last.history_type != "-"], user)
        for t in objects:
            if t.created and t.last.history_type != "-":
                done.deleted[_name(t.model)] += 1
    run.undone_at, run.undone_by = timezone.now(), user
    run.save(update_fields=["undone_at", "undone_by"])
    return done


def _restore(t: Touched, user) -> None:
    """Field values and links of the record before the run."""
    obj = t.model._base_manager.get(pk=t.pk)
    for f in history_of(t.model).tracked_fields:
        setattr(obj, f.attname, getattr(t.before, f.attname))
    obj._history_user = user  # type: ignore[attr-defined]
    obj.save()
    for m2m in getattr(history_of(t.model), "_history_m2m_fields", []):
        links = _links(m2m, t.before)
        if links != _links(m2m, t.last):
            manager = getattr(obj, m2m.name)
            manager.set(sorted(links))
            if hasattr(manager, "commit"):  # a ParentalManyToManyField defers until then
                manager.commit()


def _links(m2m, record) -> set:
    target = f"{m2m.m2m_reverse_field_name()}_id"
    rows = HistoricalRecords.m2m_models[m2m].objects.filter(history=record)
    return set(rows.values_list(target, flat=True))


def _delete_created(created: list[Touched], user) -> None:
    """Delete what the run created, if nothing else depends on it now."""
    if not created:
        return
    keys: set[tuple[Any, Any]] = {(t.model._meta.concrete_model, t.pk) for t in created}
    by_model: dict[type[models.Model], list[Any]] = {}
    for t in created:
        by_model.setdefault(t.model, []).append(t.pk)
    collector = Collector(using=router.db_for_write(created[0].model))
    try:
        for model, pks in by_model.items():  # collect() takes objects of one model
            instances = list(model._base_manager.filter(pk__in=pks))
            for obj in instances:
                obj._history_user = user  # type: ignore[attr-defined]
            collector.collect(instances)
    except (ProtectedError, RestrictedError) as exc:
        names = Counter(_name(type(obj)) for obj in exc.args[1])
        raise UndoRefused(_depends(names)) from None
    foreign = _foreign(collector, keys)
    if foreign:
        raise UndoRefused(_depends(foreign))
    collector.delete()


def _depends(names: Counter) -> str:
    return (
        f"Von dem, was der Import angelegt hat, hängen inzwischen andere Objekte ab "
        f"({_counts(names)}); entfernen oder ändern Sie diese zuerst."
    )


def _foreign(collector: Collector, keys: set[tuple[Any, Any]]) -> Counter:
    """What the deletion would take that the run did not create (a link row counts as the
    run's when the object it belongs to is)."""
    found: Counter = Counter()
    groups: list[tuple[type[models.Model], list[Any]]] = [
        (model, list(objs)) for model, objs in collector.data.items()
    ]
    groups += [(qs.model, list(qs)) for qs in collector.fast_deletes if hasattr(qs, "model")]
    for model, objs in groups:
        owner = _link_owner(model)
        for obj in objs:
            key = (owner[0], getattr(obj, owner[1])) if owner else (model, obj.pk)
            if (key[0]._meta.concrete_model, key[1]) not in keys:
                found[_name(key[0])] += 1
    return found


def _link_owner(model: type[models.Model]) -> tuple[type[models.Model], str] | None:
    """For an auto-created link table: the model whose links these are and its column."""
    if not model._meta.auto_created:
        return None
    for m2m_field in _m2m_fields():
        if m2m_field.remote_field.through is model:
            return m2m_field.model, f"{m2m_field.m2m_field_name()}_id"
    return None


def _m2m_fields() -> list:
    return [
        f
        for model in apps.get_models()
        for f in model._meta.many_to_many
        if isinstance(f, models.ManyToManyField)
    ]
