"""Restore a district's backup (`kek restore`), format docs/backup-format.md.

Steps: `read` (the zip, its manifest, every member's SHA-256 and row count, every JSON line:
a damaged or newer file is refused before anything is written) → `restore`, in one
transaction: the target district (`--district`, else the backup's) must not have content
unless `replace` → `order` (models by their foreign keys) → per model `remap` (new primary
keys; every foreign key through the old → new maps; shared rows matched by their
`BackupKey`) and `insert` (bulk, timestamps kept) → the parts' `finish` hooks. Files go to
the storage during the transaction and are removed again if it fails. A generic foreign key
the parts name (`GenericLink`: content type + object id, e.g. a comment's subject) orders its
model after the models its rows point at and is renumbered like a foreign key; a row whose
target is not in the backup loses the link if it may, else it is left out (with a note).
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.db import DataError, IntegrityError, connection, models, transaction
from django.db.models import Min

from kek.regions.models import Region

from .backup import (
    DATA,
    DISTRICT,
    FORMAT,
    FORMAT_VERSION,
    HISTORY,
    MANIFEST,
    MEDIA,
    SHARED,
    Model,
    generic_links,
    history_models,
    is_native,
    original_id,
    sha256,
    shared_keys,
)
from .registry import BackupKey, backup_parts

OLD_PK = "_backup_pk"  # in the rows handed to `prepare` hooks: the row's key in the backup
MAX_MEMBER_BYTES = 4 * 1024**3
PLAIN_ROWS = 1000  # a table this large that nothing refers to skips the model objects
NOTHING_CHANGED = " Es wurde nichts geändert."
RECORDED = "(recorded model)"  # the dependency of a historical model on the model it records
GENERIC = "(generic link)"  # the dependencies of a model on its generic links' targets


class BackupError(Exception):
    """A backup that cannot be restored; the German message says why."""


# --------------------------------------------------------------------------------- read


@dataclass
class Table:
    """One model's member: its columns and rows (lists of JSON values)."""

    name: str
    model: Model
    kind: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class Backup:
    manifest: dict[str, Any]
    tables: dict[Model, Table]
    files: dict[str, bytes]

    @property
    def ags(self) -> str:
        return str(self.manifest["district"]["ags"])

    @property
    def name(self) -> str:
        return str(self.manifest["district"].get("name", ""))


def read(path: Path) -> Backup:
    """The checked content of a backup file; BackupError (German) if anything is wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = _manifest(archive)
            members = _members(archive, manifest)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise BackupError(
            f"{path.name} ist keine lesbare ZIP-Datei ({exc})." + NOTHING_CHANGED
        ) from None
    tables: dict[Model, Table] = {}
    files: dict[str, bytes] = {}
    for entry in manifest["members"]:
        data = members[entry["name"]]
        if entry.get("kind") == "file":
            files[entry["name"].removeprefix(MEDIA)] = data
        else:
            table = _table(entry, data)
            tables[table.model] = table
    return Backup(manifest, tables, files)


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    if MANIFEST not in archive.namelist():
        raise BackupError(
            f"Die Datei enthält kein {MANIFEST}: keine KEK-Sicherung." + NOTHING_CHANGED
        )
    try:
        manifest = json.loads(_read_member(archive, MANIFEST, 16 * 1024**2))
    except (ValueError, UnicodeDecodeError):
        raise BackupError(
            f"{MANIFEST} ist kein gültiges JSON: die Sicherung ist beschädigt." + NOTHING_CHANGED
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} beschreibt keine KEK-Sicherung." + NOTHING_CHANGED)
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise BackupError(f"{MANIFEST}: Formatversion {version!r} ist ungültig." + NOTHING_CHANGED)
    if version > FORMAT_VERSION:
        raise BackupError(
            f"Die Sicherung hat das Format {version} (KEK {manifest.get('kek_version', '?')}); "
            f"diese KEK-Version liest Sicherungen bis Format {FORMAT_VERSION}. Bitte zuerst "
            "KEK aktualisieren." + NOTHING_CHANGED
        )
    district = manifest.get("district")
    if not isinstance(district, dict) or not district.get("ags"):
        raise BackupError(f"{MANIFEST} nennt keinen Landkreis." + NOTHING_CHANGED)
    if not isinstance(manifest.get("members"), list):
        raise BackupError(f"{MANIFEST} listet keine Teile." + NOTHING_CHANGED)
    return manifest


def _members(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> dict[str, bytes]:
    """Every member the manifest lists, its size and SHA-256 checked; nothing else."""
    listed = {entry.get("name") for entry in manifest["members"] if isinstance(entry, dict)}
    extra = set(archive.namelist()) - listed - {MANIFEST}
    if extra:
        raise BackupError(f"Teil {sorted(extra)[0]} steht nicht im {MANIFEST}." + NOTHING_CHANGED)
    found = {}
    for entry in manifest["members"]:
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name.startswith((DATA, MEDIA)):
            raise BackupError(f"{MANIFEST}: ungültiger Eintrag {entry!r}." + NOTHING_CHANGED)
        if name not in archive.namelist():
            raise BackupError(f"Teil {name} fehlt in der Sicherung." + NOTHING_CHANGED)
        data = _read_member(archive, name, int(entry.get("bytes", 0)))
        if sha256(data) != entry.get("sha256"):
            raise BackupError(
                f"Die Sicherung ist beschädigt: die Prüfsumme (SHA-256) von {name} stimmt nicht."
                + NOTHING_CHANGED
            )
        found[name] = data
    return found


def _read_member(archive: zipfile.ZipFile, name: str, expected: int) -> bytes:
    """A member, read at most to its declared size plus one byte (no zip bombs)."""
    limit = min(max(expected, 0), MAX_MEMBER_BYTES) + 1
    try:
        with archive.open(name) as handle:
            data = handle.read(limit)
    except zipfile.BadZipFile:
        raise BackupError(
            f"Die Sicherung ist beschädigt: {name} lässt sich nicht lesen (Prüfsumme der "
            "ZIP-Datei stimmt nicht)." + NOTHING_CHANGED
        ) from None
    if len(data) == limit and name != MANIFEST:
        raise BackupError(
            f"Die Sicherung ist beschädigt: {name} ist größer als angegeben." + NOTHING_CHANGED
        )
    return data


def _table(entry: dict[str, Any], data: bytes) -> Table:
    name = entry["name"]
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise BackupError(f"{name} ist kein UTF-8-Text." + NOTHING_CHANGED) from None
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows.append(json.loads(line))
        except ValueError:
            raise BackupError(
                f"{name}, Zeile {number}: kein gültiges JSON." + NOTHING_CHANGED
            ) from None
    if not rows or not isinstance(rows[0], dict):
        raise BackupError(f"{name}: die Kopfzeile fehlt." + NOTHING_CHANGED)
    header, rows = rows[0], rows[1:]
    model = _model(name, header.get("model"))
    names = header.get("columns")
    known = {f.attname for f in model._meta.local_concrete_fields}
    if not isinstance(names, list) or model._meta.pk.attname not in names:
        raise BackupError(
            f"{name}: die Spalten fehlen oder der Primärschlüssel fehlt." + NOTHING_CHANGED
        )
    for column in names:
        if column not in known:
            raise BackupError(
                f"{name}: die Spalte {column} gibt es im Modell {model._meta.label} nicht."
                + NOTHING_CHANGED
            )
    for number, row in enumerate(rows, start=2):
        if not isinstance(row, list) or len(row) != len(names):
            raise BackupError(
                f"{name}, Zeile {number}: erwartet {len(names)} Werte." + NOTHING_CHANGED
            )
    if len(rows) != entry.get("rows"):
        raise BackupError(
            f"{name}: {len(rows)} Zeilen statt {entry.get('rows')}." + NOTHING_CHANGED
        )
    return Table(name, model, kind_of(model), names, rows)


def kind_of(model: Model) -> str:
    """What a model's rows are, by this installation's registry (not by the manifest)."""
    if model in shared_keys():
        return SHARED
    return HISTORY if model in history_models() else DISTRICT


def _model(name: str, model_label: Any) -> Model:
    try:
        return apps.get_model(str(model_label))
    except (LookupError, ValueError):
        raise BackupError(
            f"{name}: das Modell {model_label} gibt es in dieser Installation nicht."
            + NOTHING_CHANGED
        ) from None


# --------------------------------------------------------------------------------- restore


@dataclass
class Restoring:
    """One restore in progress; the parts' `prepare` and `finish` hooks get it."""

    backup: Backup
    ags: str  # the target district
    maps: dict[Model, dict[Any, Any]] = field(default_factory=dict)  # old pk → new pk
    created: dict[Model, set[Any]] = field(default_factory=dict)  # new pks created here
    inserted: Counter = field(default_factory=Counter)  # rows written per model
    matched: Counter = field(default_factory=Counter)  # shared rows found in the installation
    detached: dict[Model, dict[Any, int]] = field(default_factory=dict)  # deleted objects
    notes: list[str] = field(default_factory=list)
    written: list[tuple[Any, str]] = field(default_factory=list)  # (storage, name)
    _region: Region | None = None

    @property
    def region(self) -> Region:
        if self._region is None:
            self._region = Region.objects.get(ags=self.ags)
        return self._region

    def new_pk(self, model: Model, old: Any) -> Any:
        return self.maps.get(model, {}).get(old)

    @cached_property
    def source_pk(self) -> Any:
        """The backup's own district: its key in the backup's Region member."""
        table = self.backup.tables.get(Region)
        if table is None:
            return None
        pk, ags = table.columns.index("id"), table.columns.index("ags")
        return next((row[pk] for row in table.rows if row[ags] == self.backup.ags), None)


@dataclass
class Restored:
    ags: str
    name: str
    source_ags: str
    source: str  # the backup's district: name (AGS)
    created: Counter  # kind → rows
    matched: int
    files: int
    notes: list[str]

    def summary(self) -> str:
        source = "" if self.source_ags == self.ags else f" aus der Sicherung von {self.source}"
        text = (
            f"Wiederhergestellt: {self.name} ({self.ags}){source}: "
            f"{self.created[DISTRICT]} Zeilen Inhalt, {self.created[HISTORY]} Zeilen Verlauf, "
            f"{self.created[SHARED]} gemeinsame Zeilen neu (Gebiete, Konten, Statistik), "
            f"{self.matched} schon vorhanden, {self.files} Datei(en)."
        )
        return "\n".join([text, *self.notes])


def restore(backup: Backup, district: str | None = None, replace: bool = False) -> Restored:
    """Restore `backup` as the district `district` (default: the backup's own), atomically."""
    restoring = Restoring(backup, district or backup.ags)
    try:
        with transaction.atomic():
            _prepare_target(restoring, replace)
            _allocate_detached(restoring)
            deferred: list[tuple[Model, models.ForeignKey, list[tuple[Any, Any]]]] = []
            for model, later in order(backup):
                deferred += insert(backup.tables[model], restoring, later)
            _set_deferred(deferred, restoring)
            for part in backup_parts:
                if part.finish is not None:
                    part.finish(restoring)
    except (IntegrityError, DataError) as exc:
        _remove_files(restoring)
        raise BackupError(
            f"Die Sicherung passt nicht zu dieser Installation ({exc})." + NOTHING_CHANGED
        ) from None
    except BaseException:
        _remove_files(restoring)
        raise
    return _result(restoring)


def _remove_files(restoring: Restoring) -> None:
    for storage, name in restoring.written:
        storage.delete(name)


def _result(restoring: Restoring) -> Restored:
    created: Counter = Counter()
    for model, rows in restoring.inserted.items():
        created[restoring.backup.tables[model].kind] += rows
    return Restored(
        ags=restoring.ags,
        name=restoring.region.name,
        source_ags=restoring.backup.ags,
        source=f"{restoring.backup.name} ({restoring.backup.ags})",
        created=created,
        matched=sum(restoring.matched.values()),
        files=len(restoring.written),
        notes=restoring.notes,
    )


# --------------------------------------------------------------------------------- target


def _prepare_target(restoring: Restoring, replace: bool) -> None:
    """The target district exists (else from the regions table) and is empty (or emptied)."""
    region = Region.objects.filter(ags=restoring.ags).first()
    if region is None:
        from kek.regions.loading import load_regions

        load_regions()
        region = Region.objects.filter(ags=restoring.ags).first()
    if region is None:
        if restoring.ags != restoring.backup.ags:
            raise BackupError(
                f"Einen Landkreis mit dem Schlüssel {restoring.ags} gibt es nicht."
                + NOTHING_CHANGED
            )
        return  # created from the backup's regions
    if region.level != Region.Level.DISTRICT:
        raise BackupError(f"{region.name} ({region.ags}) ist kein Landkreis." + NOTHING_CHANGED)
    existing = district_content(region)
    if existing and not replace:
        listed = ", ".join(f"{count} {name}" for name, count in existing.items())
        raise BackupError(
            f"{region.name} ({region.ags}) hat schon Inhalte ({listed}). `kek restore --replace` "
            "ersetzt sie durch die der Sicherung." + NOTHING_CHANGED
        )
    if existing:
        delete_content(region)


def district_content(region: Region) -> dict[str, int]:
    """The district's own rows per model (verbose plural name → count), shared ones aside."""
    keys = shared_keys()
    found: dict[str, int] = {}
    for part in backup_parts:
        for queryset in part.rows(region):
            if queryset.model in keys:
                continue
            count = queryset.count()
            if count:
                name = str(queryset.model._meta.verbose_name_plural)
                found[name] = found.get(name, 0) + count
    return found


def delete_content(region: Region) -> None:
    """The district's own rows, the parts in reverse order (history records the deletions)."""
    keys = shared_keys()
    for part in reversed(list(backup_parts)):
        if part.delete is not None:
            part.delete(region)
            continue
        for queryset in reversed(list(part.rows(region))):
            if queryset.model not in keys:
                queryset.delete()


# --------------------------------------------------------------------------------- order


def order(backup: Backup) -> Iterator[tuple[Model, set[str]]]:
    """The backup's models, each after the models its foreign keys point to (a historical
    model after the model it records); with the names of the fields set afterwards (links to
    the same model, or a nullable link that breaks a cycle)."""
    recorded = history_models()
    remaining: dict[Model, dict[str, Model]] = {}
    for model in backup.tables:
        deps = {f.name: f.related_model for f in _links(model) if f.related_model in backup.tables}
        if recorded.get(model) in backup.tables:
            deps[RECORDED] = recorded[model]
        for number, target in enumerate(_generic_targets(backup, model)):
            deps[f"{GENERIC} {number}"] = target
        remaining[model] = deps
    done: set[Model] = set()
    while remaining:
        ready = [
            m for m, deps in remaining.items() if all(t in done or t is m for t in deps.values())
        ]
        if not ready:
            ready = [_break_cycle(remaining)]
        for model in sorted(ready, key=lambda m: m._meta.label):
            deps = remaining.pop(model)
            later = {
                name
                for name, target in deps.items()
                if target not in done and not name.startswith("(")
            }
            done.add(model)
            yield model, later


def _links(model: Model) -> list[models.ForeignKey]:
    return [f for f in model._meta.local_concrete_fields if f.is_relation]  # type: ignore[misc]


def _break_cycle(remaining: dict[Model, dict[str, Model]]) -> Model:
    for model, deps in sorted(remaining.items(), key=lambda item: item[0]._meta.label):
        waiting = [n for n, target in deps.items() if target in remaining and target is not model]
        required = any(n.startswith("(") for n in waiting)  # a record, a generic link
        if not required and all(model._meta.get_field(n).null for n in waiting):
            return model
    raise BackupError("Die Sicherung hat einen Kreis von Pflichtverweisen." + NOTHING_CHANGED)


def backup_content_types(backup: Backup) -> dict[Any, Model | None]:
    """The backup's content types (old pk) → this installation's model (None: unknown)."""
    table = backup.tables.get(ContentType)
    if table is None:
        return {}
    pk, app, name = (table.columns.index(c) for c in ("id", "app_label", "model"))
    return {row[pk]: apps.all_models.get(row[app], {}).get(row[name]) for row in table.rows}


def _generic_targets(backup: Backup, model: Model) -> set[Model]:
    """The models in the backup that `model`'s rows point at by a generic link."""
    table, found = backup.tables[model], set()
    content_types = backup_content_types(backup)
    for ct_field, _ in generic_links().get(model, []):
        column = table.columns.index(ct_field.attname)
        for row in table.rows:
            target = content_types.get(row[column])
            if target is not None and target in backup.tables and target is not model:
                found.add(target)
    return found


# --------------------------------------------------------------------------------- remap


def _allocate_detached(restoring: Restoring) -> None:
    """Records of deleted objects keep an id of their own: a negative one, below every
    negative id of that history table, so they never pass for a new object's records."""
    recorded, keys = history_models(), shared_keys()
    for model, table in restoring.backup.tables.items():
        instance = recorded.get(model)
        if instance is None or instance in keys:
            continue
        column = original_id(model, instance).attname
        live = _old_pks(restoring.backup.tables.get(instance))
        ids = {row[table.columns.index(column)] for row in table.rows} - live
        if not ids:
            continue
        below = model._base_manager.filter(**{f"{column}__lt": 0}).aggregate(low=Min(column))
        taken = restoring.detached.setdefault(instance, {})
        lowest = min([below["low"] or 0, *taken.values()])
        for old in sorted(ids - taken.keys()):
            lowest -= 1
            taken[old] = lowest


def _old_pks(table: Table | None) -> set[Any]:
    if table is None:
        return set()
    column = table.columns.index(table.model._meta.pk.attname)
    return {row[column] for row in table.rows}


def remap(
    table: Table, restoring: Restoring, later: set[str]
) -> tuple[list[dict[str, Any]], list[tuple[Any, str, Any]]]:
    """Rows as {attname: value} with new foreign keys (the old pk under OLD_PK), and the
    (old pk, field, old target) of the fields set after the insert."""
    model = table.model
    fields = {f.attname: f for f in model._meta.local_concrete_fields}
    pk = model._meta.pk
    recorded = history_models().get(model)
    id_column = original_id(model, recorded).attname if recorded else None
    override = _district_pk(restoring) if table.kind != SHARED else None
    generic = [
        (table.columns.index(ct.attname), ct, fk)
        for ct, fk in generic_links().get(model, [])
        if ct.attname in table.columns and fk.attname in table.columns
    ]
    content_types = backup_content_types(restoring.backup) if generic else {}
    rows, deferred, unlinked = [], [], 0
    for number, values in enumerate(table.rows, start=2):
        row: dict[str, Any] = {}
        for column, value in zip(table.columns, values, strict=True):
            fld = fields[column]
            if fld is pk and not fld.is_relation:
                row[OLD_PK] = value
            elif column == id_column:
                row[column] = _recorded_id(restoring, recorded, value)  # type: ignore[arg-type]
            elif fld.is_relation:
                if fld.name in later and value is not None:
                    deferred.append((values[table.columns.index(pk.attname)], fld.name, value))
                    value = None
                row[column] = _new_reference(restoring, table, fld, value, override)
            elif isinstance(fld, models.JSONField):
                row[column] = value
            else:
                row[column] = _value(table, number, fld, value)
        if OLD_PK not in row:  # a multi-table child: its key is the parent's
            row[OLD_PK] = values[table.columns.index(pk.attname)]
        if all(_relink(restoring, row, values[i], ct, fk, content_types) for i, ct, fk in generic):
            rows.append(row)
        else:
            unlinked += 1
    if unlinked:
        restoring.notes.append(
            f"{unlinked} {model._meta.verbose_name_plural} ausgelassen: ihr Gegenstand war "
            "nicht in der Sicherung."
        )
    return rows, deferred


def _relink(restoring: Restoring, row: dict, old_type: Any, ct: Any, fk: Any, types) -> bool:
    """A generic link's object id through its target's new keys; False: leave the row out."""
    old = row[fk.attname]
    if old_type is None or old is None:
        return True
    target = types.get(old_type)
    new = restoring.new_pk(target, old) if target is not None else None
    if new is not None:
        row[fk.attname] = new
        return True
    if ct.null and fk.null:
        row[ct.attname] = row[fk.attname] = None
        return True
    return False


def _value(table: Table, number: int, fld: models.Field, value: Any) -> Any:
    try:
        return fld.to_python(value)
    except (ValidationError, ValueError, TypeError):
        raise BackupError(
            f"{table.name}, Zeile {number}: {value!r} ist kein gültiger Wert für {fld.attname}."
            + NOTHING_CHANGED
        ) from None


def _district_pk(restoring: Restoring) -> Any:
    """The backup's district (its old pk) when restored as another district: the district's
    own rows that named it now name the target district; shared rows (a municipality's
    parent, observations) keep theirs."""
    return None if restoring.ags == restoring.backup.ags else restoring.source_pk


def _recorded_id(restoring: Restoring, recorded: Model, old: Any) -> Any:
    new = restoring.new_pk(recorded, old)
    return new if new is not None else restoring.detached.get(recorded, {}).get(old)


def _new_reference(restoring: Restoring, table: Table, fld: Any, old: Any, override) -> Any:
    if old is None:
        return None
    target = fld.related_model
    if override is not None and target is Region and old == override:
        return restoring.region.pk
    new = restoring.new_pk(target, old)
    if new is not None:
        return new
    if table.kind == HISTORY:  # the record of a deleted object, or of one not in the backup
        return restoring.detached.get(target, {}).get(old)
    if fld.null and target not in restoring.backup.tables:
        return None
    raise BackupError(
        f"{table.name}: der Verweis {fld.name} = {old} zeigt auf keine Zeile von "
        f"{target._meta.label} in der Sicherung." + NOTHING_CHANGED
    )


# --------------------------------------------------------------------------------- insert


def insert(table: Table, restoring: Restoring, later: set[str]) -> list:
    """Insert one model's rows; returns the deferred links (model, field, [(new pk, old
    target)]) to set once every row is in."""
    model = table.model
    rows, deferred = remap(table, restoring, later)
    keys = shared_keys()
    if table.kind == SHARED:
        rows = _match_shared(model, keys[model], rows, restoring)
    elif table.kind == HISTORY:
        rows = _records_to_keep(model, rows, restoring)
    for part in backup_parts:
        if part.prepare is not None and rows:
            rows = part.prepare(model, rows, restoring)
    news = create(model, rows, restoring)
    mapping = restoring.maps.setdefault(model, {})
    created = {row[OLD_PK] for row in rows}
    result = []
    for name in {name for _, name, _ in deferred}:
        pairs = [
            (mapping[old], target) for old, n, target in deferred if n == name and old in created
        ]
        if pairs:
            result.append((model, model._meta.get_field(name), pairs))
    restoring.created.setdefault(model, set()).update(news)
    restoring.inserted[model] += len(rows)
    return result


def _match_shared(
    model: Model, key: BackupKey, rows: list[dict], restoring: Restoring
) -> list[dict]:
    """Map the rows that the installation has (by key) to its rows; return those to create."""
    names = [model._meta.get_field(name).attname for name in key.fields]  # type: ignore[union-attr]
    existing = _existing(model, names, rows)
    mapping = restoring.maps.setdefault(model, {})
    missing = []
    fallback = None
    for row in rows:
        found = existing.get(tuple(row[name] for name in names))
        if found is not None:
            mapping[row[OLD_PK]] = found
            restoring.matched[model] += 1
        elif key.create:
            missing.append({**key.defaults(), **row})
        elif key.fallback is not None:
            fallback = fallback or key.fallback()
            mapping[row[OLD_PK]] = fallback.pk
        else:
            shown = ", ".join(str(row[name]) for name in names)
            raise BackupError(
                f"{model._meta.verbose_name} „{shown}“ gibt es in dieser Installation nicht."
                + NOTHING_CHANGED
            )
    return missing


def _existing(model: Model, names: list[str], rows: list[dict]) -> dict[tuple, Any]:
    """The installation's rows with the keys of `rows` (filtered on the first key column)."""
    firsts = sorted({row[names[0]] for row in rows if row[names[0]] is not None}, key=str)
    found: dict[tuple, Any] = {}
    for start in range(0, len(firsts), 500):
        chunk = model._base_manager.filter(**{f"{names[0]}__in": firsts[start : start + 500]})
        for pk, *key in chunk.values_list("pk", *names):
            found.setdefault(tuple(key), pk)
    return found


def _records_to_keep(model: Model, rows: list[dict], restoring: Restoring) -> list[dict]:
    """History of a shared object only where this restore created the object; none without
    an id (a record the engine could not place)."""
    recorded = history_models()[model]
    column = original_id(model, recorded).attname
    if recorded in shared_keys():
        created = restoring.created.get(recorded, set())
        return [row for row in rows if row[column] in created]
    return [row for row in rows if row[column] is not None]


def create(model: Model, rows: list[dict], restoring: Restoring) -> list[Any]:
    """Insert rows in bulk (one by one only for multi-table children such as Wagtail pages);
    files go to the storage first; timestamps the model sets itself are kept from the backup.
    Returns the new primary keys (none for a large table nothing refers to)."""
    if not rows:
        return []
    _store_files(model, rows, restoring)
    if len(rows) >= PLAIN_ROWS and not referred_to(model, restoring.backup):
        plain_insert(model, rows)
        return []
    objects = [model(**{k: v for k, v in row.items() if k != OLD_PK}) for row in rows]
    if model._meta.parents:
        for obj in objects:
            obj.save_base(raw=True, force_insert=True)
    else:
        model._base_manager.bulk_create(objects, batch_size=1000)
        _keep_timestamps(model, objects, rows)
    mapping = restoring.maps.setdefault(model, {})
    for row, obj in zip(rows, objects, strict=True):
        mapping[row[OLD_PK]] = obj.pk
    return [obj.pk for obj in objects]


def referred_to(model: Model, backup: Backup) -> bool:
    """Whether any row of the backup may need the new keys of `model`'s rows."""
    if model in history_models().values() or model._meta.parents:
        return True
    linking = [other for other in generic_links() if other in backup.tables]
    if any(model in _generic_targets(backup, other) for other in linking):
        return True
    return any(
        f.related_model is model
        for other in backup.tables
        for f in other._meta.local_concrete_fields
        if f.is_relation
    )


def plain_insert(model: Model, rows: list[dict]) -> None:
    """Rows nothing refers to (observations) without model objects: PostgreSQL's COPY, else
    multi-row INSERTs. Values are converted by each field's `get_db_prep_save` (native ones
    passed as they are); columns the backup lacks get the field's default."""
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    given = [f for f in fields if f.attname in rows[0]]
    missing = [(f, f.get_default()) for f in fields if f.attname not in rows[0]]
    direct = [is_native(f) and not isinstance(f, models.JSONField) for f in given]
    extra = [f.get_db_prep_save(value, connection) for f, value in missing]

    def values(row: dict) -> list[Any]:
        prepared = [
            row[f.attname] if plain else f.get_db_prep_save(row[f.attname], connection)
            for f, plain in zip(given, direct, strict=True)
        ]
        return prepared + extra

    written = [*given, *(f for f, _ in missing)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(str(f.column)) for f in written)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        batch = min(2000, connection.ops.bulk_batch_size(written, rows))
        one = f"({', '.join(['%s'] * len(written))})"
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            params = [value for row in chunk for value in values(row)]
            marks = ", ".join([one] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {marks}", params)


def _keep_timestamps(model: Model, objects: list, rows: list[dict]) -> None:
    stamped = [
        f
        for f in model._meta.local_concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    stamped = [f for f in stamped if f.attname in rows[0]]
    if not stamped:
        return
    for obj, row in zip(objects, rows, strict=True):
        for fld in stamped:
            setattr(obj, fld.attname, row[fld.attname])
    model._base_manager.bulk_update(objects, [f.name for f in stamped], batch_size=500)


def _store_files(model: Model, rows: list[dict], restoring: Restoring) -> None:
    """Each file of the backup into the storage (a new name if the old one is taken)."""
    for fld in model._meta.local_concrete_fields:
        if not isinstance(fld, models.FileField):
            continue
        for row in rows:
            name = row.get(fld.attname)
            if not name:
                continue
            data = restoring.backup.files.get(name)
            if data is None:
                restoring.notes.append(
                    f"Datei {name} war nicht in der Sicherung (fehlte schon beim Sichern)."
                )
                continue
            try:
                stored = fld.storage.save(name, ContentFile(data))
            except SuspiciousFileOperation:
                raise BackupError(
                    f"Ungültiger Dateiname in der Sicherung: {name}." + NOTHING_CHANGED
                ) from None
            restoring.written.append((fld.storage, stored))
            row[fld.attname] = stored


def _set_deferred(deferred: list, restoring: Restoring) -> None:
    """The links set after the insert, one UPDATE per target (a region's parent, a concept's
    predecessor)."""
    for model, fld, pairs in deferred:
        by_target: dict[Any, list[Any]] = {}
        for new, old_target in pairs:
            by_target.setdefault(restoring.new_pk(fld.related_model, old_target), []).append(new)
        for target, pks in by_target.items():
            for start in range(0, len(pks), 500):
                rows = model._base_manager.filter(pk__in=pks[start : start + 500])
                rows.update(**{fld.attname: target})
