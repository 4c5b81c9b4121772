"""20 parallel `kek import-stats` of the same file all finish, exactly one imports (issue 16).

Real processes against a real database: on SQLite a file copy of the test database (which
lives in memory, invisible to other processes), made with `VACUUM INTO`; on PostgreSQL the
test database, committed (transactional_db).
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
TABLE = ROOT / "data" / "statistics" / "tables" / "11111-02-01-4.ffcsv.csv"
PROCESSES = 20
TIMEOUT = 300
DUPLICATES = """
    SELECT COUNT(*) FROM (
        SELECT 1 FROM statistics_observation
        GROUP BY indicator_id, region_id, period, disaggregation HAVING COUNT(*) > 1
    ) AS duplicates
"""


def _env(database_url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kek.settings"}
    env.pop("KEK_TEST_PRELOAD", None)
    return env


def _postgres_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = f"{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{host}/{s['NAME']}"


@pytest.fixture
def database_url(tmp_path) -> str:
    from kek.statistics.models import ImportBatch, Observation

    # The default content has this table already; start as if it had never been imported.
    Observation.objects.filter(batch__table="11111-02-01-4").delete()
    ImportBatch.objects.filter(table="11111-02-01-4").delete()
    if connection.vendor == "postgresql":
        return _postgres_url()
    path = tmp_path / "kek.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    return f"sqlite:///{path}"


def _import_in_parallel(url: str) -> list[dict]:
    """`kek import-stats` in PROCESSES processes at once (tests/statistics/parallel_kek.py)."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.statistics.parallel_kek", str(PROCESSES), "import-stats",
         str(TABLE)],
        cwd=ROOT, env=_env(url), capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _row(url: str, sql: str) -> tuple:
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchone()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


def _count(url: str, sql: str) -> int:
    return _row(url, sql)[0]


# transaction=True: on PostgreSQL the processes must see what the test commits (and the test
# what they commit); on SQLite the test database is not used.
@pytest.mark.django_db(transaction=True)
def test_parallel_imports_of_one_file(database_url: str) -> None:
    started = time.perf_counter()
    results = _import_in_parallel(database_url)
    seconds = time.perf_counter() - started
    assert len(results) == PROCESSES
    failures = [r["stderr"] for r in results if r["returncode"] != 0]
    assert not failures, failures
    statuses = [r["stdout"].strip().split(": ", 2)[2].split(" – ")[0] for r in results]
    assert statuses.count("importiert") == 1, statuses
    assert statuses.count("unverändert") == PROCESSES - 1, statuses
    assert _count(database_url, DUPLICATES) == 0
    imported = "SELECT id, rows_added FROM statistics_importbatch WHERE rows_added > 0"
    batch, added = _row(database_url, f"{imported} AND \"table\" = '11111-02-01-4'")
    assert added > 0
    rows = f"SELECT COUNT(*) FROM statistics_observation WHERE batch_id = {batch}"
    assert _count(database_url, rows) == added
    assert _count(database_url, "SELECT COUNT(*) FROM statistics_importbatch") >= PROCESSES
    print(f"{PROCESSES} parallel imports on {connection.vendor}: {seconds:.1f} s")
