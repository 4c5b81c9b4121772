"""Fuzzing the import formats (issue 16): mutated exports of the default content through the
readers (concept YAML, concept XLSX, catalogue XLSX) and, for some, through the import commands
against a database with the default content.

    .venv/bin/python bench/fuzz_imports.py            # 10,000 files per format (takes a while)
    .venv/bin/python bench/fuzz_imports.py --n 200 --db 20

Per format it prints the files read, how many the reader accepted or refused with the format's
FileError, the tracebacks (any other exception, with the first few shown) and, for the files
also run through `kek import-concept` / `kek import-catalogue` (`--db`, on a fresh SQLite file),
the partial writes: a refused import after which the row counts of the goal or catalogue tables
differ. Each database import runs in a transaction that is rolled back, so every file meets the
default content. Exit code 1 when there was any traceback or partial write.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import mutations  # noqa: E402

DATA = ROOT / "data" / "nordsachsen"


def formats(folder: Path):
    """(name, suffix, mutate(rnd) → bytes, read(path), error class, command) per format."""
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
    return [
        (
            "concept-yaml",
            ".yaml",
            lambda rnd: mutations.mutate_text(text, rnd),
            exchange.read,
            exchange.ExchangeError,
            "import-concept",
        ),
        (
            "concept-xlsx",
            ".xlsx",
            lambda rnd: mutations.mutate_book(concept_sheets, rnd),
            exchange.read,
            exchange.ExchangeError,
            "import-concept",
        ),
        (
            "catalogue-xlsx",
            ".xlsx",
            lambda rnd: mutations.mutate_book(catalogue_sheets, rnd),
            catalogue_io.read,
            catalogue_io.CatalogueError,
            "import-catalogue",
        ),
    ]


def setup_database(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'fuzz.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from kek.core.defaults import load_defaults

    load_defaults()


def row_counts() -> tuple[int, ...]:
    from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
    from kek.projects.models import Measurement, Milestone, Project, TargetIndicator

    models = (Concept, FieldOfAction, StrategicGoal, SubGoal)
    models += (Project, Milestone, TargetIndicator, Measurement)
    return tuple(model.objects.count() for model in models)


class Rollback(Exception):
    pass


def run_command(command: str, path: Path) -> tuple[str, bool]:
    """("ok" | "refused" | "traceback: …", partial write?) of one import against the defaults."""
    from django.core.management import CommandError, call_command
    from django.db import transaction

    outcome, partial = "ok", False
    try:
        with transaction.atomic():
            before = row_counts()
            try:
                name = f"kek_{command.replace('-', '_')}"
                call_command(name, "--district", "14730", str(path), stdout=io.StringIO())
            except CommandError:
                outcome = "refused"
                partial = row_counts() != before
            raise Rollback
    except Rollback:
        pass
    except Exception:
        outcome = "traceback: " + traceback.format_exc(limit=3)
    return outcome, partial


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="files per format")
    parser.add_argument("--db", type=int, default=100, help="of them also through the command")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--show", type=int, default=3, help="tracebacks shown per format")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.db:
            setup_database(folder)
        failed = False
        for label, suffix, mutate, read, error, command in formats(folder):
            rnd = random.Random(f"{args.seed}-{label}")
            tally: Counter[str] = Counter()
            shown: list[str] = []
            started = time.perf_counter()
            path = folder / f"mutated{suffix}"
            for number in range(args.n):
                path.write_bytes(mutate(rnd))
                try:
                    read(path)
                    tally["accepted"] += 1
                except error:
                    tally["refused"] += 1
                except Exception:
                    tally["tracebacks"] += 1
                    if len(shown) < args.show:
                        shown.append(traceback.format_exc(limit=4))
                if number < args.db:
                    outcome, partial = run_command(command, path)
                    tally["db files"] += 1
                    tally["db partial writes"] += partial
                    if outcome.startswith("traceback"):
                        tally["db tracebacks"] += 1
                        if len(shown) < args.show:
                            shown.append(outcome)
            seconds = time.perf_counter() - started
            print(
                f"{label}: {args.n} files, {tally['accepted']} accepted, {tally['refused']} "
                f"refused, {tally['tracebacks']} tracebacks; database: {tally['db files']} "
                f"files, {tally['db tracebacks']} tracebacks, {tally['db partial writes']} "
                f"partial writes ({seconds:.0f} s)"
            )
            for text in shown:
                print("  " + text.replace("\n", "\n  "))
            failed |= bool(tally["tracebacks"] or tally["db tracebacks"])
            failed |= bool(tally["db partial writes"])
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
