"""What an import may remove, and imports that write nothing (issue 16, SPEC F30).

An import adds and updates. What the file no longer has stays unless the import is asked to
remove it (`--remove-missing`), and then only after a summary of what would go (`Removal`):
counts per kind, what depends on it and would go along (Django's deletion `Collector`, grouped
by the models' verbose names, so links and rows of any app count without importing it here),
what merely mentions it (`removal_references`), and the objects an import never removes
(`removal_guards`, e.g. "hat Messwerte"), with the reason.

`rolled_back(action)` runs an import in a transaction that is rolled back afterwards: a dry run
counts along the real code path and leaves nothing behind (rows, transaction-scoped locks, and
files that the rolled-back rows referenced).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, TypeVar

from django.apps import apps
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.signals import post_save

from . import history
from .registry import Registry

T = TypeVar("T")
Counts = Counter[type[models.Model]]
Confirm = Callable[["Removal"], None]
NAMED = 20  # objects named one by one in the list of those kept


class ImportRefused(Exception):
    """An import stopped before its changes were committed; str() is the German message."""


# ----------------------------------------------------------------------------- registries


@dataclass(frozen=True)
class RemovalGuard:
    """Objects an import never removes: rows of `model` ("app_label.ModelName") matching `when`.

    An object the file no longer has is kept if it or anything its deletion would take along
    is such a row; the summary names it with `reason` ("hat Messwerte"), or `own_reason` if it
    is such a row itself."""

    name: str
    model: str
    reason: str
    when: Q = field(default_factory=Q)
    own_reason: str = ""
    order: int = 0


@dataclass(frozen=True)
class RemovalReference:
    """Rows that mention objects without a foreign key (e.g. frozen evaluation reports):
    `count(objects)` gives their number per model; they stay as they are."""

    name: str
    count: Callable[[list[models.Model]], Counts]
    order: int = 0


@dataclass(frozen=True)
class UndoGuard:
    """Objects whose import may no longer be undone (e.g. of an adopted concept version):
    `check({model: [primary keys]})` of what a run touched gives German reasons, or none."""

    name: str
    check: Callable[[dict[type[models.Model], list[Any]]], list[str]]
    order: int = 0


removal_guards: Registry[RemovalGuard] = Registry("removal guard")
removal_references: Registry[RemovalReference] = Registry("removal reference")
undo_guards: Registry[UndoGuard] = Registry("undo guard")


# ----------------------------------------------------------------------------- counting texts


def kind_name(model: type[models.Model], number: int) -> str:
    """German name of a kind of row: its verbose name, or "Verknüpfungen A ↔ B" for links."""
    meta = model._meta
    if meta.auto_created:  # the table of a many-to-many relation
        ends = [
            str(f.related_model._meta.verbose_name)
            for f in meta.fields
            if isinstance(f.related_model, type)
        ]
        return f"{'Verknüpfung' if number == 1 else 'Verknüpfungen'} {' ↔ '.join(ends)}"
    return str(meta.verbose_name if number == 1 else meta.verbose_name_plural)


def count_text(counts: Counts) -> str:
    """ "2 Handlungsfelder, 1 Teilziel" (kinds in the order of `counts`, none with zero)."""
    return ", ".join(f"{n} {kind_name(model, n)}" for model, n in counts.items() if n)


def count_models(objects: Iterable[models.Model]) -> Counts:
    """Objects per model, in the order first seen, links after the other kinds."""
    counts = Counter(type(obj) for obj in objects)
    return Counter({model: counts[model] for model in _ordered(counts)})


def _ordered(models_: Iterable[type[models.Model]]) -> list[type[models.Model]]:
    return sorted(models_, key=lambda model: bool(model._meta.auto_created))


# ----------------------------------------------------------------------------- removal plan


@dataclass
class Kept:
    """An object the file no longer has that stays, why, and what stays with it (objects the
    file no longer has either, that its deletion would have taken along)."""

    obj: models.Model
    reasons: tuple[str, ...]
    parts: list[models.Model] = field(default_factory=list)

    def __str__(self) -> str:
        text = f"{kind_name(type(self.obj), 1)} {self.obj}: {', '.join(self.reasons)}"
        if self.parts:
            text += f"; dazu bleiben: {count_text(count_models(self.parts))}"
        return text


@dataclass
class Removal:
    """What removing the objects a file no longer has would take away, and what stays."""

    objects: list[models.Model]  # to delete; the deletion takes `counts` along
    counts: Counts  # everything that goes, by model: the objects' kinds first
    kinds: list[type[models.Model]]  # kinds of the objects the file no longer has
    kept: list[Kept] = field(default_factory=list)
    references: Counts = field(default_factory=Counter)
    # Equal for two plans that remove and keep the same rows; taken when planned (a deletion
    # clears the primary keys of the objects).
    signature: tuple = ()

    def __post_init__(self) -> None:
        if not self.signature:
            kept = _keys(k.obj for k in self.kept)
            self.signature = (_keys(self.objects), kept, tuple(self.counts.items()))

    def removed(self) -> Counts:
        return Counter({model: self.counts[model] for model in self.kinds if self.counts[model]})

    def dependents(self) -> Counts:
        others = [m for m in self.counts if m not in self.kinds and self.counts[m]]
        return Counter({m: self.counts[m] for m in sorted(others, key=lambda m: kind_name(m, 2))})

    def lines(self, done: bool) -> list[str]:
        """The German summary; `done`: after the removal, else before it."""
        lines = []
        if self.objects:
            verb = "Entfernt" if done else "Würde entfernt"
            lines.append(f"{verb} (nicht mehr in der Datei): {count_text(self.removed())}.")
        if self.dependents():
            verb = "Mit entfernt" if done else "Würde mit entfernt"
            lines.append(f"{verb}, weil es daran hängt: {count_text(self.dependents())}.")
        if self.references:
            lines.append(f"Nennen sie und bleiben unverändert: {count_text(self.references)}.")
        if self.kept:
            lines.append(f"Bleibt, weil ein Import es nie entfernt ({len(self.kept)}):")
            lines += [f"  {kept}" for kept in self.kept[:NAMED]]
            if len(self.kept) > NAMED:
                lines.append(f"  … und {len(self.kept) - NAMED} weitere")
        return lines


def plan_removal(candidates: Sequence[models.Model]) -> Removal:
    """The plan for removing `candidates` (objects the file no longer has); writes nothing.

    A candidate stays if a guard or a protected relation keeps it, and so does every other
    candidate that its deletion would take along: what stays, stays whole."""
    reasons: dict[tuple[str, Any], tuple[str, ...]] = {}
    takes: dict[tuple[str, Any], set[tuple[str, Any]]] = {}
    for obj in candidates:
        why, collected = _reasons(obj)
        if why:
            reasons[_key(obj)], takes[_key(obj)] = why, collected
    kept = [
        Kept(obj, reasons[_key(obj)])
        for obj in candidates
        if _key(obj) in reasons
        and not any(_key(obj) in takes[other] for other in takes if other != _key(obj))
    ]
    roots, free = {_key(k.obj) for k in kept}, []
    for obj in candidates:
        if _key(obj) in roots:
            continue
        owner = next((k for k in kept if _key(obj) in takes[_key(k.obj)]), None)
        if owner is None:
            free.append(obj)
        else:
            owner.parts.append(obj)
    collector = _collector(free)
    counts = _counts(collector)
    kinds = _ordered(dict.fromkeys(type(obj) for obj in candidates))
    ordered = Counter({m: counts[m] for m in kinds if counts[m]})
    ordered.update({m: n for m, n in counts.items() if m not in kinds})
    going = [obj for objs in collector.data.values() for obj in objs]
    references: Counts = Counter()
    for reference in removal_references:
        references.update(reference.count(going) if going else {})
    return Removal(free, ordered, kinds, kept, +references)


def remove(removal: Removal, user: Any = None) -> Counts:
    """Delete what the plan removes (the acting user in the history); counts by model."""
    for obj in removal.objects:
        obj._history_user = user  # type: ignore[attr-defined]
    if not removal.objects:
        return Counter()
    collector = _collector(removal.objects)
    with history.recording_removed_links(collector, user):
        _, deleted = collector.delete()
    return Counter({apps.get_model(label): n for label, n in deleted.items() if n})


def settle(
    candidates: Sequence[models.Model],
    remove_missing: bool,
    confirm: Confirm | None = None,
    user: Any = None,
) -> tuple[Removal | None, Counts]:
    """Keep the objects a file no longer has, or (asked to) remove them after `confirm`."""
    if not remove_missing or not candidates:
        return None, Counter()
    removal = plan_removal(candidates)
    if confirm is not None:
        confirm(removal)
    return removal, remove(removal, user)


def same_as(expected: Removal) -> Confirm:
    """A `confirm` that refuses a plan other than the one the user agreed to."""

    def check(actual: Removal) -> None:
        if actual.signature != expected.signature:
            raise ImportRefused(
                "Der Bestand hat sich seit der Zusammenfassung geändert; nichts wurde "
                "geändert. Bitte den Import erneut starten."
            )

    return check


def _keys(objects: Iterable[models.Model]) -> tuple:
    return tuple(sorted(_key(obj) for obj in objects))


def _key(obj: models.Model) -> tuple[str, Any]:
    return (obj._meta.label, obj.pk)


def _by_model(objects: Iterable[models.Model]) -> Iterator[list[models.Model]]:
    ordered = sorted(objects, key=lambda obj: obj._meta.label)
    for _, group in groupby(ordered, key=lambda obj: obj._meta.label):
        yield list(group)


def _collector(objects: Iterable[models.Model]) -> Collector:
    groups = list(_by_model(objects))
    using = router.db_for_write(type(groups[0][0])) if groups else "default"
    collector = Collector(using=using)
    for group in groups:
        collector.collect(group)
    return collector


def _reasons(obj: models.Model) -> tuple[tuple[str, ...], set[tuple[str, Any]]]:
    """Why `obj` must stay (a guard matches what its deletion would take, or a protected
    relation forbids it; empty if it may go), and the rows its deletion would take."""
    try:
        collector = _collector([obj])
    except ProtectedError as exc:
        return (_in_use(exc.protected_objects),), set()
    except RestrictedError as exc:
        return (_in_use(exc.restricted_objects),), set()
    reasons = []
    for guard in removal_guards:
        model = apps.get_model(guard.model)
        hits = _matching(collector, model, guard.when)
        if hits:
            own = type(obj) is model and obj.pk in hits and guard.own_reason
            reasons.append(guard.own_reason if own else guard.reason)
    collected = {_key(o) for objs in collector.data.values() for o in objs}
    for query in collector.fast_deletes:
        collected |= {(query.model._meta.label, pk) for pk in query.values_list("pk", flat=True)}
    return tuple(dict.fromkeys(reasons)), collected


def _in_use(blocking: Iterable[models.Model]) -> str:
    return f"wird noch verwendet ({count_text(count_models(blocking))})"


def _matching(collector: Collector, model: type[models.Model], when: Q) -> set[Any]:
    """Primary keys of the collected rows of `model` that match `when`."""
    found: set[Any] = set()
    pks = [obj.pk for obj in collector.data.get(model, ())]
    if pks:
        rows = model._base_manager.filter(pk__in=pks).filter(when)
        found |= set(rows.values_list("pk", flat=True))
    for query in collector.fast_deletes:
        if query.model is model:
            found |= set(query.filter(when).values_list("pk", flat=True))
    return found


def _counts(collector: Collector) -> Counts:
    counts: Counts = Counter()
    for model, objs in collector.data.items():
        counts[model] += len(objs)
    for query in collector.fast_deletes:
        counts[query.model] += query.count()
    return +counts


# ----------------------------------------------------------------------------- dry runs


class _Rollback(Exception):
    pass


def rolled_back(action: Callable[[], T]) -> T:
    """Run `action` in a transaction that is rolled back; return its result.

    Files saved for rows of the rolled-back transaction are deleted again, and locks taken
    for the transaction (such as the statistics import lock) end with it."""
    results: list[T] = []
    with _SavedFiles() as saved:
        try:
            with transaction.atomic():
                results.append(action())
                raise _Rollback
        except _Rollback:
            pass
    saved.delete_unreferenced()
    return results[0]


class _SavedFiles:
    """Files of the rows this thread saves meanwhile (post_save), to delete after a rollback."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.files: set[tuple[type[models.Model], str, Any, str]] = set()
        self.uid = f"kek-dry-run-{id(self)}"

    def __enter__(self) -> _SavedFiles:
        post_save.connect(self._saved, weak=False, dispatch_uid=self.uid)
        return self

    def __exit__(self, *exc: object) -> None:
        post_save.disconnect(dispatch_uid=self.uid)

    def _saved(self, sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
        if threading.get_ident() != self.thread:
            return
        for f in instance._meta.concrete_fields:
            if isinstance(f, models.FileField):
                value = getattr(instance, f.attname)
                if value and value.name:
                    self.files.add((sender, f.name, value.storage, value.name))

    def delete_unreferenced(self) -> None:
        """Delete the files that no row references now that the transaction is gone."""
        for model, name, storage, path in self.files:
            if not model._base_manager.filter(**{name: path}).exists() and storage.exists(path):
                storage.delete(path)


# ----------------------------------------------------------------------------- row counts


@dataclass
class RowChanges:
    """Rows an action added and removed per model (net), and changed (per change history)."""

    added: Counts
    removed: Counts
    changed: Counts

    def lines(self, done: bool) -> list[str]:
        words = ("angelegt", "geändert", "entfernt") if done else ("anlegen", "ändern", "entfernen")
        prefix = "" if done else "würde "
        parts = zip(words, (self.added, self.changed, self.removed), strict=True)
        lines = [f"{prefix}{word}: {count_text(counts)}" for word, counts in parts if counts]
        return [line[0].upper() + line[1:] + "." for line in lines] or ["Keine Zeile ändert sich."]


def counting_rows(action: Callable[[], T]) -> tuple[T, RowChanges]:
    """Run `action` and count, over every table, what it added, removed and changed."""
    before, edits_before = _row_counts()
    result = action()
    after, edits_after = _row_counts()
    delta = Counter(after)
    delta.subtract(before)
    added = Counter({m: n for m, n in delta.items() if n > 0})
    removed = Counter({m: -n for m, n in delta.items() if n < 0})
    changed = edits_after - edits_before
    return result, RowChanges(_by_name(added), _by_name(removed), _by_name(changed))


def _row_counts() -> tuple[Counts, Counts]:
    """Rows per model, and change records ("~") per model that keeps a change history."""
    rows: Counts = Counter()
    edits: Counts = Counter()
    for model in apps.get_models(include_auto_created=True):
        tracked = getattr(model, "instance_type", None)  # a django-simple-history model
        if tracked is not None and any(f.name == "history_type" for f in model._meta.fields):
            edits[tracked] = model._base_manager.filter(history_type="~").count()
        elif not model._meta.proxy:
            rows[model] = model._base_manager.count()
    return rows, edits


def _by_name(counts: Counts) -> Counts:
    return Counter({m: counts[m] for m in sorted(counts, key=lambda m: kind_name(m, 2))})
