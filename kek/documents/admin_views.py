"""The documents in the back office: per district and version each document's builds with
their state, "Jetzt neu erzeugen" and "Alle prüfen"; and the list of background jobs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST
from django_tasks_db.models import DBTaskResult

from kek.core.views import require
from kek.goals.models import Concept
from kek.projects.models import EvaluationSnapshot
from kek.regions.models import Region

from . import builds, tasks
from .kinds import KINDS
from .models import Build

VIEW = "documents.view_build"
BUILD = "documents.build_document"
SHOWN_BUILDS = 3  # the newest builds of each document
TASK_NAMES = {
    "kek.statistics.tasks.import_upload": "Statistikimport",
    "kek.documents.tasks.build_document": "Dokument erzeugen",
    "kek.documents.tasks.refresh_documents": "Dokumente prüfen",
    "kek.events.tasks.send_registration_mail": "E-Mail zur Anmeldung",
    "kek.events.tasks.send_notice": "E-Mail: Mitteilung zur Veranstaltung",
}
TASK_STATES = {
    "READY": "Wartet",
    "RUNNING": "Läuft",
    "SUCCESSFUL": "Fertig",
    "FAILED": "Fehlgeschlagen",
}


def district_rows(region: Region) -> list[dict[str, Any]]:
    """Each version with builds or followed by the refresh, newest first, with its documents."""
    versions = builds.versions_to_build(region)
    followed = {c.pk for c in versions}
    shown = list(Concept.objects.filter(region=region, document_builds__isnull=False))
    concepts = sorted({c.pk: c for c in versions + shown}.values(), key=lambda c: -c.version)
    found = list(
        Build.objects.filter(concept__in=concepts).prefetch_related("files").order_by("-id")
    )
    snapshots = list(EvaluationSnapshot.objects.filter(concept__in=concepts).order_by("id"))
    return [
        {
            "concept": concept,
            "followed": concept.pk in followed,
            "frozen": builds.is_frozen(concept),
            "documents": documents(concept, found, snapshots),
        }
        for concept in concepts
    ]


def documents(concept: Concept, found: list[Build], snapshots: list[Any]) -> list[dict]:
    rows = []
    for kind in KINDS:
        mine = [s for s in snapshots if s.concept_id == concept.pk]
        for snapshot in mine if kind.per_snapshot else [None]:
            key = (concept.pk, kind.name, snapshot.pk if snapshot else None)
            its = [b for b in found if (b.concept_id, b.kind, b.snapshot_id) == key]
            frozen_done = any(b.frozen and b.state == Build.State.DONE for b in its)
            rows.append(
                {
                    "kind": kind,
                    "snapshot": snapshot,
                    "builds": its[:SHOWN_BUILDS],
                    "can_rebuild": not frozen_done,
                }
            )
    return rows


@require_GET
def overview(request):
    require(request.user, VIEW)
    district_ids = Concept.objects.values_list("region_id", flat=True).distinct()
    districts = [
        {"region": region, "versions": district_rows(region)}
        for region in Region.objects.filter(pk__in=district_ids).order_by("name")
    ]
    running = Build.objects.filter(state__in=builds.PENDING).exists()
    return TemplateResponse(
        request,
        "documents/admin/overview.html",
        {
            "page_title": "Dokumente",
            "districts": districts,
            "running": running,
            "can_build": request.user.has_perm(BUILD),
        },  # fmt: skip
    )


@require_POST
def rebuild(request, concept_id: int, kind: str):
    require(request.user, BUILD)
    concept = get_object_or_404(Concept, pk=concept_id)
    if kind not in KINDS:
        raise Http404("Diese Dokumentart gibt es nicht.")
    snapshot = None
    if KINDS[kind].per_snapshot:
        snapshot = get_object_or_404(
            EvaluationSnapshot, pk=request.POST.get("snapshot") or 0, concept=concept
        )
    build = builds.rebuild(concept, KINDS[kind], snapshot)
    label = KINDS[kind].label
    if build is None:
        messages.warning(
            request,
            f"{label} (Version {concept.version}) wird nicht neu erzeugt: die beschlossene "
            "Fassung ist eingefroren, oder eine Erzeugung wartet oder läuft schon.",
        )
    else:
        messages.success(request, f"{label} (Version {concept.version}) wird neu erzeugt.")
    return redirect("kek_documents")


@require_POST
def check_all(request, region_id: int):
    require(request.user, BUILD)
    region = get_object_or_404(Region, pk=region_id)
    tasks.refresh_documents.enqueue(region.pk)
    messages.success(
        request,
        f"{region.name}: Die Dokumente werden geprüft; geänderte werden neu erzeugt.",
    )
    return redirect("kek_documents")


@require_GET
def background_jobs(request):
    require(request.user, VIEW)
    tasks = list(DBTaskResult.objects.order_by("-enqueued_at")[:100])
    rows = [
        {
            "task": task,
            "name": TASK_NAMES.get(task.task_path, task.task_path),
            "state": TASK_STATES.get(task.status, task.status),
        }  # fmt: skip
        for task in tasks
    ]
    return TemplateResponse(
        request,
        "documents/admin/background_jobs.html",
        {"page_title": "Hintergrundaufträge", "rows": rows},
    )
