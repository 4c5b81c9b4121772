"""The test databases are built from the models (pytest-django without migrations), not by
running the ~250 migrations: rendering their states took a minute per test database (two per
CI stage), most of the suite's fixed cost. What the migrations add beyond the models' tables
is added here instead: the rows their data migrations write (roles, SDGs, Wagtail's root
page, locale, collection, groups, workflow), kept in `migration_data.json`, and, on SQLite,
Wagtail's full-text table with its triggers. tests/core/test_the_test_database_is_migrated.py
compares both with a database migrated for real; `KEK_WRITE_MIGRATION_DATA=1` rewrites the
file from that database after a migration changed what it writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIGRATION_DATA = Path(__file__).with_name("migration_data.json")
# Written by post_migrate on either path, or per-database bookkeeping.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions"]


def use_migrations() -> bool:
    return os.environ.get("KEK_TEST_MIGRATIONS") == "1"


def add_migration_data() -> None:
    """Into a database built from the models: what the migrations would have added."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        add_sqlite_search_table()
    call_command("loaddata", str(MIGRATION_DATA), verbosity=0)


def add_sqlite_search_table() -> None:
    """Wagtail's FTS5 table and the triggers that fill it (wagtailsearch 0006, SQLite only),
    in place of the plain table the models give."""
    import importlib

    from django.db import connection
    from django.db.migrations import RunSQL, SeparateDatabaseAndState

    migration = importlib.import_module("wagtail.search.migrations.0006_customise_indexentry")
    with connection.cursor() as cursor:
        for operation in migration.Migration.operations:
            if isinstance(operation, SeparateDatabaseAndState):
                for step in operation.database_operations:
                    if isinstance(step, RunSQL):
                        cursor.execute(step.reverse_sql)
                        cursor.execute(step.sql)


def migrate(database_url: str) -> None:
    """Run the real migrations into the (empty) database at `database_url`, in a process of
    its own."""
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr


def dump(database_url: str) -> list[dict]:
    """The rows of a database as `migration_data.json` holds them, in dumpdata's order (models
    after those they refer to by natural key, then by primary key)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "dumpdata", "--natural-foreign", "--indent", "1",
         *[f"--exclude={label}" for label in NOT_DUMPED]],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows: list[dict] = json.loads(result.stdout)
    for row in rows:  # random on each run
        row["fields"].pop("translation_key", None)
    return rows


def write_migration_data(rows: list[dict]) -> None:
    MIGRATION_DATA.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", "utf-8")


def migrated_database(directory: Path) -> str:
    """The URL of a database of the suite's kind migrated for real: a SQLite file in
    `directory`, or a database of its own on the PostgreSQL server. Made once per test run:
    `directory` is shared by the run's xdist workers; the first that needs it migrates, the
    others wait for it (a lock file) and take its URL. `drop_migrated` removes it."""
    import fcntl

    from django.db import connection

    with open(directory / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        known = directory / f"migrated-{connection.vendor}.url"
        if known.exists():
            return known.read_text("utf-8")
        if connection.vendor == "sqlite":
            url = f"sqlite:///{directory / 'migrated.sqlite3'}"
        else:
            url = create_postgres_database(directory)
        migrate(url)
        known.write_text(url, "utf-8")
        return url


def server_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}"


def create_postgres_database(directory: Path) -> str:
    import hashlib

    import psycopg

    name = "kek_migrated_" + hashlib.sha256(str(directory).encode()).hexdigest()[:10]
    with psycopg.connect(f"{server_url()}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url()}/{name}"


def drop_migrated(directory: Path) -> None:
    """At the end of the run: the PostgreSQL database `migrated_database` made in
    `directory`, with the copies tests made of it (`copy_of`); a SQLite file goes with the
    directory."""
    known = directory / "migrated-postgresql.url"
    if not known.exists():
        return
    import psycopg

    server, _, name = known.read_text("utf-8").rpartition("/")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        names = admin.execute(
            "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
            [name, f"{name}\\_%"],
        ).fetchall()
        for (found,) in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{found}" WITH (FORCE)')
    known.unlink()


def schema(connection) -> dict[str, tuple[dict, list]]:
    """Tables with their columns (type, size, null) and constraints and indexes (columns,
    kind), without the names, which differ between a migrated and a created table."""
    introspection = connection.introspection
    found: dict[str, tuple[dict, list]] = {}
    with connection.cursor() as cursor:
        for table in introspection.get_table_list(cursor):
            if table.type != "t":
                continue
            columns = {
                column.name: (column.type_code, column.internal_size, column.null_ok)
                for column in introspection.get_table_description(cursor, table.name)
            }
            constraints = sorted(
                repr((tuple(c["columns"] or ()), c["primary_key"], c["unique"],
                      tuple(c["foreign_key"] or ()), c["check"], c["index"], c.get("type"),
                      tuple(c.get("orders") or ())))
                for c in introspection.get_constraints(cursor, table.name).values()
            )  # fmt: skip
            found[table.name] = (columns, constraints)
    return found


def connect(database_url: str):
    """A connection to another database with the suite's options."""
    import dj_database_url
    from django.db import connection
    from django.db.utils import ConnectionHandler

    settings = {**connection.settings_dict, **dj_database_url.parse(database_url)}
    settings.pop("TEST", None)
    return ConnectionHandler({"default": settings})["default"]


def copy_of(database_url: str, name: str) -> str:
    """A copy of the database at `database_url` for a test that writes into it."""
    import shutil

    if database_url.startswith("sqlite:///"):
        source = Path(database_url.removeprefix("sqlite:///"))
        target = source.with_name(f"{name}.sqlite3")
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"
    import time

    import psycopg

    server, _, source_name = database_url.rpartition("/")
    copy = f"{source_name}_{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{copy}"')
        for _ in range(120):  # a test on the other worker may be reading the source
            try:
                admin.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{source_name}"')
                break
            except psycopg.errors.ObjectInUse:
                time.sleep(1)
        else:
            raise AssertionError(f"{source_name} stayed in use; no copy made")
    return f"{server}/{copy}"
