"""Backup and restore times of the default content (KEK Nordsachsen 2030) on SQLite and
PostgreSQL (issue 16).

    .venv/bin/python bench/backup_bench.py [--runs 3] [--skip-postgres] [--skip-sqlite]

For each database (SQLite in a temporary folder; PostgreSQL at postgres://postgres@127.0.0.1:5432
in two databases of its own, created and dropped here) the script migrates an empty database,
keeps a copy of it (the "fresh installation"), loads the default content and measures:

* backup   – kek.core.backup.backup of district 14730 (collect, serialise, zip), best of --runs
* read     – kek.core.restore.read: checksums and JSON of every member, best of --runs
* restore  – kek.core.restore.restore into the fresh copy (one run: it fills the database)
* again    – backup of the restored database; its row counts must equal the first backup's

and prints seconds, rows, the file size and the peak memory of the restoring process. Each
step runs in a child process because Django reads DATABASE_URL once; the times are measured
inside it (without Django's start-up). The figures move with the load of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432"
DISTRICT = "14730"


# --------------------------------------------------------------------------------- child steps


def step(name: str, args: argparse.Namespace) -> dict:
    """Run inside the child process with DATABASE_URL set."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    if name == "migrate":
        call_command("migrate", verbosity=0)
        return {}
    if name == "defaults":
        from kek.core.defaults import load_defaults

        started = time.perf_counter()
        load_defaults()
        return {"seconds": time.perf_counter() - started}
    if name == "backup":
        return _backup(Path(args.file), args.runs)
    if name == "restore":
        return _restore(Path(args.file), args.runs)
    raise SystemExit(f"unknown step {name}")


def _backup(path: Path, runs: int) -> dict:
    from kek.core.backup import backup
    from kek.regions.models import Region

    region = Region.objects.get(ags=DISTRICT)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        written = backup(region, path)
        best = min(best, time.perf_counter() - started)
    counts = {m.model: m.rows for m in written.members if m.model}
    return {"seconds": best, "rows": written.rows, "bytes": path.stat().st_size, "counts": counts}


def _restore(path: Path, runs: int) -> dict:
    from kek.core.restore import read, restore

    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        backup = read(path)
        best = min(best, time.perf_counter() - started)
    started = time.perf_counter()
    restored = restore(backup)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KiB)
    return {"read": best, "seconds": seconds, "summary": restored.summary(), "peak_mb": peak}


# --------------------------------------------------------------------------------- parent


def run(name: str, url: str, media: Path, **extra: str) -> dict:
    command = [
        sys.executable,
        __file__,
        "--step",
        name,
        *sum((["--" + k, v] for k, v in extra.items()), []),
    ]
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"step {name} failed ({url})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(backend: str, urls: tuple[str, str], folder: Path, runs: int, clone) -> None:
    source, target = urls
    run("migrate", source, folder / "media")
    clone()
    run("defaults", source, folder / "media")
    path = folder / "nordsachsen.zip"
    first = run("backup", source, folder / "media", file=str(path), runs=str(runs))
    restored = run("restore", target, folder / "media-restored", file=str(path), runs=str(runs))
    again = run(
        "backup", target, folder / "media-restored", file=str(folder / "again.zip"), runs="1"
    )
    same = "yes" if again["counts"] == first["counts"] else "NO"
    print(
        f"{backend:<11} backup {first['seconds']:6.2f} s   read {restored['read']:5.2f} s   "
        f"restore {restored['seconds']:6.2f} s   {first['rows']:>7,} rows   "
        f"{first['bytes'] / 1024**2:5.2f} MB zip   restore peak {restored['peak_mb']:.0f} MB   "
        f"same rows after restore: {same}"
    )
    print(f"{'':<11} {restored['summary'].splitlines()[0]}")


def sqlite(folder: Path, runs: int) -> None:
    source, target = folder / "source.sqlite3", folder / "target.sqlite3"
    measure(
        "SQLite",
        (f"sqlite:///{source}", f"sqlite:///{target}"),
        folder,
        runs,
        lambda: shutil.copy(source, target),
    )


def postgres(folder: Path, runs: int) -> None:
    names = ("kek_backup_bench", "kek_restore_bench")

    def psql(sql: str) -> None:
        subprocess.run(["psql", f"{POSTGRES}/postgres", "-qc", sql], check=True)

    for name in names:
        psql(f"DROP DATABASE IF EXISTS {name}")
    psql(f"CREATE DATABASE {names[0]}")
    try:
        measure(
            "PostgreSQL",
            (f"{POSTGRES}/{names[0]}", f"{POSTGRES}/{names[1]}"),
            folder,
            runs,
            lambda: psql(f"CREATE DATABASE {names[1]} TEMPLATE {names[0]}"),
        )
    finally:
        for name in names:
            psql(f"DROP DATABASE IF EXISTS {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args)))
        return
    with tempfile.TemporaryDirectory(prefix="kek-backup-bench-") as tmp:
        if not args.skip_sqlite:
            (Path(tmp) / "sqlite").mkdir()
            sqlite(Path(tmp) / "sqlite", args.runs)
        if not args.skip_postgres:
            (Path(tmp) / "postgres").mkdir()
            postgres(Path(tmp) / "postgres", args.runs)


if __name__ == "__main__":
    main()
