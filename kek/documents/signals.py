"""Every content change queues a debounced refresh of the district's documents.

A change is a new change record (django-simple-history, every model with history in every
app; a statistics import when its batch is done), or a Wagtail page published or unpublished.
The changes of one transaction are collected and, once it commits, each district touched gets
at most one pending refresh (`PendingRefresh`), run `KEK_DOCUMENTS_DELAY` seconds later. The
adoption of a version refreshes at once: its documents are frozen now.

Automatic refreshes need a queue that can run a job later (django-tasks-db or Redis); with
an immediate backend (some tests) they are left out, so no request builds documents itself.
While the default content loads, changes are not collected (`kek build-documents` after it).
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.signals import post_create_historical_record
from wagtail.signals import page_published, page_unpublished

from kek.core.sites import homes_for_regions
from kek.goals.models import Concept

from .models import PendingRefresh

ALL = ("all", 0)
IGNORED_APPS = {"auth", "accounts", "documents", "django_tasks_db"}
# A pending refresh whose task never ran (lost with a queue) is replaced after this.
LOST_AFTER = timedelta(minutes=15)
_local = threading.local()


def delay() -> timedelta:
    return timedelta(seconds=float(getattr(settings, "KEK_DOCUMENTS_DELAY", 30)))


# ----------------------------------------------------------------------------- collecting


def pause() -> None:
    _local.paused = True


def resume() -> None:
    _local.paused = False


def note(key: tuple[str, Any]) -> None:
    """Remember a change of this transaction; one flush runs when it commits."""
    if getattr(_local, "paused", False):
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        flush({key})
        return
    if not any(entry[1] is _flush for entry in connection.run_on_commit):
        _local.keys = set()  # a rolled-back transaction left its keys behind
        transaction.on_commit(_flush)
    _local.keys.add(key)


def _flush() -> None:
    keys: set[tuple[str, Any]] = getattr(_local, "keys", set())
    _local.keys = set()
    flush(keys)


def flush(keys: set[tuple[str, Any]]) -> None:
    for region_id in districts(keys):
        schedule_refresh(region_id)


def districts(keys: set[tuple[str, Any]]) -> set[int]:
    """The districts (regions with a concept) the changes concern."""
    with_concept = set(Concept.objects.values_list("region_id", flat=True).distinct())
    if ALL in keys:
        return with_concept
    found = {value for name, value in keys if name == "region"}
    concepts = {value for name, value in keys if name == "concept"}
    if concepts:
        found |= set(Concept.objects.filter(pk__in=concepts).values_list("region_id", flat=True))
    paths = [value for name, value in keys if name == "page"]
    if paths:
        for region_id, home in homes_for_regions(with_concept).items():
            if any(path.startswith(home.path) for path in paths):
                found.add(region_id)
    return found & with_concept


def key_of(instance: Any) -> tuple[str, Any] | None:
    """What a changed object belongs to: its district, its version, or (shared data such as
    statistics, or an object found only further up) every district."""
    meta = instance._meta
    if meta.app_label in IGNORED_APPS or meta.app_label.startswith("wagtail"):
        return None
    if meta.label == "statistics.ImportBatch":
        return ALL if instance.status == "done" else None
    if isinstance(instance, Concept):
        return ("region", instance.region_id)
    if meta.app_label in {"statistics", "regions"}:
        return ALL
    if getattr(instance, "concept_id", None):
        return ("concept", instance.concept_id)
    if getattr(instance, "region_id", None):
        return ("region", instance.region_id)
    return ALL


# ----------------------------------------------------------------------------- scheduling


def schedule_refresh(region_id: int) -> PendingRefresh | None:
    """At most one pending refresh per district, run after the delay."""
    from .tasks import refresh_documents

    if not refresh_documents.get_backend().supports_defer:
        return None
    now = timezone.now()
    due = now + delay()
    pending, created = PendingRefresh.objects.get_or_create(
        region_id=region_id, defaults={"due_at": due}
    )
    if not created and pending.due_at > now - LOST_AFTER:
        return pending
    result = refresh_documents.using(run_after=due).enqueue(region_id)
    PendingRefresh.objects.filter(pk=pending.pk).update(due_at=due, task_id=str(result.id)[:64])
    return pending


def refresh_now(region_id: int) -> None:
    from .tasks import refresh_documents

    if refresh_documents.get_backend().supports_defer:
        refresh_documents.enqueue(region_id)


# ----------------------------------------------------------------------------- receivers


def on_history(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    if getattr(_local, "paused", False):
        return
    if _is_adoption(instance, history_instance):
        region_id = instance.region_id
        transaction.on_commit(lambda: refresh_now(region_id))
    key = key_of(instance)
    if key is not None:
        note(key)


def _is_adoption(instance: Any, record: Any) -> bool:
    if not isinstance(instance, Concept) or instance.status != Concept.Status.ADOPTED:
        return False
    previous = record.prev_record if record.history_type == "~" else None
    return previous is None or previous.status != Concept.Status.ADOPTED


def on_page(sender: Any, instance: Any, **kwargs: Any) -> None:
    note(("page", instance.path))


def connect() -> None:
    post_create_historical_record.connect(on_history, dispatch_uid="kek-documents-history")
    page_published.connect(on_page, dispatch_uid="kek-documents-published")
    page_unpublished.connect(on_page, dispatch_uid="kek-documents-unpublished")


def pause_loader(region: Any, folder: Any, spec: Any) -> None:
    pause()


def resume_loader(region: Any, folder: Any, spec: Any) -> None:
    resume()
