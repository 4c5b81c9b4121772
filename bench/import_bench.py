"""Import speed of statistics files into SQLite and PostgreSQL, against polars' own parse.

    .venv/bin/python bench/import_bench.py [--rows 1000000] [--skip-postgres]

Files: the real table 21311-01-01-4-B (students, ~44,000 values, four classifications; read
from ../shared/data/regionalstatistik/, a developer-machine folder, or --real PATH) and a
generated flat file of --rows values (400 districts × 25 years × sex × 25 age groups).
For each database (SQLite in a temporary file; PostgreSQL at postgres://postgres@127.0.0.1:5432
in a database of its own, created and dropped here) the script migrates an empty database,
loads the region register and measures, per file:

* read_csv   – polars reading the file as text columns (the floor of any parse)
* parse      – kek.statistics.parsers.parse_file (polars, no database): the baseline, the
               faster of a run before and one after the imports
* import     – kek.statistics.importer.import_file into the empty tables
* reimport   – the same file again (every value compared, nothing written)

and prints rows/s and the ratio import / parse (goal: at most 3; the import includes its own
parse). Each database runs in a child process because Django reads DATABASE_URL once. The
figures move with the load of the machine; compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "regionalstatistik" / "21311-01-01-4-B.ffcsv.csv"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
GOAL = 3.0


def generate(path: Path, rows: int) -> Path:
    """A flat file (new format) with `rows` values; about 1 % symbols."""
    import numpy as np
    import polars as pl

    sys.path.insert(0, str(ROOT))
    districts = [
        line.split(",")[0]
        for line in (ROOT / "data" / "regions" / "regions.csv").read_text().splitlines()[1:]
        if line.split(",")[2] == "district"
    ]
    ages = [""] + [f"ALT{n:03d}" for n in range(1, 25)]
    sexes = ["", "GESM", "GESW", "GESD"]
    years = [str(year) for year in range(2000, 2025)]
    grid = (
        pl.DataFrame({"key": districts})
        .join(pl.DataFrame({"time": years}), how="cross")
        .join(pl.DataFrame({"sex": sexes}), how="cross")
        .join(pl.DataFrame({"age": ages}), how="cross")
        .head(rows)
    )
    rng = np.random.default_rng(2030)
    numbers = rng.integers(0, 250_000, grid.height).astype(str)
    symbols = rng.choice(["-", ".", "/"], grid.height)
    values = np.where(rng.random(grid.height) < 0.01, symbols, numbers)
    frame = grid.select(
        statistics_code=pl.lit("99999"),
        statistics_label=pl.lit("Benchmark"),
        time_code=pl.lit("JAHR"),
        time_label=pl.lit("Jahr"),
        time="time",
        **{
            "1_variable_code": pl.lit("KREISE"),
            "1_variable_label": pl.lit("Kreise und kreisfreie Städte"),
            "1_variable_attribute_code": "key",
            "1_variable_attribute_label": pl.lit("Kreis ") + pl.col("key"),
            "2_variable_code": pl.lit("GES"),
            "2_variable_label": pl.lit("Geschlecht"),
            "2_variable_attribute_code": "sex",
            "2_variable_attribute_label": pl.col("sex").replace("", "Insgesamt"),
            "3_variable_code": pl.lit("ALTX25"),
            "3_variable_label": pl.lit("Altersgruppen"),
            "3_variable_attribute_code": "age",
            "3_variable_attribute_label": pl.col("age").replace("", "Insgesamt"),
        },
        value=pl.Series(values),
        value_unit=pl.lit("Anzahl"),
        value_variable_code=pl.lit("BENCH01"),
        value_variable_label=pl.lit("Benchmarkwert"),
    )
    with path.open("wb") as handle:
        handle.write("\ufeff".encode())
        frame.write_csv(handle, separator=";", quote_style="never")
    return path


def measure(files: list[Path]) -> list[dict]:
    """Runs inside the child process, with DATABASE_URL set."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    import polars as pl
    from django.core.management import call_command
    from django.db import connection

    from kek.regions.loading import load_regions
    from kek.statistics.importer import import_file
    from kek.statistics.parsers import parse_file

    call_command("migrate", verbosity=0)
    load_regions()
    results = []
    for path in files:
        row = {"file": path.name, "db": connection.vendor}
        start = time.perf_counter()
        pl.read_csv(path, separator=";", infer_schema=False, quote_char=None)
        row["read_csv"] = time.perf_counter() - start
        row["parse"], parsed = timed(parse_file, path)
        row["rows"] = parsed.data.height
        for step in ("import", "reimport"):
            row[step], batch = timed(import_file, path)
            row[f"{step}_counts"] = (batch.rows_added, batch.rows_changed, batch.rows_unchanged)
        # Parsed again after the imports: the baseline is the faster of the two runs, so a
        # busy machine during one of them does not flatter the ratio.
        row["parse"] = min(row["parse"], timed(parse_file, path)[0])
        results.append(row)
    return results


def timed(action, *args):
    start = time.perf_counter()
    result = action(*args)
    return time.perf_counter() - start, result


def run_child(database_url: str, files: list[Path]) -> list[dict]:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "kek.settings"}
    command = [sys.executable, __file__, "--child", *map(str, files)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        sys.exit(f"Messung mit {database_url} fehlgeschlagen:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_database(action: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        if action == "create":
            connection.execute(f'CREATE DATABASE "{name}"')
        else:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def report(results: list[dict]) -> bool:
    head = (
        f"{'Datei':<28} {'DB':<10} {'Werte':>9} {'read_csv':>9} {'parse':>8} {'import':>8} "
        f"{'Werte/s':>9} {'reimport':>9} {'Werte/s':>9} {'import/parse':>12}"
    )
    print(head)
    print("-" * len(head))
    ok = True
    for row in results:
        ratio = row["import"] / row["parse"]
        ok &= ratio <= GOAL
        print(
            f"{row['file']:<28} {row['db']:<10} {row['rows']:>9,} {row['read_csv']:>8.2f}s "
            f"{row['parse']:>7.2f}s {row['import']:>7.2f}s {row['rows'] / row['import']:>9,.0f} "
            f"{row['reimport']:>8.2f}s {row['rows'] / row['reimport']:>9,.0f} {ratio:>11.2f}×"
        )
    print(f"\nZiel: import höchstens {GOAL:g}× parse — {'erreicht' if ok else 'verfehlt'}.")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--real", type=Path, default=REAL)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure([Path(p) for p in args.child])))
        return
    with tempfile.TemporaryDirectory() as folder:
        generated = generate(Path(folder) / "bench-99999.ffcsv.csv", args.rows)
        files = [path for path in (args.real, generated) if path.exists()]
        results = run_child(f"sqlite:///{folder}/bench.sqlite3", files)
        if not args.skip_postgres:
            name = f"kek_bench_{os.getpid()}"
            postgres_database("create", name)
            try:
                results += run_child(f"{POSTGRES}/{name}", files)
            finally:
                postgres_database("drop", name)
    report(results)


if __name__ == "__main__":
    main()
