"""Benchmark of the evaluation (F14, F15).

1. Each method over 20,000 series × 15 years through the real console script
   (`kek evaluate …`, whole process: start-up, CSV reading, evaluation, CSV writing), compared
   with the per-series reference implementation (`kek.evaluation.reference`) on the same data in
   the same run. Goal: `kek evaluate` at least 20× faster than the reference. The reference runs
   in memory on tables already read; the process includes everything. The table also splits the
   process time into start-up (the same command on a one-series file), in-process
   `evaluate_csv` (read S.csv/P.csv, evaluate, write R.csv) and the vectorised core
   (`methods.evaluate` on tables already read), and checks that both implementations give the
   same status for every series. `kek evaluate` runs without Django (kek.cli fast path); the
   start-up of the Django route (`kek evaluate --help`) is printed for comparison.
2. Roll-up of a concept with 500 projects and 2,000 target indicators in a temporary SQLite
   database (`manage.py migrate`, filled with bulk_create): time and queries of
   `evaluate_concept`, and of the public dashboard page if it exists, rendered with the Django
   test client.

Run from the repository: `.venv/bin/python bench/evaluate_bench.py [--series N] [--repeat R]`.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kek.evaluation import methods  # noqa: E402
from kek.evaluation.reference import evaluate_reference  # noqa: E402
from kek.evaluation.tables import evaluate_csv, read_params, read_series  # noqa: E402

KEK = Path(sys.executable).parent / "kek"
GOAL = 20.0
FIRST_YEAR = 2009


def best(action: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), times


# --------------------------------------------------------------------------- 1. kek evaluate


def write_inputs(folder: Path, n_series: int, n_years: int, seed: int = 2030) -> tuple[Path, Path]:
    """Random-walk series with 2 % gaps, mixed directions; targets for three series in four."""
    rng = np.random.default_rng(seed)
    drift = rng.normal(0.01, 0.02, n_series)[:, None]
    steps = 1 + drift + rng.normal(0, 0.03, (n_series, n_years))
    values = 100 * np.cumprod(steps, axis=1).ravel()
    values[rng.random(values.size) < 0.02] = np.nan
    ids = np.repeat([f"s{i}" for i in range(n_series)], n_years)
    years = np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + n_years), n_series)
    series = pl.DataFrame({"series_id": ids, "year": years, "value": values}).with_columns(
        pl.col("value").fill_nan(None)
    )
    has_target = rng.random(n_series) < 0.75
    target = np.where(has_target, 100 * (1 + rng.normal(0.2, 0.3, n_series)), np.nan)
    params = pl.DataFrame(
        {
            "series_id": [f"s{i}" for i in range(n_series)],
            "direction": rng.choice(["increase", "decrease"], n_series),
            "base_year": np.full(n_series, 2015),
            "target": target,
            "target_year": np.full(n_series, 2030),
        }
    ).with_columns(pl.col("target").fill_nan(None))
    series_path, params_path = folder / "S.csv", folder / "P.csv"
    series.write_csv(series_path)
    params.write_csv(params_path)
    return series_path, params_path


def import_floor(env: dict[str, str]) -> None:
    """A Python process that only imports the evaluation modules (no Django)."""
    code = "import kek.evaluation.tables"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def write_tiny_inputs(folder: Path) -> list[str]:
    """Arguments of a `kek evaluate` run on one series: the process's fixed cost."""
    series, params = folder / "S1.csv", folder / "P1.csv"
    series.write_text("series_id,year,value\na,2015,100\na,2020,110\n", encoding="utf-8")
    params.write_text("series_id,direction\na,increase\n", encoding="utf-8")
    out = folder / "R1.csv"
    return [
        "--method",
        "trend",
        "--series",
        str(series),
        "--params",
        str(params),
        "--out",
        str(out),
    ]


def run_kek(*args: str, env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(KEK), "evaluate", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"kek evaluate failed:\n{result.stderr}")


def bench_methods(n_series: int, n_years: int, repeat: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # The command must not need a database: point it at one that does not exist.
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'none.sqlite3'}"}
        series_path, params_path = write_inputs(folder, n_series, n_years)
        observations, params = read_series(series_path), read_params(params_path)
        tiny = write_tiny_inputs(folder)
        startup, _ = best(lambda: run_kek(*tiny, env=env), repeat)
        django_startup, _ = best(lambda: run_kek("--help", env=env), repeat)
        floor, _ = best(lambda: import_floor(env), repeat)
        for method in methods.METHODS:
            out = folder / f"R-{method}.csv"
            args = ["--method", method, "--series", str(series_path)]
            args += ["--params", str(params_path), "--out", str(out)]
            process, times = best(lambda args=args: run_kek(*args, env=env), repeat)
            in_process, _ = best(
                lambda m=method: evaluate_csv(m, series_path, params_path, folder / "x.csv"),
                repeat,
            )
            core, _ = best(lambda m=method: methods.evaluate(m, observations, params), repeat)
            reference_result: list[pl.DataFrame] = []
            reference, _ = best(
                lambda m=method, kept=reference_result: kept.append(
                    evaluate_reference(m, observations, params)
                ),
                repeat,
            )
            fast = pl.read_csv(out, columns=["series_id", "status"])
            slow = reference_result[-1].select("series_id", "status")
            agree = fast.join(slow, on="series_id").filter(
                pl.col("status") == pl.col("status_right")
            )
            rows.append(
                {
                    "method": method,
                    "process": process,
                    "process_median": statistics.median(times),
                    "startup": startup,
                    "django_startup": django_startup,
                    "floor": floor,
                    "in_process": in_process,
                    "core": core,
                    "reference": reference,
                    "agree": len(agree) == n_series == len(fast),
                }
            )
    return rows


def print_methods(rows: list[dict], n_series: int, n_years: int) -> None:
    print(f"\n1. kek evaluate: {n_series:,} series × {n_years} years (best of runs, seconds)\n")
    header = (
        f"{'method':<9}{'kek process':>12}{'start-up':>10}{'evaluate_csv':>14}"
        f"{'vector core':>13}{'reference':>11}{'ref/process':>13}{'ref/csv':>9}{'ref/core':>10}"
        "  same status"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['method']:<9}{r['process']:>12.3f}{r['startup']:>10.3f}{r['in_process']:>14.3f}"
            f"{r['core']:>13.3f}{r['reference']:>11.3f}{r['reference'] / r['process']:>12.2f}×"
            f"{r['reference'] / r['in_process']:>8.2f}×"
            f"{r['reference'] / r['core']:>9.1f}×  {'yes' if r['agree'] else 'NO'}"
        )
    worst = min(r["reference"] / r["process"] for r in rows)
    verdict = "met" if worst >= GOAL else "NOT met"
    print(f"\nGoal kek evaluate ≥ {GOAL:.0f}× the reference: {verdict} (worst {worst:.2f}×).")
    floor = rows[0]["floor"]
    ceiling = min(r["reference"] for r in rows) / floor
    print(
        "kek process = the whole `kek evaluate` command (start-up, reading, evaluation, writing);\n"
        "reference = kek.evaluation.reference in memory on tables already read (no start-up, no\n"
        "CSV); ref/csv and ref/core compare it with the in-process parts.\n"
        "start-up = `kek evaluate` on a one-series file (Python, numpy, polars, no Django);\n"
        f"the Django route (`kek evaluate --help`) starts in {rows[0]['django_startup']:.3f} s.\n"
        "A process that only imports numpy, polars and kek.evaluation takes "
        f"{floor:.3f} s, so on this machine\n"
        f"no whole process can be more than {ceiling:.1f}× faster than the reference at this size."
    )


# --------------------------------------------------------------------------- 2. roll-up


def migrate(database: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"migrate failed:\n{result.stderr}")


def fill(n_projects: int, n_indicators: int):
    """A district, its concept with 4 × 3 × 2 goals, projects, indicators and 8 values each."""
    import datetime as dt

    from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
    from kek.projects.models import Measurement, Project, TargetIndicator
    from kek.regions.models import Region

    region = Region.objects.create(ags="99999", name="Benchkreis", level="district")
    concept = Concept.objects.create(
        region=region, version=1, title="KEK Bench", status="adopted", is_current=True
    )
    fields = FieldOfAction.objects.bulk_create(
        FieldOfAction(concept=concept, position=f, number=str(f), title=f"HF {f}", slug=f"hf-{f}")
        for f in range(1, 5)
    )
    goals = StrategicGoal.objects.bulk_create(
        StrategicGoal(
            concept=concept,
            field=field,
            position=g,
            number=f"{field.number}.{g}",
            title=f"Ziel {field.number}.{g}",
            slug=f"ziel-{field.number}-{g}",
        )
        for field in fields
        for g in range(1, 4)
    )
    subgoals = SubGoal.objects.bulk_create(
        SubGoal(
            concept=concept,
            goal=goal,
            position=s,
            number=f"{goal.number}.{s}",
            title=f"Teilziel {goal.number}.{s}",
            slug=f"teilziel-{goal.number.replace('.', '-')}-{s}",
        )
        for goal in goals
        for s in range(1, 3)
    )
    statuses = [s.value for s in Project.Status]
    projects = Project.objects.bulk_create(
        Project(
            concept=concept,
            number=f"P{i:04d}",
            title=f"Projekt {i}",
            slug=f"projekt-{i}",
            status=statuses[i % len(statuses)],
        )
        for i in range(n_projects)
    )
    through = Project.subgoals.through
    through.objects.bulk_create(
        through(project_id=p.pk, subgoal_id=subgoals[(i + k) % len(subgoals)].pk)
        for i, p in enumerate(projects)
        for k in range(1 + i % 2)
    )
    rng = np.random.default_rng(7)
    on_goals = n_indicators // 40
    kinds = ["open-sdg", "open-sdg", "dns", "trend"]
    indicators = []
    for i in range(n_indicators):
        owner = (
            {"goal": goals[i % len(goals)]}
            if i < on_goals
            else {"project": projects[i % n_projects]}
        )
        method = kinds[i % len(kinds)]
        with_target = method == "dns" or (method == "open-sdg" and i % 8 == 0)
        indicators.append(
            TargetIndicator(
                title=f"Indikator {i}",
                method=method,
                direction=1 if i % 3 else -1,
                baseline_year=2015,
                baseline_value=100.0,
                target_value=float(100 + rng.integers(-30, 60)) if with_target else None,
                target_year=2030 if with_target else None,
                **owner,
            )
        )
    indicators = TargetIndicator.objects.bulk_create(indicators)
    growth = rng.normal(0.01, 0.03, (len(indicators), 8))
    values = 100 * np.cumprod(1 + growth, axis=1)
    Measurement.objects.bulk_create(
        (
            Measurement(indicator=ind, date=dt.date(2016 + y, 12, 31), value=float(values[k, y]))
            for k, ind in enumerate(indicators)
            for y in range(8)
        ),
        batch_size=2000,
    )
    return region, concept


def counted(action: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        action()
    return len(context.captured_queries)


def bench_rollup(n_projects: int, n_indicators: int, repeat: int) -> list[tuple]:
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "bench.sqlite3"
        start = time.perf_counter()
        migrate(database)
        migrated = time.perf_counter() - start
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
        import django

        django.setup()
        from kek.projects.evaluation import evaluate_concept

        start = time.perf_counter()
        region, concept = fill(n_projects, n_indicators)
        filled = time.perf_counter() - start
        rows = [
            ("migrate temporary SQLite database", migrated, None, ""),
            ("fill (bulk_create)", filled, None, ""),
        ]
        seconds, _ = best(lambda: evaluate_concept(concept), repeat)
        queries = counted(lambda: evaluate_concept(concept))
        result = evaluate_concept(concept).of(concept)
        note = f"{result.indicators} indicators, {result.rated} rated, {result.projects} projects"
        rows.append(("evaluate_concept", seconds, queries, note))
        rows.append(dashboard_row(region, repeat))
        rows.append(defaults_row())
    return rows


def dashboard_row(region, repeat: int) -> tuple:
    from django.test import Client

    from kek.cms.sites import ensure_site

    try:
        home = ensure_site(region, "localhost", {"title": "KEK Bench"}, [])
        url = f"{home.url}dashboard/"
        client = Client(HTTP_HOST="localhost")
        response = client.get(url)  # warm-up: templates, URL resolvers
    except Exception as error:  # the page is built by another part of the project
        return ("dashboard page", None, None, f"not rendered: {type(error).__name__}: {error}")
    if response.status_code != 200:
        return ("dashboard page", None, None, f"{url} answered {response.status_code}")
    seconds, _ = best(lambda: client.get(url), repeat)
    queries = counted(lambda: client.get(url))
    return (f"dashboard page GET {url}", seconds, queries, f"{len(response.content):,} bytes")


def defaults_row() -> tuple:
    """Time of the example catalogue's default loader (goal: under 0.5 s)."""
    from kek.core.defaults import DEFAULT_DIR
    from kek.goals import exchange
    from kek.goals.concept_db import import_district
    from kek.projects import defaults
    from kek.regions.models import Region

    region = Region.objects.create(ags="14730", name="Nordsachsen", level="district")
    import_district(region, exchange.read(DEFAULT_DIR / "concept.yaml"))
    start = time.perf_counter()
    summary = defaults.load(region, DEFAULT_DIR, {})
    seconds = time.perf_counter() - start
    return ("kek.projects.defaults.load (goal < 0.5 s)", seconds, None, summary)


def print_rollup(rows: list[tuple], n_projects: int, n_indicators: int) -> None:
    print(f"\n2. Roll-up: {n_projects} projects, {n_indicators:,} target indicators (SQLite)\n")
    print(f"{'step':<40}{'seconds':>9}{'queries':>9}  note")
    print("-" * 80)
    for step, seconds, queries, note in rows:
        shown = "–" if seconds is None else f"{seconds:.3f}"
        print(f"{step:<40}{shown:>9}{'' if queries is None else queries:>9}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=15)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--indicators", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = bench_methods(args.series, args.years, args.repeat)
    print_methods(rows, args.series, args.years)
    rollup = bench_rollup(args.projects, args.indicators, args.repeat)
    print_rollup(rollup, args.projects, args.indicators)


if __name__ == "__main__":
    main()
