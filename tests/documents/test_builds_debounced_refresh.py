"""A content change queues one debounced refresh of the district (KEK_DOCUMENTS_DELAY), the
refresh queues exactly the one rebuild; the adoption of a version refreshes at once."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kek.documents import builds, tasks
from kek.documents.models import Build, PendingRefresh
from kek.goals.models import StrategicGoal

from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")
REFRESH = "kek.documents.tasks.refresh_documents"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    settings.KEK_DOCUMENTS_DELAY = 45


def rename(concept, title: str) -> None:
    goal = StrategicGoal.objects.filter(concept=concept).order_by("pk").first()
    goal.title = title
    goal.save()


def test_a_goal_title_change_queues_exactly_one_rebuild(
    nordsachsen, concept_in_draft, django_capture_on_commit_callbacks
):
    build_all(nordsachsen)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        rename(concept_in_draft, "Erster neuer Titel")
        rename(concept_in_draft, "Zweiter neuer Titel")
    with django_capture_on_commit_callbacks(execute=True):
        rename(concept_in_draft, "Dritter neuer Titel")  # while one is pending: no second

    (task,) = DBTaskResult.objects.filter(task_path=REFRESH)
    assert task.args_kwargs == {"args": [nordsachsen.pk], "kwargs": {}}
    wait = task.run_after - before
    assert dt.timedelta(seconds=44) < wait < dt.timedelta(seconds=60)
    pending = PendingRefresh.objects.get(region=nordsachsen)
    assert pending.task_id == str(task.id)

    with django_capture_on_commit_callbacks(execute=True):
        tasks.refresh_documents.call(nordsachsen.pk)
    assert not PendingRefresh.objects.exists()
    (queued,) = Build.objects.filter(state=Build.State.QUEUED)
    assert queued.input_hash == builds.input_hash("probe", concept_in_draft)
    assert DBTaskResult.objects.filter(
        task_path="kek.documents.tasks.build_document", args_kwargs__args=[queued.pk]
    ).exists()


def test_a_change_without_any_document_effect_queues_no_build(
    nordsachsen, concept_in_draft, django_capture_on_commit_callbacks
):
    build_all(nordsachsen)
    with django_capture_on_commit_callbacks(execute=True):
        concept_in_draft.version_note = "Nur eine Notiz, die das Probedokument nicht zeigt"
        concept_in_draft.save()
    assert PendingRefresh.objects.filter(region=nordsachsen).exists()
    assert builds.refresh(nordsachsen, enqueue=False) == []


def test_the_adoption_refreshes_at_once(nordsachsen, concept, django_capture_on_commit_callbacks):
    from kek.goals.versions import Adoption, new_version, publish

    draft = new_version(concept)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        publish(draft, adoption=Adoption(on=dt.date(2026, 11, 30), by="Kreistag", top="7"))
    now = [t for t in DBTaskResult.objects.filter(task_path=REFRESH) if t.run_after is None
           or t.run_after.year > 9000 or t.run_after <= timezone.now()]  # fmt: skip
    assert len(now) == 1, list(DBTaskResult.objects.values_list("task_path", "run_after"))
