"""Plain per-series reference implementation of the SPEC §4 methods.

Written for obviousness, not speed: one series at a time, step by step in the order of
sdg-build's ``SeriesProgress`` (M1) and of the method texts (M2, M3). Tests and benchmarks use
it to cross-check the vectorised :mod:`kek.evaluation.methods`, whose docstrings define the
rules; :func:`evaluate_reference` returns the same columns.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import polars as pl

from kek.evaluation import methods as m

Point = tuple[int, float]
Row = dict[str, Any]


def cagr(v0: float, v1: float, t0: float, t1: float) -> float:
    return power(v1 / v0, 1 / (t1 - t0)) - 1


def power(base: float, exponent: float) -> float:
    """``base ** exponent`` with IEEE overflow to inf, as numpy does."""
    try:
        result: float = base**exponent  # real: the bases are ratios of same-signed values
        return result
    except OverflowError:
        return math.inf


def open_sdg(
    points: Sequence[Point],
    direction: int,
    base_year: int = m.DEFAULT_BASE_YEAR,
    target: float | None = None,
    target_year: int = m.DEFAULT_TARGET_YEAR,
    profile: str = m.DEFAULT_PROFILE,
) -> Row:
    """M1 for one series; ``points`` are (year, value) pairs."""
    points = sorted(points)
    has_target = target is not None
    notes = []
    if has_target and target == 0:
        target = m.ZERO_REPLACEMENT
        notes.append(m.TARGET_ZERO_REPLACED)
    high, med, low = m.TARGET_THRESHOLDS if has_target else m.NO_TARGET_PROFILES[profile]
    row: Row = {
        "method": m.OPEN_SDG,
        "direction": direction,
        "threshold_profile": None if has_target else profile,
        "threshold_high": high,
        "threshold_med": med,
        "threshold_low": low,
        "base_year_requested": base_year,
        "target": target,
        "target_year": target_year if has_target else None,
    }
    if not points:
        note = "; ".join(notes) or None
        return row | {"status": m.NOT_AVAILABLE, "reason": m.NO_DATA, "note": note}

    current_year, current_value = points[-1]
    row |= {"current_year": current_year, "current_value": current_value}
    achieved = target is not None and (
        (direction == -1 and current_value <= target)
        or (direction == 1 and current_value >= target)
    )
    later = [(year, value) for year, value in points if year >= base_year]
    value, reason = None, None
    if not later:
        reason = m.BASE_YEAR_AFTER_LATEST
    else:
        base_year, base_value = later[0]
        sign = -1 if base_value < 0 else 1
        if base_value == 0:
            base_value = m.ZERO_REPLACEMENT
            notes.insert(0, m.BASE_ZERO_REPLACED)
        row |= {"base_year": base_year, "base_value": base_value, "sign": sign}
        reason = _open_sdg_problem(base_value, current_value, base_year, current_year)
        if reason is None and target is not None:
            reason = _target_problem(base_value, target, base_year, target_year)
        if reason is None:
            observed = cagr(base_value, current_value, base_year, current_year)
            required = (
                cagr(base_value, target, base_year, target_year) if target is not None else None
            )
            if required is None:
                value = sign * direction * observed
            elif required == 0:
                value = math.inf if achieved else -math.inf
            else:
                value = sign * direction * observed / abs(required)
            if math.isnan(value):
                value, reason = None, m.NOT_COMPUTABLE
            else:
                row |= {"cagr_observed": observed, "cagr_required": required}
    row |= {"note": "; ".join(notes) or None, "reason": reason, "progress_value": value}

    if achieved:
        return row | {"status": m.TARGET_ACHIEVED, "score": 5.0}
    if value is None:
        return row | {"status": m.NOT_AVAILABLE}
    if value >= high:
        status = m.ON_TRACK
    elif value >= med:
        status = m.NEEDS_ACCELERATION
    elif value >= low:
        status = m.LIMITED_PROGRESS
    else:
        status = m.DETERIORATION
    score = _target_score(value) if has_target else _no_target_score(value, high, med, low)
    return row | {"status": status, "score": score}


def _open_sdg_problem(base: float, current: float, base_year: int, current_year: int) -> str | None:
    if (base > 0 and current < 0) or (base < 0 and current > 0):
        return m.OPPOSITE_SIGNS
    if current_year - base_year < 1:
        return m.LESS_THAN_ONE_YEAR
    return None


def _target_problem(base: float, target: float, base_year: int, target_year: int) -> str | None:
    if target_year <= base_year:
        return m.TARGET_YEAR_NOT_AFTER_BASE
    if (base > 0 and target < 0) or (base < 0 and target > 0):
        return m.TARGET_OPPOSITE_SIGN
    return None


def _no_target_score(value: float, high: float, med: float, low: float) -> float:
    step = med - low
    if value < low:
        return max(-2.5 + 2.5 * (value - low) / (4 * step), -5.0)
    if value < med:
        return -2.5 + 2.5 * (value - low) / step
    if value < high:
        return 2.5 * (value - med) / (high - med)
    return min(2.5 + 2.5 * (value - high) / step, 5.0)


def _target_score(value: float) -> float:
    if value >= 0.6:
        return min(7.1429 * value - 4.2857, 5.0)
    return max(4.1667 * value - 2.5, -5.0)


def dns(
    points: Sequence[Point],
    direction: int,
    target: float | None,
    target_year: int = m.DEFAULT_TARGET_YEAR,
    estimator: str = m.DEFAULT_ESTIMATOR,
) -> Row:
    """M2 for one series."""
    window = sorted(points)[-m.DNS_WINDOW :]
    row: Row = {
        "method": m.DNS,
        "direction": direction,
        "estimator": estimator,
        "target": target,
        "target_year": target_year if target is not None else None,
        "n_points": len(window),
    }
    if window:
        (t_f, y_f), (t_c, y_c) = window[0], window[-1]
        row |= {
            "window_start_year": t_f,
            "window_start_value": y_f,
            "current_year": t_c,
            "current_value": y_c,
        }
    reason = None
    if target is None:
        reason = m.NO_TARGET
    elif not window:
        reason = m.NO_DATA
    elif len(window) < m.DNS_MIN_POINTS:
        reason = m.FEWER_THAN_3_POINTS
    elif estimator == "compound" and (y_f == 0 or (y_f > 0 > y_c) or (y_f < 0 < y_c)):
        reason = m.COMPOUND_UNDEFINED
    if reason is not None or target is None:  # no target is a reason above
        return row | {"status": m.NOT_RATED, "reason": reason}

    horizon = max(target_year - t_c, 0)
    if estimator == "compound":
        trend = power(y_c / y_f, 1 / (t_c - t_f)) - 1
        annual_change = y_c * trend
        projected = y_c * power(1 + trend, horizon)
    else:
        trend = _slope(window) if estimator == "slope" else (y_c - y_f) / (t_c - t_f)
        annual_change = trend
        projected = y_c + trend * horizon
    gap = target - y_c
    reached = (direction == 1 and y_c >= target) or (direction == -1 and y_c <= target)
    miss = 0.0 if reached else 100 * (target - projected) / gap
    if math.isnan(miss) or math.isnan(annual_change):
        return row | {"status": m.NOT_RATED, "reason": m.NOT_COMPUTABLE}
    if reached:
        status = m.SUN
    elif direction * annual_change < 0:
        status = m.THUNDERSTORM
    elif miss < 5:
        status = m.SUN
    elif miss <= 20:
        status = m.SUN_CLOUD
    else:
        status = m.CLOUD
    return row | {
        "status": status,
        "score": m.DNS_SCORES[status],
        "trend": trend,
        "annual_change": annual_change,
        "horizon": horizon,
        "projected_value": projected,
        "gap": gap,
        "miss_pct": miss,
    }


def _slope(window: Sequence[Point]) -> float:
    """Least-squares slope, origin moved to the latest point (same slope, exact 0 when flat)."""
    t_c, y_c = window[-1]
    n = len(window)
    s_t = s_u = s_tt = s_tu = 0.0
    for year, value in window:
        t, u = year - t_c, value - y_c
        s_t += t
        s_u += u
        s_tt += t * t
        s_tu += t * u
    return (n * s_tu - s_t * s_u) / (n * s_tt - s_t * s_t)


def trend(points: Sequence[Point], direction: int) -> Row:
    """M3 for one series."""
    points = sorted(points)
    row: Row = {"method": m.TREND, "direction": direction, "n_points": len(points)}
    if not points:
        return row | {"status": m.NOT_AVAILABLE, "reason": m.NO_DATA}
    (base_year, base_value), (current_year, current_value) = points[0], points[-1]
    sign = -1 if base_value < 0 else 1
    if base_value == 0:
        base_value = m.ZERO_REPLACEMENT
        row["note"] = m.BASE_ZERO_REPLACED
    row |= {
        "base_year": base_year,
        "base_value": base_value,
        "current_year": current_year,
        "current_value": current_value,
        "sign": sign,
    }
    if len(points) < 2:
        return row | {"status": m.NOT_AVAILABLE, "reason": m.FEWER_THAN_2_POINTS}
    if (base_value > 0 and current_value < 0) or (base_value < 0 and current_value > 0):
        return row | {"status": m.NOT_AVAILABLE, "reason": m.OPPOSITE_SIGNS}
    growth = cagr(base_value, current_value, base_year, current_year)
    if math.isnan(growth):
        return row | {"status": m.NOT_AVAILABLE, "reason": m.NOT_COMPUTABLE}
    value = sign * direction * growth
    if value > 0.05:
        status = m.CLEAR_IMPROVEMENT
    elif value >= 0.01:
        status = m.SLIGHT_IMPROVEMENT
    elif value > -0.01:
        status = m.STABLE
    elif value > -0.05:
        status = m.SLIGHT_WORSENING
    else:
        status = m.CLEAR_WORSENING
    return row | {
        "status": status,
        "score": m.TREND_SCORES[status],
        "cagr": growth,
        "progress_value": value,
    }


def evaluate_reference(
    method: str, observations: pl.DataFrame, params: pl.DataFrame, **options: str
) -> pl.DataFrame:
    """Same contract as :func:`kek.evaluation.methods.evaluate`, one series at a time."""
    points: dict[Any, list[Point]] = defaultdict(list)
    for series_id, year, value in observations.select("series_id", "year", "value").iter_rows():
        if value is not None and not math.isnan(value):
            points[series_id].append((int(year), float(value)))
    rows = []
    for spec in params.iter_rows(named=True):
        series = points.get(spec["series_id"], [])
        row = _evaluate_one(method, series, spec, options)
        rows.append({"series_id": spec["series_id"]} | row)
    schema = dict(m.SCHEMAS[method]) | {"series_id": params.schema["series_id"]}
    full_rows = [{name: row.get(name) for name in schema} for row in rows]
    frame = pl.DataFrame(full_rows, schema=schema, orient="row")
    return frame.with_columns(pl.col(pl.Float64).fill_nan(None))


def _evaluate_one(method: str, series: list[Point], spec: Row, options: dict[str, str]) -> Row:
    target = spec.get("target")
    if target is not None and math.isnan(target):
        target = None
    base_year = spec.get("base_year") or m.DEFAULT_BASE_YEAR
    target_year = spec.get("target_year") or m.DEFAULT_TARGET_YEAR
    direction = int(spec["direction"])
    if method == m.OPEN_SDG:
        profile = spec.get("threshold_profile") or options.get("profile", m.DEFAULT_PROFILE)
        return open_sdg(series, direction, base_year, target, target_year, profile)
    if method == m.DNS:
        estimator = spec.get("estimator") or options.get("estimator", m.DEFAULT_ESTIMATOR)
        return dns(series, direction, target, target_year, estimator)
    return trend(series, direction)


def rollup_reference(
    scores: Sequence[float | None], weights: Sequence[float] | None, parent_ids: Sequence[Any]
) -> dict[Any, Row]:
    """Per parent: weighted mean score of the scored children and completeness."""
    weights = weights if weights is not None else [1.0] * len(scores)
    children: dict[Any, list[tuple[float | None, float]]] = defaultdict(list)
    for score, weight, parent in zip(scores, weights, parent_ids, strict=True):
        children[parent].append((score, weight))
    result = {}
    for parent, items in children.items():
        scored = [(s, w) for s, w in items if s is not None and not math.isnan(s)]
        total = sum(w for _, w in scored)
        score = sum(s * w for s, w in scored) / total if total > 0 else None
        result[parent] = {"score": score, "completeness": len(scored) / len(items)}
    return result
