"""A planner uploads a statistics file in the back office; the worker imports it while the
status page, polling by itself, goes from "Wartet" to "Abgeschlossen"."""

import re
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import expect

from kek.statistics.models import ImportBatch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

FILE = Path(__file__).parents[1] / "fixtures" / "regionalstatistik" / "13111-0005.ffcsv.csv"


class WorkerThread(threading.Thread):
    """The loop of `manage.py db_worker --backend background` for one task, in a thread: the
    live server's in-memory test database is not visible to another process."""

    def __init__(self) -> None:
        super().__init__(name="db-worker", daemon=True)
        self.worker = Worker(
            queue_names=["default"],
            interval=0.1,
            batch=False,
            backend_name="background",
            startup_delay=False,
            max_tasks=1,
            worker_id="browser-test",
            excluded_queue_names=[],
        )

    def run(self) -> None:
        try:
            self.worker.run()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.worker.running = False
        self.join(timeout=30)


@pytest.fixture
def upload_settings(settings, tmp_path):
    """Uploads in a temporary folder; the project's database queue (KEK_TASKS=db)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    return settings


def test_upload_is_imported_by_the_worker(new_context, site, planner, axe, upload_settings):
    client = Client()
    client.force_login(planner)
    context = new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    page = context.new_page()
    page.goto(reverse("kek_statistics_import"))
    page.get_by_label("Statistikdatei").set_input_files(str(FILE))
    page.get_by_role("button", name="Hochladen und importieren").click()

    expect(page).to_have_url(re.compile(r"/kek/statistik/import/\d+/$"))
    batch = ImportBatch.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    heading = page.locator("#import-progress-heading")
    expect(heading).to_have_text("Status: Wartet")  # the request only queued the import
    assert (batch.file_name, batch.status) == (FILE.name, ImportBatch.Status.PENDING)
    axe(page)

    worker = WorkerThread()
    worker.start()
    try:
        expect(heading).to_have_text("Status: Abgeschlossen", timeout=60_000)  # no reload
    finally:
        worker.stop()
    assert not worker.is_alive()
    batch.refresh_from_db()
    assert batch.rows_added > 0, batch.summary()
    expect(page.locator("#import-progress [role=status]")).to_contain_text(batch.summary())
    axe(page)
