"""Import a statistics file into the catalogue and the observations (F7, F8).

`import_bytes` parses the file, applies the statistic's mapping (kek.statistics.prepare, with
the districts of the region register for Land and Germany sums and per-km² ratios), then in
ONE transaction creates missing regions, topics and indicators, compares the rows with the
stored observations in one query, inserts the new rows and upserts the changed ones in bulk,
and records an `ImportBatch`. Any problem raises `ImportFailed` with a German message
naming file, line and column; the database is then unchanged.

Imports are serialised: the write transaction first takes the import lock (`lock_imports`),
then compares with the stored observations, so of two imports of the same file exactly one
adds the rows and the other finds them unchanged, and concurrent imports never race to
create the same region, topic or indicator. On PostgreSQL the lock is a transaction-scoped
advisory lock; on SQLite the database's write lock, taken at the start of the transaction
(`transaction_mode: IMMEDIATE` in settings, with a busy timeout, so waiting imports queue
instead of failing with "database is locked"). Parsing happens before the lock.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import polars as pl
import yaml
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import FloatField
from django.db.models.functions import Cast
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kek.core.imports import rolled_back
from kek.regions.loading import REGIONS_FILE, load_regions
from kek.regions.models import Region

from . import bulk
from .mappings import Mapping, MappingError, load_mappings
from .models import ImportBatch, Indicator, Observation, ReplacedValue, Topic
from .parsers import ArchiveLimits, ParseError, parse_bytes
from .prepare import Prepared, prepare

DATA_DIR = Path(settings.BASE_DIR) / "data" / "statistics"
MAPPINGS_DIR = DATA_DIR / "mappings"
TOPICS_FILE = DATA_DIR / "topics.yaml"
CHANGE_SAMPLES = 50
LEVELS = {
    3: Region.Level.GOVERNMENT_DISTRICT,
    8: Region.Level.MUNICIPALITY,
    9: Region.Level.MUNICIPALITY,
    12: Region.Level.MUNICIPALITY,
}
# Where a new region's parent is looked for, by key length: longest existing prefix wins.
PARENT_PREFIXES = {3: [2], 8: [5, 3, 2], 9: [5, 3, 2], 12: [9, 5, 3, 2]}
# Indicator fields an import may fill in (see `_complete`).
COMPLETED_FIELDS = [
    "disaggregations",
    "unit",
    "statistic_code",
    "statistic_name",
    "table_code",
    "additive",
]

# An observation's columns besides its id and batch, the unique index's first.
OBSERVATION_COLUMNS = [
    "indicator_id", "region_id", "period", "disaggregation", "value", "symbol", "quality",
]  # fmt: skip
Progress = Callable[[int, str], None]
# pg_advisory_xact_lock key of statistics imports (any fixed 64-bit number).
IMPORT_LOCK_KEY = 0x4B454B5354415453  # "KEKSTATS"


class ImportFailed(Exception):
    """The file was not imported; str() is the German message for the user."""


def import_file(path: Path, user=None) -> ImportBatch:
    return import_bytes(read_upload(path), Path(path).name, user)


def read_upload(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError:
        raise ImportFailed(f"{Path(path).name}: Die Datei kann nicht gelesen werden.") from None


def import_bytes(
    data: bytes,
    name: str,
    user=None,
    batch: ImportBatch | None = None,
    progress: Progress | None = None,
) -> ImportBatch:
    """Import one file; `batch` is an upload's pending batch (else one is created)."""
    started = time.perf_counter()
    report = progress or (lambda percent, text: None)
    report(10, "Datei wird gelesen und geprüft")
    prepared = parse_upload(data, name)
    report(50, "Werte werden verglichen und gespeichert")
    return store(prepared, data, name, user, batch, started)


# What a preview tells about an import (the counts `store` records on the batch).
PREVIEW_FIELDS = [
    "content_hash",
    "table",
    "file_format",
    "statistics",
    "rows_total",
    "rows_added",
    "rows_changed",
    "rows_unchanged",
    "rows_skipped",
    "skipped_regions",
    "regions_added",
    "indicators_added",
    "changes",
]


def preview_bytes(data: bytes, name: str, user=None) -> ImportBatch:
    """What importing the file would do, without writing anything: an unsaved batch with the
    counts. It runs the real import (under the import lock) in a transaction that is rolled
    back, so it counts exactly as the import would now; raises ImportFailed."""
    prepared = parse_upload(data, name)
    done = rolled_back(lambda: store(prepared, data, name, user))
    return ImportBatch(file_name=name, user=user, **{f: getattr(done, f) for f in PREVIEW_FIELDS})


def parse_upload(data: bytes, name: str) -> Prepared:
    """Parse and map a file (no writes, no lock); raises ImportFailed."""
    try:
        return prepare(parse_bytes(data, name, archive_limits()), name, mappings(), districts())
    except ParseError as exc:
        raise ImportFailed(str(exc)) from None
    except pl.exceptions.PolarsError as exc:
        raise ImportFailed(f"{name}: Die Datei konnte nicht verarbeitet werden.") from exc


def store(
    prepared: Prepared,
    data: bytes,
    name: str,
    user=None,
    batch: ImportBatch | None = None,
    started: float | None = None,
) -> ImportBatch:
    """Write a parsed file in one transaction under the import lock; the batch record."""
    started = time.perf_counter() if started is None else started
    try:
        with transaction.atomic():
            lock_imports()
            batch = batch or ImportBatch(file_name=name)
            _describe(batch, prepared, content_hash(data), user)
            batch._history_user = user
            batch.save()
            _write(prepared, batch)
            batch.status = ImportBatch.Status.DONE
            batch.progress = 100
            batch.finished_at = timezone.now()
            batch.seconds = round(time.perf_counter() - started, 3)
            batch.message = batch.summary()
            batch.save()
    except DatabaseError as exc:
        raise ImportFailed(f"{name}: Die Werte konnten nicht gespeichert werden ({exc}).") from exc
    return batch


def lock_imports() -> None:
    """Serialise statistics imports until the end of the current transaction.

    One lock for all imports, not one per district: every import also writes the shared
    catalogue (regions, topics, indicators). PostgreSQL: an advisory transaction lock.
    SQLite has one writer at a time; the settings begin every transaction IMMEDIATE, so
    the write lock is already held here (and taken before the comparison reads).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])


def archive_limits() -> ArchiveLimits:
    """The archive limits of the settings (KEK_ARCHIVE_*; see README, Configuration)."""
    mb = 1024 * 1024
    return ArchiveLimits(
        max_member_bytes=int(settings.KEK_ARCHIVE_MAX_MEMBER_MB * mb),
        max_total_bytes=int(settings.KEK_ARCHIVE_MAX_TOTAL_MB * mb),
        max_ratio=settings.KEK_ARCHIVE_MAX_RATIO,
    )


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def mappings() -> dict[str, Mapping]:
    try:
        return load_mappings(MAPPINGS_DIR)
    except MappingError as exc:
        raise ImportFailed(f"Zuordnungsdatei: {exc}") from exc


def districts() -> pl.DataFrame:
    """region_key, land_key, area_km2 of the current districts, for `prepare` (one query).

    Every district key starts with its Land's key, also below a Regierungsbezirk. Before the
    region register is in the database (it is loaded with the first import), it is read from
    its file.
    """
    rows = Region.objects.filter(level=Region.Level.DISTRICT).values_list(
        "ags", Cast("area_km2", FloatField())
    )
    frame = pl.DataFrame(
        list(rows), schema={"region_key": pl.String, "area_km2": pl.Float64}, orient="row"
    )
    if frame.is_empty():
        frame = _register_districts()
    return frame.with_columns(land_key=pl.col("region_key").str.slice(0, 2))


def _register_districts() -> pl.DataFrame:
    register = pl.read_csv(REGIONS_FILE, infer_schema=False)
    return register.filter(pl.col("level") == Region.Level.DISTRICT).select(
        region_key="ags", area_km2=pl.col("area_km2").cast(pl.Float64)
    )


def ensure_topics(user=None) -> dict[str, int]:
    """Create the topics of data/statistics/topics.yaml that are missing; slug → id."""
    entries = yaml.safe_load(TOPICS_FILE.read_text(encoding="utf-8"))
    existing = dict(Topic.objects.values_list("slug", "id"))
    missing = [
        Topic(slug=entry["slug"], name=entry["name"], description=entry.get("description", ""),
              position=position)
        for position, entry in enumerate(entries, start=1)
        if entry["slug"] not in existing
    ]  # fmt: skip
    if missing:
        bulk_create_with_history(missing, Topic, ignore_conflicts=True, default_user=user)
        existing = dict(Topic.objects.values_list("slug", "id"))
    return existing


def _describe(batch: ImportBatch, prepared: Prepared, digest: str, user) -> None:
    batch.content_hash = digest
    batch.table = prepared.table
    batch.file_format = str(prepared.file_format)
    batch.statistics = prepared.statistics
    batch.user = user
    batch.status = ImportBatch.Status.RUNNING
    batch.rows_total = prepared.data.height


def _write(prepared: Prepared, batch: ImportBatch) -> None:
    regions, batch.created_regions, skipped = _ensure_regions(prepared.data)
    indicators, batch.created_indicators = _ensure_indicators(prepared, batch.user)
    batch.regions_added = len(batch.created_regions)
    batch.indicators_added = len(batch.created_indicators)
    rows = _with_ids(prepared.data, regions, indicators)
    compared = _compare(rows)
    added = compared.filter(pl.col("id").is_null())
    changed = compared.filter(pl.col("id").is_not_null() & ~pl.col("same"))
    _keep_replaced(changed, batch.pk)
    _insert(added, batch.pk)
    _upsert(changed, batch.pk)
    batch.rows_added = added.height
    batch.rows_changed = changed.height
    batch.rows_unchanged = compared.height - added.height - changed.height
    batch.rows_skipped = prepared.data.height - compared.height
    batch.skipped_regions = skipped
    batch.changes = _samples(changed, regions, indicators)


def _ensure_regions(data: pl.DataFrame) -> tuple[pl.DataFrame, list[int], list[str]]:
    """Region ids for the keys of the file, the ids of the regions created, keys skipped.

    Germany, the Länder and the districts come from the region register
    (data/regions/regions.csv, loaded here if missing); such keys that the register lacks
    (dissolved districts, sums such as "Stadtstaaten") are skipped. Regierungsbezirke and
    municipalities missing from the database are created, parents first.
    """
    if not Region.objects.filter(ags="DG").exists():
        load_regions()
    known = _region_frame()
    wanted = data.select("region_key", "region_name").unique("region_key", keep="first")
    missing = wanted.join(known, left_on="region_key", right_on="ags", how="anti")
    key = pl.col("region_key")
    registered = (key == "DG") | key.str.len_chars().is_in([2, 5])
    skipped = sorted(missing.filter(registered)["region_key"].to_list())
    new = missing.filter(~registered).with_columns(length=key.str.len_chars())
    before = set(known["id"].to_list())
    for size in sorted(new["length"].unique().to_list()):
        _create_regions(new.filter(pl.col("length") == size), known, size)
        known = _region_frame()
    return known, sorted(set(known["id"].to_list()) - before), skipped


def _create_regions(level: pl.DataFrame, known: pl.DataFrame, length: int) -> None:
    keys = known["ags"].implode()
    parent = pl.lit(None, dtype=pl.String)
    for prefix in reversed(PARENT_PREFIXES[length]):
        candidate = pl.col("region_key").str.slice(0, prefix)
        parent = pl.when(candidate.is_in(keys)).then(candidate).otherwise(parent)
    ids = dict(known.select("ags", "id").iter_rows())
    rows = level.with_columns(parent=parent).select("region_key", "region_name", "parent")
    Region.objects.bulk_create(
        [
            Region(
                ags=key,
                name=(name or key)[:200],
                level=LEVELS[length],
                parent_id=ids.get(parent_key),
            )
            for key, name, parent_key in rows.iter_rows()
        ]
    )


def _region_frame() -> pl.DataFrame:
    return pl.DataFrame(
        list(Region.objects.values_list("ags", "id")),
        schema={"ags": pl.String, "id": pl.Int64},
        orient="row",
    )


def _ensure_indicators(prepared: Prepared, user=None) -> tuple[pl.DataFrame, list[int]]:
    drafts = prepared.indicators
    existing = {i.code: i for i in Indicator.objects.filter(code__in=list(drafts))}
    topics = ensure_topics(user) if any(d.topic for d in drafts.values()) else {}
    new = [_new_indicator(draft, topics) for code, draft in drafts.items() if code not in existing]
    created = [i.pk for i in bulk_create_with_history(new, Indicator, default_user=user)]
    completed = [i for i in existing.values() if _complete(i, drafts[i.code])]
    bulk_update_with_history(completed, Indicator, COMPLETED_FIELDS, default_user=user)
    frame = pl.DataFrame(
        list(Indicator.objects.filter(code__in=list(drafts)).values_list("code", "id")),
        schema={"code": pl.String, "indicator_id": pl.Int64},
        orient="row",
    )
    return frame, created


def _new_indicator(draft, topics: dict[str, int]) -> Indicator:
    return Indicator(
        code=draft.code,
        name=draft.name,
        unit=draft.unit,
        definition=draft.definition,
        statistic_code=draft.statistic_code,
        statistic_name=draft.statistic_name[:255],
        table_code=draft.table_code,
        direction=draft.direction,
        topic_id=topics.get(draft.topic),
        formula=draft.formula[:255],
        disaggregations=draft.disaggregations,
        additive=draft.additive,
    )


def _complete(indicator: Indicator, draft) -> bool:
    """Add what the file tells and the catalogue lacks; never overwrite a planner's text.

    `additive` is no planner text: a mapping that marks the indicator sets it."""
    before = _completed_fields(indicator)
    merged = dict(indicator.disaggregations or {})
    for variable, entry in draft.disaggregations.items():
        known = merged.setdefault(variable, {"label": entry["label"], "attributes": {}})
        known.setdefault("attributes", {})
        for code, label in entry.get("attributes", {}).items():
            known["attributes"].setdefault(code, label)
    indicator.disaggregations = merged
    indicator.unit = indicator.unit or draft.unit
    indicator.statistic_code = indicator.statistic_code or draft.statistic_code
    indicator.statistic_name = indicator.statistic_name or draft.statistic_name[:255]
    indicator.table_code = indicator.table_code or draft.table_code
    indicator.additive = indicator.additive or draft.additive
    return before != _completed_fields(indicator)


def _completed_fields(indicator: Indicator) -> tuple:
    return (
        repr(indicator.disaggregations),
        indicator.unit,
        indicator.statistic_code,
        indicator.statistic_name,
        indicator.table_code,
        indicator.additive,
    )


def _with_ids(data: pl.DataFrame, regions: pl.DataFrame, indicators: pl.DataFrame):
    return (
        data.join(regions.rename({"ags": "region_key", "id": "region_id"}), on="region_key")
        .join(indicators.rename({"code": "indicator"}), on="indicator")
        .select(
            "indicator_id",
            "region_id",
            "period",
            "disaggregation",
            "value",
            pl.col("symbol").fill_null(""),
            pl.col("quality").fill_null(""),
        )
    )


def _compare(rows: pl.DataFrame) -> pl.DataFrame:
    """Left-join the stored observations (one query) and flag rows whose content is equal."""
    stored = Observation.objects.filter(
        indicator_id__in=rows["indicator_id"].unique().to_list(),
        period__in=rows["period"].unique().to_list(),
    ).values_list("id", *OBSERVATION_COLUMNS, "batch_id")
    old = bulk.read_frame(
        stored,
        {
            "id": pl.Int64,
            "indicator_id": pl.Int64,
            "region_id": pl.Int64,
            "period": pl.String,
            "disaggregation": pl.String,
            "old_value": pl.Float64,
            "old_symbol": pl.String,
            "old_quality": pl.String,
            "old_batch_id": pl.Int64,
        },
    )
    keys = ["indicator_id", "region_id", "period", "disaggregation"]
    joined = rows.join(old, on=keys, how="left")
    same = (
        pl.col("value").eq_missing(pl.col("old_value"))
        & (pl.col("symbol") == pl.col("old_symbol"))
        & (pl.col("quality") == pl.col("old_quality"))
    )
    return joined.with_columns(same=same.fill_null(False))


def _keep_replaced(changed: pl.DataFrame, batch_id: int) -> None:
    """The old content of the values this import changes, for undoing it (ReplacedValue)."""
    bulk.insert_frame(
        ReplacedValue,
        changed.select(
            batch_id=pl.lit(batch_id, dtype=pl.Int64),
            observation_id="id",
            value="old_value",
            symbol="old_symbol",
            quality="old_quality",
            previous_batch_id="old_batch_id",
        ),
    )


def _insert(rows: pl.DataFrame, batch_id: int) -> None:
    bulk.insert_frame(Observation, _columns(rows, batch_id))


def _upsert(rows: pl.DataFrame, batch_id: int) -> None:
    unique = ["indicator_id", "region_id", "period", "disaggregation"]
    update = ["value", "symbol", "quality", "batch_id"]
    bulk.upsert_frame(Observation, _columns(rows, batch_id), unique, update)


def _columns(rows: pl.DataFrame, batch_id: int) -> pl.DataFrame:
    """In the order of the unique index, which keeps its updates local."""
    return rows.sort("indicator_id", "region_id", "period", "disaggregation").select(
        *OBSERVATION_COLUMNS, batch_id=pl.lit(batch_id, dtype=pl.Int64)
    )


def _samples(changed: pl.DataFrame, regions: pl.DataFrame, indicators: pl.DataFrame) -> list:
    """The first changed values with old and new content, for the batch's record."""
    head = (
        changed.head(CHANGE_SAMPLES)
        .join(regions.rename({"id": "region_id"}), on="region_id", how="left")
        .join(indicators, on="indicator_id", how="left")
    )
    return [
        {
            "indicator": row["code"],
            "region": row["ags"],
            "period": row["period"],
            "disaggregation": row["disaggregation"],
            "old": row["old_value"] if row["old_value"] is not None else row["old_symbol"],
            "new": row["value"] if row["value"] is not None else row["symbol"],
        }
        for row in head.iter_rows(named=True)
    ]
