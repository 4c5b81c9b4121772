"""The public pages of the documents: the list "Dokumente", the downloads (stored files with
ETag and Last-Modified) and the start-page parts."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from kek.core.views import render
from kek.goals.models import Concept

from . import builds
from .kinds import FORMAT_LABELS, KINDS, MEDIA_TYPES
from .models import Build, BuildFile

DRAFT_PERMISSION = "goals.view_draft_concept"


def visible_versions(request: HttpRequest, home: Any) -> list[Concept]:
    """The versions whose documents this visitor may see, newest first: public versions
    (drafts for planners) that are built or being built."""
    versions = Concept.objects.filter(region_id=home.region_id).order_by("-version")
    if not request.user.has_perm(DRAFT_PERMISSION):
        versions = versions.public()
    return list(versions)


@require_safe
def documents_page(request: HttpRequest, home: Any) -> HttpResponse:
    concepts = visible_versions(request, home)
    offers = builds.offers(concepts)
    followed = {c.pk for c in concepts if c.is_current or c.status in {"draft", "consultation"}}
    versions = [
        {"concept": c, "offers": offers[c.pk], "frozen": builds.is_frozen(c)}
        for c in concepts
        if c.pk in followed or any(o.build for o in offers[c.pk])
    ]
    return render(request, home, "documents/public/documents_page.html", {"versions": versions})


def cache_control(build: Build, concept: Concept) -> str:
    if concept.status == Concept.Status.DRAFT:
        return "private, no-cache"
    if build.frozen:
        return "public, max-age=86400"
    return "public, max-age=60, must-revalidate"


@require_safe
def download(
    request: HttpRequest, home: Any, version: str, stem: str, extension: str
) -> HttpResponse | FileResponse:
    """The newest done build's file, stored: one query, then the file from disk. Files of
    public versions are served before this by `middleware.DownloadMiddleware`; this route
    also serves a draft's files to planners and answers what is missing."""
    kind, snapshot_id = parse_stem(stem)
    stored = served_file(home.region_id, int(version), kind, snapshot_id, extension)
    if stored is None:
        raise Http404("Dieses Dokument gibt es nicht oder es wird gerade erstellt.")
    if stored.build.concept.status == Concept.Status.DRAFT and not request.user.has_perm(
        DRAFT_PERMISSION
    ):
        raise Http404("Dieses Dokument gibt es nicht oder es wird gerade erstellt.")
    return file_response(request, stored)


def file_response(request: HttpRequest, stored: BuildFile) -> HttpResponse | FileResponse:
    """The stored file with ETag (its SHA-256), Last-Modified and Cache-Control, or 304 when
    the visitor has it, decided before the file is opened."""
    build = stored.build
    etag = f'"{stored.sha256}"'
    modified = int(build.finished_at.timestamp()) if build.finished_at else None
    headers = {
        "ETag": etag,
        "Cache-Control": cache_control(build, build.concept),
        **({"Last-Modified": http_date(modified)} if modified else {}),
    }
    not_modified = get_conditional_response(request, etag=etag, last_modified=modified)
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Die Datei dieses Dokuments fehlt.") from exc
    response = FileResponse(
        handle, as_attachment=True, filename=stored.name, content_type=MEDIA_TYPES[stored.format]
    )
    response["Content-Length"] = str(stored.size)
    for name, value in headers.items():
        response[name] = value
    return response


def parse_stem(stem: str) -> tuple[str, int | None]:
    """ "zielsystem" → ("zielsystem", None); "evaluierungsbericht-7" → (…, 7)."""
    if stem in KINDS and not KINDS[stem].per_snapshot:
        return stem, None
    name, _, number = stem.rpartition("-")
    if name in KINDS and KINDS[name].per_snapshot and number.isdigit():
        return name, int(number)
    raise Http404("Dieses Dokument gibt es nicht.")


def served_file(
    region_id: int, version: int, kind: str, snapshot_id: int | None, extension: str
) -> BuildFile | None:
    return newest(done_files(version, kind, snapshot_id, extension).filter(
        build__concept__region_id=region_id
    ))  # fmt: skip


def done_files(version: int, kind: str, snapshot_id: int | None, extension: str) -> Any:
    return BuildFile.objects.filter(
        format=extension,
        build__state=Build.State.DONE,
        build__kind=kind,
        build__snapshot_id=snapshot_id,
        build__concept__version=version,
    ).select_related("build__concept")


def newest(files: Any) -> BuildFile | None:
    """A frozen (adopted) build before any later one, else the newest."""
    result: BuildFile | None = files.order_by(
        "-build__frozen", "-build__finished_at", "-build__id"
    ).first()
    return result


# ----------------------------------------------------------------------------- start page

SECTION_KINDS = {
    "endbericht": ("endbericht-langfassung", "endbericht-kurzfassung"),
    "swot": ("swot-analyse",),
    "zielsystem": ("zielsystem",),
    "projektkatalog": ("projektkatalog",),
}


def start_part(section: str):
    """The context function of a start-page section's downloads (current version)."""

    def context(home: Any, concept: Concept | None) -> dict[str, Any]:
        if concept is None:
            return {f"documents_{section}": []}
        if not hasattr(concept, "_document_offers"):
            concept._document_offers = builds.offers([concept])[concept.pk]  # type: ignore[attr-defined]
        wanted = SECTION_KINDS[section]
        shown = [o for o in concept._document_offers if o.kind.name in wanted]  # type: ignore[attr-defined]
        return {f"documents_{section}": shown, "documents_concept": concept}

    return context


def format_label(extension: str) -> str:
    return FORMAT_LABELS.get(extension, extension.upper())
