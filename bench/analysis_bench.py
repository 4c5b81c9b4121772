"""Benchmark of the F9 analysis (kek.statistics.analysis) on a generated full table.

400 districts (+ 16 Länder + Germany, keys from data/regions/regions.csv) × 300 indicators ×
30 years, about 2 % status symbols (null) and a few zero values. One "full recomputation" is
every derived measure: index (base = first year), change against the previous year, growth
and CAGR over the whole span, rank and percentile (all districts and within the Land),
district vs. Land vs. Germany for all districts, and the distribution with the home district.

The baseline computes the same with plain Python per series and per cross-section (dicts,
sorted lists, one loop iteration per row), the way one would without whole-table operations,
measured in the same run on the same data; the two results are cross-checked.

Run: ``.venv/bin/python bench/analysis_bench.py [--indicators 300] [--years 30] [--repeat 3]
[--baseline-indicators N]`` (baseline on the first N indicators and scaled linearly to all;
default: all).
"""

from __future__ import annotations

import argparse
import csv
import math
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kek.statistics import analysis  # noqa: E402

HOME = "14730"
FIRST_YEAR = 1995


# --- data ---------------------------------------------------------------------------------------


def regions() -> pl.DataFrame:
    with (ROOT / "data" / "regions" / "regions.csv").open(encoding="utf-8") as file:
        rows = [r for r in csv.DictReader(file) if r["level"] in {"country", "state", "district"}]
    return pl.DataFrame(
        {
            "region_key": [r["ags"] for r in rows],
            "region_level": [r["level"] for r in rows],
            "parent_key": [r["parent_ags"] or None for r in rows],
        }
    )


def generate(n_indicators: int, n_years: int, seed: int = 7) -> tuple[pl.DataFrame, dict]:
    rng = np.random.default_rng(seed)
    regs = regions()
    n_regions = regs.height
    n = n_indicators * n_regions * n_years
    indicator = np.repeat(np.arange(n_indicators), n_regions * n_years)
    region = np.tile(np.repeat(np.arange(n_regions), n_years), n_indicators)
    year = np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + n_years), n_indicators * n_regions)
    level = rng.uniform(10, 1000, size=n_indicators * n_regions)
    trend = rng.normal(0.0, 0.02, size=n_indicators * n_regions)
    steps = np.tile(np.arange(n_years), n_indicators * n_regions)
    series = np.repeat(np.arange(n_indicators * n_regions), n_years)
    value = level[series] * (1 + trend[series]) ** steps * rng.normal(1, 0.01, size=n)
    value = np.round(value, 1)
    value[rng.random(n) < 0.0005] = 0.0
    missing = rng.random(n) < 0.02
    codes = np.array([f"ind{i:03d}" for i in range(n_indicators)])
    values = pl.DataFrame(
        {
            "period": year,
            "value": pl.Series(np.where(missing, np.nan, value)).fill_nan(None),
        }
    )
    parts = [pl.DataFrame({"indicator": codes[indicator]}), regs[region], values]
    table = pl.concat(parts, how="horizontal").with_columns(disaggregation=pl.lit(""))
    chosen = rng.choice([1, -1, 0], n_indicators)
    directions = {code: int(d) for code, d in zip(codes, chosen, strict=True)}
    return table, directions


# --- vectorised -----------------------------------------------------------------------------------


def vectorised(table: pl.DataFrame, directions: dict[str, int]) -> dict[str, pl.DataFrame]:
    table = analysis.prepare(table)
    return {
        "index": analysis.index(table),
        "changes": analysis.changes(table),
        "growth": analysis.growth(table),
        "rank": analysis.rank(table, directions),
        "comparison": analysis.comparison(table, directions),
        "distribution": analysis.distribution(table, HOME, directions),
    }


# --- naive per-group baseline ---------------------------------------------------------------------


def baseline(table: pl.DataFrame, directions: dict[str, int]) -> dict[str, dict]:
    columns = ["indicator", "region_key", "region_level", "parent_key", "period", "value"]
    rows = table.select(columns).rows()
    by_series: dict[tuple, list] = defaultdict(list)
    by_cross: dict[tuple, list] = defaultdict(list)
    reference: dict[tuple, float | None] = {}
    for ind, key, level, parent, year, value in rows:
        by_series[ind, key].append((year, value))
        if level == "district":
            by_cross[ind, year].append((key, parent, value))
        else:
            reference[ind, key, year] = value
    return {
        **_series_measures(by_series),
        **_cross_measures(by_cross, reference, directions),
    }


def _series_measures(by_series: dict[tuple, list]) -> dict[str, dict]:
    index, change, cagr = {}, {}, {}
    for key, points in by_series.items():
        points.sort()
        valued = [(y, v) for y, v in points if v is not None]
        base = valued[0][1] if valued else None
        previous = None
        for year, value in points:
            ok = value is not None and base
            index[(*key, year)] = 100.0 * value / base if ok else None
            prev_ok = value is not None and previous is not None
            change[(*key, year)] = value - previous if prev_ok else None
            previous = value
        if len(valued) >= 2 and valued[0][1] != 0:
            (y0, v0), (y1, v1) = valued[0], valued[-1]
            ratio = v1 / v0
            cagr[key] = ratio ** (1 / (y1 - y0)) - 1 if ratio >= 0 and y1 > y0 else None
        else:
            cagr[key] = None
    return {"index": index, "change": change, "cagr": cagr}


def _ranks(items: list[tuple[str, float]], direction: int) -> dict[str, tuple[int, float | None]]:
    """Competition rank and percentile per key; items = (key, value) with values."""
    sign = 1 if direction < 0 else -1
    ordered = sorted(items, key=lambda kv: sign * kv[1])
    n = len(ordered)
    result = {}
    i = 0
    while i < n:
        j = i
        while j + 1 < n and ordered[j + 1][1] == ordered[i][1]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        percentile = 100.0 * (n - mean_rank) / (n - 1) if n > 1 else None
        for k in range(i, j + 1):
            result[ordered[k][0]] = (i + 1, percentile)
        i = j + 1
    return result


def _quantile(sorted_values: list[float], q: float) -> float:
    position = q * (len(sorted_values) - 1)
    low = math.floor(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def _cross_measures(by_cross: dict, reference: dict, directions: dict) -> dict[str, dict]:
    rank, rank_land, comparison, distribution = {}, {}, {}, {}
    for (ind, year), items in by_cross.items():
        direction = directions.get(ind, 0)
        valued = [(key, value) for key, _, value in items if value is not None]
        for key, (r, p) in _ranks(valued, direction).items():
            rank[ind, key, year] = (r, p)
        lands: dict[str, list] = defaultdict(list)
        for key, parent, value in items:
            if value is not None:
                lands[parent].append((key, value))
        for members in lands.values():
            for key, rp in _ranks(members, direction).items():
                rank_land[ind, key, year] = rp
        germany = reference.get((ind, "DG", year))
        for key, parent, value in items:
            land = reference.get((ind, parent, year))
            diff_land = value - land if value is not None and land is not None else None
            diff_de = value - germany if value is not None and germany is not None else None
            comparison[ind, key, year] = (diff_land, diff_de)
        values = sorted(value for _, value in valued)
        distribution[ind, year] = (
            values[0],
            _quantile(values, 0.25),
            statistics.median(values),
            _quantile(values, 0.75),
            values[-1],
        )
    return {
        "rank": rank,
        "rank_land": rank_land,
        "comparison": comparison,
        "distribution": distribution,
    }


# --- cross-check ----------------------------------------------------------------------------------


def max_difference(expected: dict, actual: dict) -> float:
    """Largest absolute difference over the keys of ``expected``; nulls must agree."""
    worst = 0.0
    for key, value in expected.items():
        other = actual.get(key)
        if value is None or other is None:
            if value is not other and not (value is None and other is None):
                return math.inf
            continue
        worst = max(worst, abs(value - other))
    return worst


def cross_check(result: dict[str, pl.DataFrame], naive: dict[str, dict]) -> dict[str, float]:
    def as_dict(frame: pl.DataFrame, keys: list[str], value: str) -> dict:
        return {tuple(r[:-1]): r[-1] for r in frame.select(*keys, value).iter_rows()}

    series_year = ["indicator", "region_key", "period"]
    ranks = result["rank"].filter(pl.col("rank").is_not_null())
    return {
        "index": max_difference(naive["index"], as_dict(result["index"], series_year, "index")),
        "change": max_difference(
            naive["change"], as_dict(result["changes"], series_year, "change")
        ),
        "cagr": max_difference(
            naive["cagr"], as_dict(result["growth"], ["indicator", "region_key"], "cagr")
        ),
        "rank": max_difference(
            {k: v[0] for k, v in naive["rank"].items()}, as_dict(ranks, series_year, "rank")
        ),
        "percentile_land": max_difference(
            {k: v[1] for k, v in naive["rank_land"].items()},
            as_dict(ranks, series_year, "percentile_land"),
        ),
        "diff_land": max_difference(
            {k: v[0] for k, v in naive["comparison"].items()},
            as_dict(result["comparison"], series_year, "diff_land"),
        ),
        "q1": max_difference(
            {k: v[1] for k, v in naive["distribution"].items()},
            as_dict(result["distribution"], ["indicator", "period"], "q1"),
        ),
    }


# --- main -----------------------------------------------------------------------------------------


def timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=300)
    parser.add_argument("--years", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-indicators", type=int, default=None)
    args = parser.parse_args()

    generation, (table, directions) = timed(generate, args.indicators, args.years)
    districts = table.filter(pl.col("region_level") == "district")["region_key"].n_unique()
    print(
        f"table: {table.height:,} rows = {args.indicators} indicators × {districts} districts "
        f"(+ Länder, Germany) × {args.years} years; nulls {table['value'].null_count():,}; "
        f"generated in {generation:.1f} s"
    )
    print(f"polars {pl.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")

    parts = {}
    prepared = analysis.prepare(table)
    for name, function, extra in [
        ("prepare", analysis.prepare, ()),
        ("index", analysis.index, ()),
        ("changes", analysis.changes, ()),
        ("growth/CAGR", analysis.growth, ()),
        ("rank/percentile", analysis.rank, (directions,)),
        ("comparison", analysis.comparison, (directions,)),
        ("distribution", analysis.distribution, (HOME, directions)),
    ]:
        source = table if name == "prepare" else prepared
        parts[name] = min(timed(function, source, *extra)[0] for _ in range(args.repeat))
    totals = [timed(vectorised, table, directions) for _ in range(args.repeat)]
    best_total, result = min(totals, key=lambda t: t[0])
    print("\nvectorised (polars), best of", args.repeat)
    for name, seconds in parts.items():
        print(f"  {name:<16} {seconds:8.3f} s")
    print(f"  {'full recompute':<16} {best_total:8.3f} s")

    subset = table
    share = 1.0
    if args.baseline_indicators and args.baseline_indicators < args.indicators:
        codes = sorted(directions)[: args.baseline_indicators]
        subset = table.filter(pl.col("indicator").is_in(codes))
        share = args.baseline_indicators / args.indicators
    naive_seconds, naive = timed(baseline, subset, directions)
    scaled = naive_seconds / share
    label = "" if share == 1.0 else f" (measured {naive_seconds:.1f} s on {share:.0%}, scaled)"
    print(f"\nnaive per-group Python baseline: {scaled:8.1f} s{label}")
    print(f"speed-up of the vectorised full recomputation: {scaled / best_total:,.0f}×")

    subset_result = result
    if share != 1.0:
        subset_result = vectorised(subset, directions)
    differences = cross_check(subset_result, naive)
    print("\ncross-check vectorised vs. baseline (max. absolute difference):")
    for name, difference in differences.items():
        print(f"  {name:<16} {difference:.3g}")
    if any(d > 1e-6 for d in differences.values()):
        raise SystemExit("results differ")


if __name__ == "__main__":
    main()
