"""Building the documents (F27): when a document's inputs change, a build is queued; a worker
runs it and stores each format complete. The public download serves the newest done build.

A document's input hash covers what it shows (`Document.fingerprint()`), the templates and
static files of the documents and the code version; an unchanged hash never rebuilds. The
documents of an adopted (or later superseded) version are frozen: built once, kept forever.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import uuid
from dataclasses import dataclass
from datetime import timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from kek.goals.models import Concept
from kek.projects.models import EvaluationSnapshot
from kek.regions.models import Region

from . import document as doc
from .kinds import FORMAT_LABELS, KINDS, Kind
from .models import Build, BuildFile, build_path

log = logging.getLogger(__name__)

FROZEN_STATUSES = (Concept.Status.ADOPTED, Concept.Status.SUPERSEDED)
# A build "running" longer than this was left behind by a worker that died.
STALE_AFTER = timedelta(minutes=30)
ABANDONED = (
    "Abgebrochen: Die Erzeugung wurde nicht beendet (der Hintergrundprozess wurde unterbrochen). "
    "Die zuletzt fertige Fassung bleibt abrufbar."
)
# The renderer of each format: dotted path of a function Document -> bytes.
RENDERERS = {
    "pdf": "kek.documents.pdf.render_pdf",
    "docx": "kek.documents.docx.render_docx",
    "xlsx": "kek.documents.xlsx.render_xlsx",
}
PENDING = (Build.State.QUEUED, Build.State.RUNNING)
APP_DIR = Path(__file__).resolve().parent


# ----------------------------------------------------------------------------- input hash


@functools.cache
def code_version() -> str:
    """The documents' code (every .py below kek/documents) and the versions of KEK and the
    libraries that lay the files out; computed once per process."""
    digest = hashlib.sha256()
    for path in sorted(APP_DIR.rglob("*.py")):
        digest.update(path.relative_to(APP_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    for dist in ("kek", "weasyprint", "python-docx", "openpyxl"):
        digest.update(f"{dist}={_dist_version(dist)}\n".encode())
    return digest.hexdigest()


def _dist_version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return ""


def asset_folders() -> list[Path]:
    return [Path(settings.BASE_DIR) / "templates" / "documents", APP_DIR / "static"]


# The download list and the back office are web pages: they do not change a document.
WEB_ONLY = ("public", "admin")


def assets_hash() -> str:
    """The documents' templates and static files (print CSS, fonts, images), by content."""
    digest = hashlib.sha256()
    for folder in asset_folders():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.relative_to(folder).parts[0] in WEB_ONLY:
                continue
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def hash_of(document: doc.Document) -> str:
    parts = (document.fingerprint(), assets_hash(), code_version())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def kind_of(kind: Kind | str) -> Kind:
    return kind if isinstance(kind, Kind) else KINDS[kind]


def assemble(kind: Kind | str, concept: Concept, snapshot: EvaluationSnapshot | None = None):
    return kind_of(kind).assembler()(concept, snapshot)


def input_hash(
    kind: Kind | str, concept: Concept, snapshot: EvaluationSnapshot | None = None
) -> str:
    """SHA-256 over what the document shows, its templates and static files, the code."""
    return hash_of(assemble(kind, concept, snapshot))


# ----------------------------------------------------------------------------- refresh


def is_frozen(concept: Concept) -> bool:
    return concept.status in FROZEN_STATUSES


def versions_to_build(region: Region) -> list[Concept]:
    """The versions whose documents follow the data: the current one, one in consultation and
    the working draft. Superseded versions keep what they have."""
    draft = Concept.objects.working_draft(region)
    wanted = Q(is_current=True) | Q(status=Concept.Status.CONSULTATION)
    if draft is not None:
        wanted |= Q(pk=draft.pk)
    return list(Concept.objects.filter(region=region).filter(wanted).order_by("version"))


def targets(concept: Concept) -> list[tuple[Kind, EvaluationSnapshot | None]]:
    """Each document of a version: (kind, None), or one per frozen evaluation report."""
    snapshots: list[EvaluationSnapshot] | None = None
    found: list[tuple[Kind, EvaluationSnapshot | None]] = []
    for kind in KINDS:
        if not kind.per_snapshot:
            found.append((kind, None))
            continue
        if snapshots is None:
            snapshots = list(EvaluationSnapshot.objects.filter(concept=concept).order_by("id"))
        found += [(kind, snapshot) for snapshot in snapshots]
    return found


def builds_of(concept: Concept, kind: Kind, snapshot: EvaluationSnapshot | None):
    return Build.objects.filter(concept=concept, kind=kind.name, snapshot=snapshot)


def refresh(region: Region, enqueue: bool = True) -> list[Build]:
    """Queue a build of every document of the district whose inputs changed; returns them.
    With `enqueue` they go to the background queue once the transaction commits."""
    abandon_stale(region)
    queued = []
    for concept in versions_to_build(region):
        for kind, snapshot in targets(concept):
            build = refresh_one(concept, kind, snapshot)
            if build is not None:
                queued.append(build)
    if enqueue:
        for build in queued:
            enqueue_build(build)
    return queued


def refresh_one(concept: Concept, kind: Kind, snapshot: EvaluationSnapshot | None) -> Build | None:
    """The build queued for one document, or None when nothing changed (or it is frozen)."""
    frozen = is_frozen(concept)
    builds = builds_of(concept, kind, snapshot)
    if frozen and builds.filter(frozen=True, state=Build.State.DONE).exists():
        return None
    try:
        digest = input_hash(kind, concept, snapshot)
    except Exception as exc:  # an assembly error: reported as a failed build, once
        log.exception("Dokument %s von %s nicht zusammenzustellen", kind.name, concept)
        _report_failure(concept, kind, snapshot, frozen, error_text(exc))
        return None
    newest = builds.filter(state__in=[*PENDING, Build.State.DONE]).first()
    if newest is not None and newest.input_hash == digest and newest.frozen == frozen:
        return None
    return Build.objects.create(
        region_id=concept.region_id, concept=concept, kind=kind.name, snapshot=snapshot,
        input_hash=digest, frozen=frozen, message="Wartet auf den Hintergrundprozess",
    )  # fmt: skip


def _report_failure(
    concept: Concept, kind: Kind, snapshot: EvaluationSnapshot | None, frozen: bool, error: str
) -> None:
    newest = builds_of(concept, kind, snapshot).first()
    if newest is not None and newest.state == Build.State.FAILED and newest.error == error:
        return
    now = timezone.now()
    Build.objects.create(
        region_id=concept.region_id, concept=concept, kind=kind.name, snapshot=snapshot,
        frozen=frozen, state=Build.State.FAILED, error=error, started_at=now, finished_at=now,
        message="Zusammenstellen fehlgeschlagen",
    )  # fmt: skip


def rebuild(concept: Concept, kind: Kind, snapshot: EvaluationSnapshot | None) -> Build | None:
    """A new build of one document whatever its hash ("Jetzt neu erzeugen"); None for a frozen
    document that is done, or one already waiting or running."""
    frozen = is_frozen(concept)
    builds = builds_of(concept, kind, snapshot)
    if frozen and builds.filter(frozen=True, state=Build.State.DONE).exists():
        return None
    if builds.filter(state__in=PENDING).exists():
        return None
    build = Build.objects.create(
        region_id=concept.region_id, concept=concept, kind=kind.name, snapshot=snapshot,
        frozen=frozen, message="Wartet auf den Hintergrundprozess",
    )  # fmt: skip
    enqueue_build(build)
    return build


def enqueue_build(build: Build) -> None:
    from . import tasks  # tasks imports this module

    def send() -> None:
        result = tasks.build_document.enqueue(build.pk)
        Build.objects.filter(pk=build.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(send)


def abandon_stale(region: Region) -> int:
    """Mark builds a crashed worker left "running" as failed; their files are removed."""
    cutoff = timezone.now() - STALE_AFTER
    stale = list(Build.objects.filter(region=region, state=Build.State.RUNNING,
                                      started_at__lt=cutoff))  # fmt: skip
    for build in stale:
        discard_files(build)
        Build.objects.filter(pk=build.pk, state=Build.State.RUNNING).update(
            state=Build.State.FAILED, error=ABANDONED, finished_at=timezone.now(),
            message="Abgebrochen",
        )  # fmt: skip
    return len(stale)


# ----------------------------------------------------------------------------- running


def error_text(exc: BaseException) -> str:
    """The German message for the back office: the exception's own text, no traceback."""
    text = str(exc).strip()
    return text or f"Interner Fehler beim Erzeugen ({type(exc).__name__})."


def run_build(build_id: int) -> Build:
    """Run a queued build; a second call (or one for a build not waiting) does nothing."""
    claimed = Build.objects.filter(pk=build_id, state=Build.State.QUEUED).update(
        state=Build.State.RUNNING, started_at=timezone.now(), progress=1,
        message="Wird gestartet", error="",
    )  # fmt: skip
    build = Build.objects.select_related("concept__region", "snapshot").get(pk=build_id)
    if not claimed:
        return build
    try:
        produce(build)
    except Exception as exc:
        log.exception("Dokumenterzeugung %s fehlgeschlagen", build_id)
        discard_files(build)
        Build.objects.filter(pk=build_id).update(
            state=Build.State.FAILED, error=error_text(exc), finished_at=timezone.now(),
            message="Fehlgeschlagen",
        )  # fmt: skip
    else:
        prune_older(build)
    build.refresh_from_db()
    return build


def progress(build: Build, percent: int, message: str) -> None:
    Build.objects.filter(pk=build.pk).update(progress=percent, message=message)


def produce(build: Build) -> None:
    kind = KINDS[build.kind]
    steps = len(kind.formats) + 1
    progress(build, 5, "Inhalt wird zusammengestellt")
    document = assemble(kind, build.concept, build.snapshot)
    digest = hash_of(document)
    built_on = timezone.localdate()
    for step, extension in enumerate(kind.formats, start=1):
        progress(build, 5 + 90 * step // steps, f"{FORMAT_LABELS[extension]} wird erzeugt")
        data = import_string(RENDERERS[extension])(document)
        store(build, extension, document.file_name(built_on, extension), data)
    Build.objects.filter(pk=build.pk).update(
        state=Build.State.DONE, progress=100, message="Fertig", finished_at=timezone.now(),
        input_hash=digest, title=document.cover.title[:200],
        data_date=document.cover.data_date[:200],
    )  # fmt: skip


def store(build: Build, extension: str, name: str, data: bytes) -> BuildFile:
    """Store the file complete, then record it: a crash leaves no half file and no row."""
    record = BuildFile(build=build, format=extension, name=name)
    path = build_path(record, name)
    if isinstance(default_storage, FileSystemStorage):
        write_complete(Path(default_storage.path(path)), data)
    else:
        path = default_storage.save(path, ContentFile(data))
    record.file.name = path
    record.sha256 = hashlib.sha256(data).hexdigest()
    record.size = len(data)
    record.save()
    return record


def write_complete(target: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, flush to disk, rename (atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def discard_files(build: Build) -> None:
    """Remove a build's files and records, and what a crashed write left in its folder."""
    for record in BuildFile.objects.filter(build=build):
        record.file.delete(save=False)
        record.delete()
    if isinstance(default_storage, FileSystemStorage):
        folder = Path(default_storage.path(build_path(BuildFile(build=build), "x"))).parent
        for leftover in folder.glob(".*.tmp") if folder.is_dir() else ():
            leftover.unlink(missing_ok=True)


def prune_older(build: Build) -> None:
    """Older unfrozen builds of the same document, done or failed, go with their files once
    a newer one is done (the frozen ones stay forever)."""
    finished = [Build.State.DONE, Build.State.FAILED]
    older = builds_of(build.concept, KINDS[build.kind], build.snapshot).filter(
        frozen=False, state__in=finished, queued_at__lt=build.queued_at
    )
    for old in older:
        discard_files(old)
        old.delete()


# ----------------------------------------------------------------------------- serving


@dataclass
class Offer:
    """One document of a version as the public sees it."""

    kind: Kind
    snapshot: EvaluationSnapshot | None
    build: Build | None  # the newest done build
    updating: bool  # a newer build waits or runs

    @property
    def stem(self) -> str:
        return f"{self.kind.name}-{self.snapshot.pk}" if self.snapshot else self.kind.name

    @property
    def files(self) -> list[BuildFile]:
        if self.build is None:
            return []
        order = {extension: i for i, extension in enumerate(self.kind.formats)}
        return sorted(self.build.files.all(), key=lambda f: order.get(f.format, 99))


def served(builds: list[Build]) -> Build | None:
    """The build a download serves: the frozen one of an adopted version, else the newest."""
    done = [b for b in builds if b.state == Build.State.DONE]
    return max(done, key=lambda b: (b.frozen, b.finished_at, b.pk), default=None)


def offers(concepts: list[Concept]) -> dict[int, list[Offer]]:
    """{concept id: its documents} in kind order, from two queries for all versions."""
    builds = list(Build.objects.filter(concept__in=concepts).prefetch_related("files"))
    snapshots = list(EvaluationSnapshot.objects.filter(concept__in=concepts).order_by("id"))
    result: dict[int, list[Offer]] = {}
    for concept in concepts:
        found = []
        for kind in KINDS:
            for snapshot in _snapshots_for(kind, concept, snapshots):
                mine = [b for b in builds if b.concept_id == concept.pk and b.kind == kind.name
                        and b.snapshot_id == (snapshot.pk if snapshot else None)]  # fmt: skip
                found.append(_offer(kind, snapshot, mine))
        result[concept.pk] = found
    return result


def _snapshots_for(kind: Kind, concept: Concept, snapshots: list[EvaluationSnapshot]) -> list[Any]:
    if not kind.per_snapshot:
        return [None]
    return [s for s in snapshots if s.concept_id == concept.pk]


def _offer(kind: Kind, snapshot: EvaluationSnapshot | None, builds: list[Build]) -> Offer:
    build = served(builds)
    since = build.queued_at if build else None
    updating = any(
        b.state in PENDING and (since is None or b.queued_at >= since) for b in builds
    ) and not (build is not None and build.frozen)
    return Offer(kind, snapshot, build, updating)
