"""A district's backup (`kek backup`): its whole content as one zip (docs/backup-format.md).

The engine knows no app. What belongs to a district comes from the parts in
`registry.backup_parts`; from them `collect` walks the model metadata:

- the rows the parts list (the district's own rows, and shared rows of models with a
  `BackupKey`, such as all indicators and observations),
- every row they refer to by a foreign key (shared models: the rows to match on restore;
  others, such as Wagtail documents and revisions, become the district's own), or by a
  generic foreign key a part names as a `GenericLink` (a comment's subject),
- the links of their many-to-many fields (the auto-created through tables),
- their change history: every historical model of django-simple-history, found from the
  models themselves (also those of many-to-many links), with the records of deleted objects
  that pointed at the district's content,
- the files of their file fields.

`serialise` writes one JSON-lines member per model, `write_manifest` the manifest with row
counts and SHA-256 of every member, `write` the zip. The restore is kek.core.restore.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from kek.regions.models import Region

from .registry import BackupKey, BackupPart, GenericLink, backup_parts

FORMAT = "kek-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data/"
MEDIA = "media/"
CHUNK = 500  # ids per query (SQLite's limit on variables is far above)

DISTRICT, SHARED, HISTORY = "district", "shared", "history"

Model = type[models.Model]


def _user_defaults() -> dict[str, Any]:
    """A user the restore creates (a project lead, an author of history) cannot sign in
    until an admin activates the account and sets a password: a backup holds no passwords."""
    return {"is_active": False, "password": make_password(None)}


def base_part() -> BackupPart:
    """What core knows itself: regions by key, user accounts by name, content types."""
    user = get_user_model()
    return BackupPart(
        "base",
        0,
        rows=lambda region: [],
        keys=(
            BackupKey(Region, ("ags",)),
            BackupKey(
                user,
                (user.USERNAME_FIELD,),
                columns=("first_name", "last_name", "email"),
                defaults=_user_defaults,
            ),
            BackupKey(ContentType, ("app_label", "model"), create=False),
        ),
    )


# --------------------------------------------------------------------------------- models


def shared_keys() -> dict[Model, BackupKey]:
    return {key.model: key for part in backup_parts for key in part.keys}


def generic_links() -> dict[Model, list[tuple[models.Field, models.Field]]]:
    """Per model, the (content type, object id) columns of the parts' `GenericLink`s."""
    found: dict[Model, list[tuple[models.Field, models.Field]]] = {}
    for part in backup_parts:
        for link in part.generic:
            found.setdefault(link.model, []).append(generic_columns(link))
    return found


def generic_columns(link: GenericLink) -> tuple[models.Field, models.Field]:
    relation: Any = link.model._meta.get_field(link.name)
    ct_field = link.model._meta.get_field(relation.ct_field)
    fk_field = link.model._meta.get_field(relation.fk_field)
    assert isinstance(ct_field, models.Field) and isinstance(fk_field, models.Field)
    return ct_field, fk_field


@cache
def history_models() -> dict[Model, Model]:
    """Every historical model → the model it records (for the history of many-to-many
    links: the through model). Found from simple_history's attributes, so a history added to
    any model later is in the backup without a change here (computed once per process)."""
    found: dict[Model, Model] = {}
    for model in apps.get_models():
        manager = getattr(model._meta, "simple_history_manager_attribute", None)
        if manager is None or model in found:
            continue
        history = getattr(model, manager).model
        found[history] = model
        for m2m in getattr(history, "_history_m2m_fields", ()):
            found[getattr(history, m2m.name).model] = m2m.remote_field.through
    return found


def original_id(history: Model, recorded: Model) -> models.Field:
    """The column of a historical model that holds the recorded object's primary key."""
    column = history._meta.get_field(recorded._meta.pk.name)
    assert isinstance(column, models.Field)
    return column


def foreign_keys(model: Model) -> list[models.ForeignKey]:
    return [f for f in model._meta.local_concrete_fields if f.is_relation]  # type: ignore[misc]


def columns(model: Model, keys: dict[Model, BackupKey]) -> list[models.Field]:
    """The columns written for a model: its own concrete fields (a multi-table child: without
    the parent's, which the parent model's member holds); for a shared model with `columns`
    (users) only the primary key, the key and those, and the same for its history (with the
    history's own columns: who, when, what kind)."""
    fields: list[models.Field] = list(model._meta.local_concrete_fields)
    recorded = history_models().get(model)
    key = keys.get(model) or (keys.get(recorded) if recorded else None)
    if key is None or key.columns is None:
        return fields
    wanted = {*key.fields, *key.columns}
    if recorded is None:
        wanted.add(model._meta.pk.name)
    else:
        own = {f.name for f in recorded._meta.concrete_fields}
        wanted |= {f.name for f in fields if f.name not in own} | {recorded._meta.pk.name}
    return [f for f in fields if f.name in wanted]


def label(model: Model) -> str:
    return model._meta.label


# --------------------------------------------------------------------------------- collect


@dataclass
class Selection:
    """The rows of one model in a backup: a set of primary keys, or the whole table."""

    model: Model
    kind: str
    pks: set[Any] = field(default_factory=set)
    whole: bool = False

    def queryset(self) -> models.QuerySet:
        return self.model._base_manager.order_by("pk")

    def chunks(self) -> Iterator[models.QuerySet]:
        if self.whole:
            yield self.queryset()
            return
        ordered = sorted(self.pks)
        for start in range(0, len(ordered), CHUNK):
            yield self.queryset().filter(pk__in=ordered[start : start + CHUNK])

    def values(self, attname: str) -> set[Any]:
        """The distinct non-empty values of one column over the selected rows."""
        found: set[Any] = set()
        for chunk in self.chunks():
            found.update(chunk.order_by().values_list(attname, flat=True).distinct())
        found.discard(None)
        found.discard("")
        return found

    def count(self) -> int:
        return self.queryset().count() if self.whole else len(self.pks)


Collected = dict[Model, Selection]


def collect(region: Region) -> Collected:
    """Everything of the district's backup, as a selection of rows per model."""
    keys = shared_keys()
    chosen: Collected = {}
    for part in backup_parts:
        for queryset in part.rows(region):
            _add_queryset(chosen, queryset, keys)
    _add_links_and_references(chosen, keys)
    _add_history(chosen, region)
    _add_links_and_references(chosen, keys)
    return {model: sel for model, sel in chosen.items() if sel.whole or sel.pks}


def _select(chosen: Collected, model: Model, keys: dict[Model, BackupKey]) -> Selection:
    if model not in chosen:
        kind = SHARED if model in keys else HISTORY if model in history_models() else DISTRICT
        chosen[model] = Selection(model, kind)
    return chosen[model]


def _add_queryset(chosen: Collected, queryset: models.QuerySet, keys) -> None:
    selection = _select(chosen, queryset.model, keys)
    if not queryset.query.where:
        selection.whole = True
    else:
        selection.pks.update(queryset.values_list("pk", flat=True))


def _add_links_and_references(chosen: Collected, keys: dict[Model, BackupKey]) -> None:
    """Until nothing grows: the link rows of many-to-many fields and the rows referred to."""
    scanned: dict[Model, int] = {}  # rows of a selection when it was last looked at
    grown = True
    while grown:
        grown = False
        for selection in list(chosen.values()):
            size = -1 if selection.whole else len(selection.pks)
            if scanned.get(selection.model) == size:
                continue
            scanned[selection.model] = size
            grown |= _add_links(chosen, selection, keys)
            grown |= _add_references(chosen, selection, keys)
            grown |= _add_generic_targets(chosen, selection, keys)


def _add_links(chosen: Collected, selection: Selection, keys) -> bool:
    """Rows of the auto-created through tables of the district's many-to-many fields."""
    if selection.kind != DISTRICT:
        return False
    grown = False
    for m2m in selection.model._meta.local_many_to_many:
        through: Any = m2m.remote_field.through
        if not through._meta.auto_created:
            continue  # e.g. taggit's tags: not part of the backup (docs/backup-format.md)
        source = m2m.m2m_field_name()
        links = _select(chosen, through, keys)
        for chunk in selection.chunks():
            pks = set(
                through._base_manager.filter(**{f"{source}__in": chunk.values("pk")}).values_list(
                    "pk", flat=True
                )
            )
            grown |= not pks <= links.pks
            links.pks |= pks
    return grown


def _add_references(chosen: Collected, selection: Selection, keys) -> bool:
    """Rows the selection refers to. History follows only shared rows (users, regions):
    what else it names may be long deleted."""
    grown = False
    for fk in foreign_keys(selection.model):
        target = fk.related_model
        if selection.kind == HISTORY and target not in keys:
            continue
        referred = _select(chosen, target, keys)
        if referred.whole:
            continue
        new = selection.values(fk.attname) - referred.pks
        if new:
            referred.pks |= new
            grown = True
    return grown


def _add_generic_targets(chosen: Collected, selection: Selection, keys) -> bool:
    """The existing rows the selection's generic links point at (a comment's topic)."""
    grown = False
    for ct_field, fk_field in generic_links().get(selection.model, []):
        targets: dict[Any, set[Any]] = {}
        for chunk in selection.chunks():
            pairs = chunk.order_by().values_list(ct_field.attname, fk_field.attname).distinct()
            for content_type, object_id in pairs:
                if content_type is not None and object_id is not None:
                    targets.setdefault(content_type, set()).add(object_id)
        for content_type, ids in targets.items():
            model = ContentType.objects.get_for_id(content_type).model_class()
            if model is None:
                continue
            referred = _select(chosen, model, keys)
            if referred.whole:
                continue
            new = _matching(model, "pk", ids - referred.pks) if ids - referred.pks else set()
            if new:
                referred.pks |= new
                grown = True
    return grown


def _add_history(chosen: Collected, region: Region) -> None:
    """Historical rows of the selected objects; for the district's own models also those of
    deleted objects that pointed at the district's rows (or, by a required link, at the
    district itself), and of objects that pointed at those, until nothing grows."""
    recorded = history_models()
    district_ids: dict[Model, set[Any]] = {
        model: set(sel.pks) for model, sel in chosen.items() if sel.kind == DISTRICT
    }
    district_ids[Region] = {region.pk}
    grown = True
    while grown:
        grown = False
        for history, model in recorded.items():
            source = chosen.get(model)
            if source is None or source.kind == HISTORY:
                continue
            selection = chosen.setdefault(history, Selection(history, HISTORY))
            new = _history_rows(history, model, source, district_ids, chosen) - selection.pks
            if not new:
                continue
            grown = True
            selection.pks |= new
            if source.kind == DISTRICT:
                column = original_id(history, model).attname
                ids = history._base_manager.filter(pk__in=new).values_list(column, flat=True)
                district_ids.setdefault(model, set()).update(ids)


def _history_rows(
    history: Model, model: Model, source: Selection, district_ids, chosen: Collected
) -> set[Any]:
    column = original_id(history, model).attname
    if source.kind == SHARED:  # only the records of the shared rows in the backup
        if source.whole:
            return set(history._base_manager.values_list("pk", flat=True))
        return _matching(history, column, source.pks)
    found = _matching(history, column, district_ids.get(model, set()))
    for fk in foreign_keys(history):
        target = fk.related_model
        if target in chosen and chosen[target].kind == HISTORY:  # a link's record → its
            found |= _matching(history, fk.attname, chosen[target].pks)  # object's record
        elif target is Region and _requires_region(model, fk.name):
            found |= _matching(history, fk.attname, district_ids[Region])
        elif target in district_ids and target is not Region:
            found |= _matching(history, fk.attname, district_ids[target])
    return found


def _requires_region(model: Model, name: str) -> bool:
    """A required link to a region (Concept.region) makes a record the district's; an
    optional one (a target indicator's series region) does not."""
    try:
        return not model._meta.get_field(name).null
    except LookupError:
        return False


def _matching(model: Model, attname: str, values: Iterable[Any]) -> set[Any]:
    ordered = sorted(values)
    found: set[Any] = set()
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        found.update(
            model._base_manager.filter(Q(**{f"{attname}__in": chunk})).values_list("pk", flat=True)
        )
    return found


# --------------------------------------------------------------------------------- serialise


@dataclass
class Member:
    name: str
    data: bytes
    kind: str
    model: str = ""
    rows: int = 0
    key: tuple[str, ...] = ()

    def entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.model:
            entry |= {"model": self.model, "rows": self.rows}
        if self.key:
            entry["key"] = list(self.key)
        return entry | {"bytes": len(self.data), "sha256": sha256(self.data)}


@dataclass
class Written:
    path: Path
    members: list[Member]
    missing_files: list[str]

    @property
    def rows(self) -> int:
        return sum(m.rows for m in self.members)

    @property
    def tables(self) -> int:
        return sum(1 for m in self.members if m.model)

    @property
    def files(self) -> int:
        return sum(1 for m in self.members if m.kind == "file")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Column types whose values are JSON as they come from the database.
NATIVE = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "PositiveBigIntegerField", "FloatField", "CharField", "TextField", "SlugField",
    "EmailField", "URLField", "BooleanField", "FileField", "ImageField", "FilePathField",
    "GenericIPAddressField", "JSONField",
}  # fmt: skip
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def plain(fld: models.Field, value: Any) -> Any:
    """A column value as JSON: numbers, text, booleans and JSON as they are, everything else
    (dates, times, decimals, UUIDs, binary data, stream fields) as the field's own text form,
    which `field.to_python` reads back."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(fld, models.JSONField):
        return value
    holder: Any = SimpleNamespace(**{fld.attname: value})  # what value_to_string reads
    return fld.value_to_string(holder)


def is_native(fld: models.Field) -> bool:
    typed = fld.target_field if fld.is_relation else fld  # type: ignore[attr-defined]
    if typed.get_internal_type() == "JSONField" and not isinstance(typed, models.JSONField):
        return False  # a JSON column with a Python value of its own (Wagtail's StreamField)
    return typed.get_internal_type() in NATIVE


def encoded_rows(fields: list[models.Field], rows: Iterable[tuple]) -> Iterator[str]:
    """One JSON array per row; only the columns that need it are converted (speed)."""
    convert = [(i, f) for i, f in enumerate(fields) if not is_native(f)]
    for row in rows:
        if convert:
            values = list(row)
            for i, fld in convert:
                values[i] = plain(fld, values[i])
            yield ENCODER.encode(values)
        else:
            yield ENCODER.encode(row)


def serialise(chosen: Collected) -> list[Member]:
    """One JSON-lines member per model: a header line, then one array per row (by pk)."""
    keys = shared_keys()
    members = []
    for model in sorted(chosen, key=label):
        selection = chosen[model]
        fields = columns(model, keys)
        header = {"model": label(model), "columns": [f.attname for f in fields]}
        lines = [json.dumps(header, ensure_ascii=False)]
        for chunk in selection.chunks():
            rows = chunk.values_list(*header["columns"]).iterator(chunk_size=2000)
            lines.extend(encoded_rows(fields, rows))
        key = keys[model].fields if model in keys else ()
        data = ("\n".join(lines) + "\n").encode("utf-8")
        name = f"{DATA}{label(model)}.jsonl"
        members.append(Member(name, data, selection.kind, label(model), len(lines) - 1, key))
    return members


def media_members(chosen: Collected) -> tuple[list[Member], list[str]]:
    """The stored files of every file field of the selected rows; names of missing ones."""
    members: dict[str, Member] = {}
    missing: list[str] = []
    for model, selection in chosen.items():
        for fld in model._meta.local_concrete_fields:
            if not isinstance(fld, models.FileField):
                continue
            for name in sorted(selection.values(fld.attname)):
                if f"{MEDIA}{name}" in members:
                    continue
                if not fld.storage.exists(name):
                    missing.append(name)
                    continue
                with fld.storage.open(name, "rb") as handle:
                    members[f"{MEDIA}{name}"] = Member(f"{MEDIA}{name}", handle.read(), "file")
    return list(members.values()), missing


def write_manifest(region: Region, members: list[Member]) -> bytes:
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": timezone.now().isoformat(timespec="seconds"),
        "kek_version": kek_version(),
        "district": {"ags": region.ags, "name": region.name},
        "members": [member.entry() for member in members],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")


def kek_version() -> str:
    try:
        return metadata.version("kek")
    except metadata.PackageNotFoundError:
        return "unbekannt"


def write(path: Path, manifest: bytes, members: list[Member]) -> None:
    """The zip, written next to `path` and then moved there: never a half-written backup."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with ZipFile(partial, "w", compression=ZIP_DEFLATED, compresslevel=6) as archive:
            archive.writestr(MANIFEST, manifest)
            for member in members:
                archive.writestr(member.name, member.data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def snapshot() -> Iterator[None]:
    """One transaction, so every query sees the same data (PostgreSQL: REPEATABLE READ when
    it is the outermost transaction)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def backup(region: Region, path: Path) -> Written:
    """Write the district's backup to `path` (a .zip); reads only, in one snapshot."""
    with snapshot():
        chosen = collect(region)
        members = serialise(chosen)
        files, missing = media_members(chosen)
    members += files
    write(path, write_manifest(region, members), members)
    return Written(path, members, missing)
