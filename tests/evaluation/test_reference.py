"""The vectorised methods agree with the per-series reference implementation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kek.evaluation import methods as m
from kek.evaluation.reference import evaluate_reference

SERIES_PER_EXAMPLE = 1500
BULK_EXAMPLES = 8  # 12,000 random series, each evaluated with all three methods


def random_batch(rng: np.random.Generator, n: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Random series that hit the edge cases often: zeros, negatives, sign changes, flat runs,
    integer values, gaps, missing values, base year after the data, target equal to a value."""
    obs: dict[str, list[Any]] = {"series_id": [], "year": [], "value": []}
    params: list[dict[str, Any]] = []
    for i in range(n):
        series_id = f"s{i}"
        first = int(rng.integers(2008, 2022))
        k = int(rng.integers(0, 10))
        years = np.sort(rng.choice(np.arange(first, first + 14), size=k, replace=False))
        values = _random_values(rng, k)
        obs["series_id"] += [series_id] * k
        obs["year"] += years.tolist()
        obs["value"] += values.tolist()
        params.append(_random_params(rng, series_id, first, values))
    return pl.DataFrame(obs), pl.DataFrame(params)


def _random_values(rng: np.random.Generator, k: int) -> np.ndarray:
    level = float(rng.choice([1.0, 10.0, 100.0, 1e4])) * rng.uniform(0.5, 2.0)
    values = level * np.cumprod(1 + rng.normal(0, 0.06, size=k))
    kind = int(rng.integers(0, 9))
    if kind == 0:
        values = np.round(values)
    elif kind == 1:
        values = -values
    elif kind == 2:
        values = values - level
    elif kind == 3 and k:
        values[int(rng.integers(0, k))] = 0.0
    elif kind == 4 and k:
        values[:] = values[0]
    elif kind == 5 and k:
        values[int(rng.integers(0, k))] = np.nan
    return values


def _random_params(
    rng: np.random.Generator, series_id: str, first: int, values: np.ndarray
) -> dict[str, Any]:
    draw = rng.random()
    finite = values[np.isfinite(values)]
    if draw < 0.3 or not len(finite):
        target = None
    elif draw < 0.35:
        target = 0.0
    elif draw < 0.45:
        target = float(rng.choice(finite))
    elif draw < 0.65:
        target = float(finite[-1] * rng.uniform(0.8, 1.25))
    else:
        target = float(finite[-1] * rng.uniform(-0.5, 2.5))
    return {
        "series_id": series_id,
        "direction": int(rng.choice([-1, 1])),
        "base_year": int(rng.choice([2015, first + int(rng.integers(-2, 12))])),
        "target": target,
        "target_year": int(rng.choice([2030, int(rng.integers(2010, 2040))])),
        "threshold_profile": str(rng.choice(list(m.NO_TARGET_PROFILES))),
        "estimator": str(rng.choice(m.ESTIMATORS)),
    }


def assert_agree(method: str, fast: pl.DataFrame, slow: pl.DataFrame) -> None:
    assert fast.schema == slow.schema
    same_status = (fast["status"] == slow["status"]).to_numpy()
    for row in np.flatnonzero(~same_status):
        assert _near_boundary(method, slow.row(int(row), named=True)), slow.row(int(row))
    for name, dtype in fast.schema.items():
        if name in ("status", "score"):
            _assert_close(fast[name].filter(same_status), slow[name].filter(same_status))
        elif dtype == pl.Float64:
            _assert_close(fast[name], slow[name])
        else:
            assert fast[name].to_list() == slow[name].to_list(), name


def _assert_close(a: pl.Series, b: pl.Series) -> None:
    if a.dtype != pl.Float64:
        assert a.to_list() == b.to_list(), a.name
        return
    assert (a.is_null() == b.is_null()).all(), a.name
    x, y = a.drop_nulls().to_numpy(), b.drop_nulls().to_numpy()
    assert np.allclose(x, y, rtol=1e-7, atol=1e-9, equal_nan=True), a.name


def _near_boundary(method: str, row: dict[str, Any]) -> bool:
    """Floating-point ties: the reference's deciding number sits on a status boundary."""
    if method == m.DNS:
        miss, change = row["miss_pct"], row["annual_change"]
        scale = max(abs(row["current_value"]), abs(row["window_start_value"]), 1.0)
        return _near(miss, (m.DNS_SUN_MISS, m.DNS_SUN_CLOUD_MISS)) or abs(change) <= 1e-9 * scale
    value = row["progress_value"]
    if method == m.TREND:
        return _near(value, (-0.05, -0.01, 0.01, 0.05))
    return _near(value, (row["threshold_high"], row["threshold_med"], row["threshold_low"]))


def _near(value: float | None, boundaries: tuple[float, ...]) -> bool:
    return value is not None and any(math.isclose(value, b, abs_tol=1e-9) for b in boundaries)


@settings(max_examples=BULK_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_it_agrees_with_the_reference_on_thousands_of_random_series(seed: int) -> None:
    observations, params = random_batch(np.random.default_rng(seed), SERIES_PER_EXAMPLE)
    for method in m.METHODS:
        fast = m.evaluate(method, observations, params)
        assert fast.height == SERIES_PER_EXAMPLE
        assert_agree(method, fast, evaluate_reference(method, observations, params))


values = st.one_of(
    st.sampled_from([0.0, 1.0, -1.0, 100.0, 0.001]),
    st.floats(1e-3, 1e6).map(lambda v: round(v, 3)),
    st.floats(-1e6, -1e-3).map(lambda v: round(v, 3)),
)
series_points = st.lists(
    st.tuples(st.integers(2005, 2030), values), max_size=9, unique_by=lambda point: point[0]
)
series_params = st.fixed_dictionaries(
    {
        "direction": st.sampled_from([-1, 1]),
        "base_year": st.integers(2005, 2032),
        "target": st.one_of(st.none(), values),
        "target_year": st.integers(2005, 2040),
        "threshold_profile": st.sampled_from(list(m.NO_TARGET_PROFILES)),
        "estimator": st.sampled_from(m.ESTIMATORS),
    }
)


@settings(max_examples=150, deadline=None)
@given(batch=st.lists(st.tuples(series_points, series_params), min_size=1, max_size=25))
def test_it_agrees_with_the_reference_on_generated_edge_cases(
    batch: list[tuple[list[tuple[int, float]], dict[str, Any]]],
) -> None:
    obs: dict[str, list[Any]] = {"series_id": [], "year": [], "value": []}
    params = []
    for i, (points, spec) in enumerate(batch):
        obs["series_id"] += [f"s{i}"] * len(points)
        obs["year"] += [year for year, _ in points]
        obs["value"] += [value for _, value in points]
        params.append({"series_id": f"s{i}"} | spec)
    schema = {"series_id": pl.String, "year": pl.Int64, "value": pl.Float64}
    observations, params_frame = pl.DataFrame(obs, schema=schema), pl.DataFrame(params)
    for method in m.METHODS:
        fast = m.evaluate(method, observations, params_frame)
        assert_agree(method, fast, evaluate_reference(method, observations, params_frame))
