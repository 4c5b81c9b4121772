"""The upload queues its import on the database queue (django-tasks-db); the worker runs it.

The other statistics tests run the "background" backend immediately (conftest.py); these use
the configured default, `django_tasks_db.DatabaseBackend`, as `scripts/up` and production do.
"""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kek.statistics.models import ImportBatch, Observation

pytestmark = pytest.mark.usefixtures("without_defaults")

FILE = "12411-01-01-4.ffcsv.csv"


@pytest.fixture(autouse=True)
def database_queue(settings, immediate_tasks):
    """The project's TASKS (KEK_TASKS=db), replacing conftest.py's immediate backend."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def upload(client, path) -> ImportBatch:
    file = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    response = client.post(reverse("kek_statistics_import"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.get()
    assert response.url == reverse("kek_statistics_import_status", args=[batch.pk])
    return batch


def progress(client, batch: ImportBatch) -> str:
    return text(client.get(reverse("kek_statistics_import_progress", args=[batch.pk])))


def run_worker_once() -> None:
    """`manage.py db_worker --backend background --batch`: run what is queued, then exit."""
    call_command(
        "db_worker",
        "--backend=background",
        "--batch",
        "--no-reload",
        "--no-startup-delay",
        "--interval=0",
    )


@pytest.mark.django_db
def test_the_upload_request_only_enqueues(regions, planner, client, fixture_file):
    client.force_login(planner)
    batch = upload(client, fixture_file(FILE))

    task = DBTaskResult.objects.get()
    assert (task.task_path, task.backend_name, task.status) == (
        "kek.statistics.tasks.import_upload",
        "background",
        "READY",
    )
    assert task.args_kwargs == {"args": [batch.pk], "kwargs": {}}
    # The request did not import: the batch waits, nothing was written, the page polls.
    assert (batch.status, batch.progress) == (ImportBatch.Status.PENDING, 0)
    assert not Observation.objects.exists()
    fragment = progress(client, batch)
    assert "Status: Wartet" in fragment and 'hx-trigger="every 1s"' in fragment
    assert "Status: Wartet" in text(client.get(reverse("kek_statistics_import_status",
                                                       args=[batch.pk])))  # fmt: skip


# transaction=True: the worker commits each step like the separate process it normally is,
# and closes stale connections between tasks, which a test's open transaction would forbid.
@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_the_queued_upload(regions, planner, client, fixture_file):
    client.force_login(planner)
    batch = upload(client, fixture_file(FILE))
    assert "Status: Wartet" in progress(client, batch)

    run_worker_once()

    batch.refresh_from_db()
    assert (batch.status, batch.progress) == (ImportBatch.Status.DONE, 100), batch.message
    stored = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation="GES:GESM"
    )
    assert (stored.value, stored.batch) == (98_780, batch)
    task = DBTaskResult.objects.get()
    assert (task.status, task.return_value) == ("SUCCESSFUL", batch.summary())
    fragment = progress(client, batch)
    assert "Status: Abgeschlossen" in fragment and batch.summary() in fragment
    assert "hx-trigger" not in fragment  # finished: the page stops polling

    # Nothing left: a second run finds no task and changes nothing.
    run_worker_once()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert Observation.objects.filter(batch=batch).count() == batch.rows_added > 0


REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, emptied around the test


@pytest.fixture
def redis_queue(settings):
    """KEK_TASKS=rq as kek/settings.py configures it, on the local Redis (skipped without)."""
    redis = pytest.importorskip("redis")
    django_rq = pytest.importorskip("django_rq")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
    }
    queue = django_rq.get_queue("default")
    queue.empty()
    yield queue
    queue.empty()


@pytest.mark.django_db
def test_on_redis_the_upload_is_queued_and_the_rq_worker_imports_it(
    regions, planner, client, fixture_file, redis_queue
):
    import django_rq
    from rq import SimpleWorker

    client.force_login(planner)
    batch = upload(client, fixture_file(FILE))
    assert redis_queue.count == 1 and not DBTaskResult.objects.exists()
    assert batch.status == ImportBatch.Status.PENDING and not Observation.objects.exists()

    # `manage.py rqworker --burst --job-class django_tasks_rq.Job default`, in this process
    # (SimpleWorker: no fork), so that it sees the test's transaction.
    worker = django_rq.get_worker(
        "default", job_class="django_tasks_rq.Job", worker_class=SimpleWorker
    )
    assert worker.work(burst=True)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.message
    assert Observation.objects.filter(batch=batch).count() == batch.rows_added > 0
    assert "Status: Abgeschlossen" in progress(client, batch)


def test_kek_tasks_chooses_the_queue(monkeypatch):
    """KEK_TASKS selects the background backend; anything else stops the start."""
    import runpy

    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    def configured(value: str) -> dict:
        monkeypatch.setenv("KEK_TASKS", value)
        return runpy.run_path(str(settings.BASE_DIR / "kek" / "settings.py"))

    db = configured("db")
    assert db["TASKS"]["background"] == {"BACKEND": "django_tasks_db.DatabaseBackend"}
    assert "django_tasks_db" in db["INSTALLED_APPS"] and "django_rq" not in db["INSTALLED_APPS"]
    rq = configured(" RQ ")
    assert rq["TASKS"]["background"] == {
        "BACKEND": "django_tasks_rq.RQBackend",
        "QUEUES": ["default"],
    }
    assert set(rq["RQ_QUEUES"]) == {"default"} and "django_rq" in rq["INSTALLED_APPS"]
    monkeypatch.setenv("REDIS_URL", "redis://redis.example:6380/2")
    assert configured("rq")["RQ_QUEUES"]["default"]["URL"] == "redis://redis.example:6380/2"
    with pytest.raises(ImproperlyConfigured, match="KEK_TASKS='thread': expected 'db' or 'rq'"):
        configured("thread")
