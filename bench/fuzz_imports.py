"""Fuzzing the import formats (issue 16): mutated files through the readers and, for some of
them, through the import commands against a database with the default content.

    .venv/bin/python bench/fuzz_imports.py            # 10,000 files per format (takes hours)
    .venv/bin/python bench/fuzz_imports.py --n 200 --db 20
    .venv/bin/python bench/fuzz_imports.py --only load-defaults --n 500

Formats: concept YAML and XLSX, catalogue XLSX (mutated exports of the default content), the
statistics formats (GENESIS flat file new and old, GENESIS table, KEK template, a zipped flat
file; damaged bytes of the test fixtures) and load-defaults folders (the default folder with a
mutated district.yaml or swot.yaml, loaded into a database with regions and statistics but no
district content; there is no separate reader, so every file goes through the command, about a
second each).

Per format it prints the files read, how many the reader accepted or refused with the format's
error, the tracebacks (any other exception, with the first few shown) and, for the files also
run through the command (`--db`, on a fresh SQLite file), the partial writes: a refused import
after which the row counts of the content tables differ. Each database import runs in a
transaction that is rolled back, so every file meets the same content. Exit code 1 when there
was any traceback or partial write.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import mutations  # noqa: E402

DATA = ROOT / "data" / "nordsachsen"
FIXTURES = ROOT / "tests" / "fixtures" / "regionalstatistik"
STATISTICS_SOURCES = {
    "statistics-flat": "12411-01-01-4.ffcsv.csv",
    "statistics-flat-old": "13111-01-03-4-alt.csv",
    "statistics-table": "12411-01-01-4-tabelle.csv",
    "statistics-template": "template-example.csv",
}
FOLDER_FILES = ["district.yaml", "swot.yaml"]


@dataclass
class Format:
    name: str
    suffix: str
    mutate: Callable[[random.Random], bytes]
    read: Callable[[Path], Any] | None  # None: no reader of its own, only the command
    error: type[Exception]
    command: list[str]  # call_command arguments before the file


def formats(folder: Path) -> list[Format]:
    from kek.goals import exchange
    from kek.projects import catalogue_io

    concept = exchange.read(DATA / "concept.yaml")
    yaml_export, xlsx_export = folder / "concept.yaml", folder / "concept.xlsx"
    exchange.write(concept, yaml_export)
    exchange.write(concept, xlsx_export)
    catalogue_export = folder / "catalogue.xlsx"
    catalogue_io.write(catalogue_io.read(DATA / "catalogue.yaml"), catalogue_export)
    text = yaml_export.read_text(encoding="utf-8")
    concept_sheets = mutations.read_sheets(xlsx_export)
    catalogue_sheets = mutations.read_sheets(catalogue_export)
    concept_command = ["kek_import_concept", "--district", "14730"]
    found = [
        Format(
            "concept-yaml",
            ".yaml",
            lambda rnd: mutations.mutate_text(text, rnd),
            exchange.read,
            exchange.ExchangeError,
            concept_command,
        ),
        Format(
            "concept-xlsx",
            ".xlsx",
            lambda rnd: mutations.mutate_book(concept_sheets, rnd),
            exchange.read,
            exchange.ExchangeError,
            concept_command,
        ),
        Format(
            "catalogue-xlsx",
            ".xlsx",
            lambda rnd: mutations.mutate_book(catalogue_sheets, rnd),
            catalogue_io.read,
            catalogue_io.CatalogueError,
            ["kek_import_catalogue", "--district", "14730"],
        ),
    ]
    sources = {name: (FIXTURES / file).read_bytes() for name, file in STATISTICS_SOURCES.items()}
    for name, data in sources.items():
        found.append(statistics_format(name, ".csv", lambda rnd, d=data: damage(d, rnd)))
    flat = sources["statistics-flat"]
    found.append(statistics_format("statistics-zip", ".zip", lambda rnd: zip_damaged(flat, rnd)))
    return found


def statistics_format(name: str, suffix: str, mutate: Callable[[random.Random], bytes]) -> Format:
    from kek.statistics.parsers import ParseError, parse_file

    return Format(name, suffix, mutate, parse_file, ParseError, ["kek_import_stats"])


def damage(data: bytes, rnd: random.Random) -> bytes:
    return mutations.damage_bytes(data, rnd)


def zip_damaged(data: bytes, rnd: random.Random) -> bytes:
    """A zipped flat file with damaged content; now and then the archive itself is damaged."""
    archive = zipped("12411.csv", mutations.damage_bytes(data, rnd))
    return mutations.damage_bytes(archive, rnd) if rnd.random() < 0.2 else archive


def folder_format(folder: Path) -> Format:
    """load-defaults: the default folder with one of its files mutated; `mutate` writes the
    folder and returns its path as bytes."""
    from django.core.management import CommandError

    texts = {name: (DATA / name).read_text(encoding="utf-8") for name in FOLDER_FILES}

    def mutate(rnd: random.Random) -> bytes:
        target = folder / "mutated-folder"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(DATA, target)
        name = rnd.choice(FOLDER_FILES)
        (target / name).write_bytes(mutations.mutate_text(texts[name], rnd))
        return str(target).encode()

    return Format("load-defaults", "", mutate, None, CommandError, ["kek_load_defaults", "--data"])


def zipped(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


def setup_database(folder: Path, with_district: bool = True) -> None:
    """A fresh SQLite file with the regions and statistics, and the default district's
    content unless the run is about loading that content (load-defaults)."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'fuzz.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if with_district:
        from kek.core.defaults import load_defaults

        load_defaults()
        return
    from kek.regions.loading import load_regions
    from kek.statistics.defaults import TABLES_DIR, import_tables
    from kek.statistics.importer import ensure_topics

    load_regions()
    ensure_topics()
    import_tables(TABLES_DIR)


def row_counts() -> tuple[int, ...]:
    from django.apps import apps

    names = ["goals.Concept", "goals.FieldOfAction", "goals.StrategicGoal", "goals.SubGoal"]
    names += ["projects.Project", "projects.Milestone", "projects.TargetIndicator"]
    names += ["projects.Measurement", "swot.SwotItem", "swot.SwotSuggestion", "cms.StandardPage"]
    names += ["statistics.ImportBatch", "statistics.Indicator", "statistics.Observation"]
    return tuple(apps.get_model(name).objects.count() for name in names)


class Rollback(Exception):
    pass


def run_command(arguments: list[str], path: Path) -> tuple[str, bool]:
    """("ok" | "refused" | "traceback: …", partial write?) of one import against the content."""
    from django.core.management import CommandError, call_command
    from django.db import transaction

    outcome, partial = "ok", False
    try:
        with transaction.atomic():
            before = row_counts()
            try:
                call_command(*arguments, str(path), stdout=io.StringIO(), stderr=io.StringIO())
            except CommandError:
                outcome = "refused"
                partial = row_counts() != before
            raise Rollback
    except Rollback:
        pass
    except Exception:
        outcome = "traceback: " + traceback.format_exc(limit=3)
    return outcome, partial


def fuzz(fmt: Format, args: argparse.Namespace, folder: Path) -> bool:
    """Run one format; print its line; True when it had a traceback or a partial write."""
    rnd = random.Random(f"{args.seed}-{fmt.name}")
    tally: Counter[str] = Counter()
    shown: list[str] = []
    started = time.perf_counter()
    path = folder / f"mutated{fmt.suffix}"
    through_db = args.n if fmt.read is None else args.db
    for number in range(args.n):
        data = fmt.mutate(rnd)
        if fmt.read is None:
            path = Path(data.decode())
        else:
            path.write_bytes(data)
            try:
                fmt.read(path)
                tally["accepted"] += 1
            except fmt.error:
                tally["refused"] += 1
            except Exception:
                tally["tracebacks"] += 1
                if len(shown) < args.show:
                    shown.append(traceback.format_exc(limit=4))
        if number < through_db:
            outcome, partial = run_command(fmt.command, path)
            tally["db files"] += 1
            tally["db partial writes"] += partial
            tally[f"db {outcome.split(':')[0]}"] += 1
            if outcome.startswith("traceback") and len(shown) < args.show:
                shown.append(outcome)
    seconds = time.perf_counter() - started
    reader = (
        f"{tally['accepted']} accepted, {tally['refused']} refused, {tally['tracebacks']} "
        "tracebacks"
        if fmt.read
        else "no reader of its own"
    )
    print(
        f"{fmt.name}: {args.n} files, {reader}; database: {tally['db files']} files "
        f"({tally['db ok']} loaded, {tally['db refused']} refused), {tally['db traceback']} "
        f"tracebacks, {tally['db partial writes']} partial writes ({seconds:.0f} s)",
        flush=True,
    )
    for text in shown:
        print("  " + text.replace("\n", "\n  "))
    return bool(tally["tracebacks"] or tally["db traceback"] or tally["db partial writes"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="files per format")
    parser.add_argument("--db", type=int, default=100, help="of them also through the command")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", type=int, default=3, help="tracebacks shown per format")
    parser.add_argument("--only", help="one format, e.g. concept-yaml or load-defaults")
    args = parser.parse_args()
    if args.only is None:
        # load-defaults needs a database without the district's content: its own process.
        failed = subprocess.call([sys.executable, __file__, *sys.argv[1:], "--only", "all-files"])
        rest = [*sys.argv[1:], "--only", "load-defaults"]
        return max(failed, subprocess.call([sys.executable, __file__, *rest]))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.only == "load-defaults":
            setup_database(folder, with_district=False)
            return 1 if fuzz(folder_format(folder), args, folder) else 0
        if args.db:
            setup_database(folder)
        chosen = [f for f in formats(folder) if args.only in ("all-files", f.name)]
        failed = [fuzz(fmt, args, folder) for fmt in chosen]
        return 1 if any(failed) else 0


if __name__ == "__main__":
    sys.exit(main())
