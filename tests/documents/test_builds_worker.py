"""The worker path: a queued build runs in `db_worker --batch` (django-tasks-db), and on Redis
through django-tasks-rq when a server runs on 127.0.0.1:6379 (skipped otherwise)."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from kek.documents import builds
from kek.documents.models import Build
from kek.goals.models import Concept
from kek.regions.models import Region

pytestmark = pytest.mark.usefixtures("probe_kinds", "without_defaults")
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def district():
    # Its own district: after an earlier transactional test's flush, no region is left.
    region, _ = Region.objects.get_or_create(
        ags="14999", defaults={"name": "Probekreis", "level": Region.Level.DISTRICT}
    )
    Concept.objects.create(region=region, title="KEK Probe 2030", is_current=True,
                           status=Concept.Status.CONSULTATION)  # fmt: skip
    return region


def tasks_on(settings, backend: dict) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": backend,
    }


# transaction=True: the worker commits like the separate process it normally is.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_the_queued_build(settings, district):
    tasks_on(settings, {"BACKEND": "django_tasks_db.DatabaseBackend"})
    (queued,) = builds.refresh(district)
    task = DBTaskResult.objects.get(task_path="kek.documents.tasks.build_document")
    assert task.status == "READY" and Build.objects.get().state == Build.State.QUEUED

    call_command("db_worker", "--backend=background", "--batch", "--no-reload",
                 "--no-startup-delay", "--interval=0")  # fmt: skip

    done = Build.objects.get(pk=queued.pk)
    assert done.state == Build.State.DONE and done.task_id == str(task.id)
    assert DBTaskResult.objects.get(pk=task.pk).status == "SUCCESSFUL"
    assert sorted(done.files.values_list("format", flat=True)) == ["pdf", "xlsx"]


@pytest.mark.django_db
def test_on_redis_the_rq_worker_runs_the_build(
    settings, district, django_capture_on_commit_callbacks
):
    redis = pytest.importorskip("redis")
    django_rq = pytest.importorskip("django_rq")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    tasks_on(settings, {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]})
    queue = django_rq.get_queue("default")
    queue.empty()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            (queued,) = builds.refresh(district)
        assert queue.count == 1 and not DBTaskResult.objects.exists()
        worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job",
                                      worker_class=SimpleWorker)  # fmt: skip
        assert worker.work(burst=True)
        assert Build.objects.get(pk=queued.pk).state == Build.State.DONE
    finally:
        queue.empty()
