"""Evaluation methods of SPEC §4 (F14), vectorised across many series at once.

Every method takes

* ``observations`` – a long table with the columns ``series_id``, ``year`` (whole numbers) and
  ``value``. Rows whose value is missing or NaN are ignored (as sdg-build does); two values for
  the same series and year are an error.
* ``params`` – one row per series with ``series_id`` and ``direction`` (``+1`` increase desired,
  ``-1`` decrease desired) and, where the method uses them, ``base_year`` (default 2015),
  ``target`` (null or NaN = no target; default none), ``target_year`` (default 2030) and the
  per-series overrides ``threshold_profile`` (M1) and ``estimator`` (M2).

and returns a :class:`polars.DataFrame` with one row per ``params`` row, in ``params`` order,
whose columns are listed in :data:`SCHEMAS`: ``series_id, status, score, method, reason``
followed by the parameters and every intermediate number, so a reader can retrace the result.
``reason`` says why no value could be computed; ``score`` is the roll-up score in [−5, 5]
(null when the series is not rated).

No Python loop runs per series: series are laid out as flat numpy arrays sorted by series and
year, and per-series quantities are gathered with index arithmetic and ``np.bincount``.
:mod:`kek.evaluation.reference` holds a plain per-series implementation for cross-checking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

Frame = pl.DataFrame | Mapping[str, Sequence[Any]]

OPEN_SDG = "open-sdg"
DNS = "dns"
TREND = "trend"
METHODS = (OPEN_SDG, DNS, TREND)

DEFAULT_BASE_YEAR = 2015
DEFAULT_TARGET_YEAR = 2030
ZERO_REPLACEMENT = 0.001

# M1 thresholds as (high, med, low).
NO_TARGET_PROFILES: dict[str, tuple[float, float, float]] = {
    "default": (0.015, 0.005, 0.0),
    "eurostat": (0.01, 0.0, -0.01),
}
DEFAULT_PROFILE = "default"
TARGET_THRESHOLDS = (0.95, 0.6, 0.0)

ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
LIMITED_PROGRESS = "limited_progress"
DETERIORATION = "deterioration"
TARGET_ACHIEVED = "target_achieved"
NOT_AVAILABLE = "not_available"

SUN = "sun"
SUN_CLOUD = "sun_cloud"
CLOUD = "cloud"
THUNDERSTORM = "thunderstorm"
NOT_RATED = "not_rated"
DNS_SCORES = {SUN: 5.0, SUN_CLOUD: 2.5, CLOUD: 0.0, THUNDERSTORM: -5.0}
ESTIMATORS = ("slope", "endpoints", "compound")
DEFAULT_ESTIMATOR = "slope"
DNS_WINDOW = 6  # last six data points = five years of change
DNS_MIN_POINTS = 3
DNS_SUN_MISS = 5.0  # per cent of the remaining gap
DNS_SUN_CLOUD_MISS = 20.0

CLEAR_IMPROVEMENT = "clear_improvement"
SLIGHT_IMPROVEMENT = "slight_improvement"
STABLE = "stable"
SLIGHT_WORSENING = "slight_worsening"
CLEAR_WORSENING = "clear_worsening"
TREND_CLEAR = 0.05
TREND_SLIGHT = 0.01
TREND_SCORES = {
    CLEAR_IMPROVEMENT: 5.0,
    SLIGHT_IMPROVEMENT: 2.5,
    STABLE: 0.0,
    SLIGHT_WORSENING: -2.5,
    CLEAR_WORSENING: -5.0,
}

# Reasons for not_available / not_rated.
NO_DATA = "no_data"
BASE_YEAR_AFTER_LATEST = "base_year_after_latest"
OPPOSITE_SIGNS = "base_and_current_opposite_signs"
LESS_THAN_ONE_YEAR = "less_than_one_year"
TARGET_YEAR_NOT_AFTER_BASE = "target_year_not_after_base_year"
TARGET_OPPOSITE_SIGN = "base_and_target_opposite_signs"
NO_TARGET = "no_target"
FEWER_THAN_2_POINTS = "fewer_than_2_points"
FEWER_THAN_3_POINTS = "fewer_than_3_points"
COMPOUND_UNDEFINED = "compound_rate_undefined"
NOT_COMPUTABLE = "not_computable"  # overflow or 0·inf in the arithmetic

# Notes on substituted inputs.
BASE_ZERO_REPLACED = "base_value_zero_replaced"
TARGET_ZERO_REPLACED = "target_zero_replaced"

_HEAD: dict[str, Any] = {
    "series_id": None,  # dtype of params["series_id"]
    "status": pl.String,
    "score": pl.Float64,
    "method": pl.String,
    "reason": pl.String,
}
SCHEMAS: dict[str, dict[str, Any]] = {
    OPEN_SDG: _HEAD
    | {
        "note": pl.String,
        "direction": pl.Int64,
        "threshold_profile": pl.String,
        "threshold_high": pl.Float64,
        "threshold_med": pl.Float64,
        "threshold_low": pl.Float64,
        "base_year_requested": pl.Int64,
        "base_year": pl.Int64,
        "base_value": pl.Float64,
        "current_year": pl.Int64,
        "current_value": pl.Float64,
        "target": pl.Float64,
        "target_year": pl.Int64,
        "sign": pl.Int64,
        "cagr_observed": pl.Float64,
        "cagr_required": pl.Float64,
        "progress_value": pl.Float64,
    },
    DNS: _HEAD
    | {
        "direction": pl.Int64,
        "estimator": pl.String,
        "target": pl.Float64,
        "target_year": pl.Int64,
        "n_points": pl.Int64,
        "window_start_year": pl.Int64,
        "window_start_value": pl.Float64,
        "current_year": pl.Int64,
        "current_value": pl.Float64,
        "trend": pl.Float64,
        "annual_change": pl.Float64,
        "horizon": pl.Int64,
        "projected_value": pl.Float64,
        "gap": pl.Float64,
        "miss_pct": pl.Float64,
    },
    TREND: _HEAD
    | {
        "note": pl.String,
        "direction": pl.Int64,
        "n_points": pl.Int64,
        "base_year": pl.Int64,
        "base_value": pl.Float64,
        "current_year": pl.Int64,
        "current_value": pl.Float64,
        "sign": pl.Int64,
        "cagr": pl.Float64,
        "progress_value": pl.Float64,
    },
}


# --- public API --------------------------------------------------------------------------------


def evaluate(method: str, observations: Frame, params: Frame, **options: str) -> pl.DataFrame:
    """Run ``method`` (one of :data:`METHODS`); ``options`` go to the method's function."""
    functions = {OPEN_SDG: evaluate_open_sdg, DNS: evaluate_dns, TREND: evaluate_trend}
    if method not in functions:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    return functions[method](observations, params, **options)


def evaluate_open_sdg(
    observations: Frame, params: Frame, *, profile: str = DEFAULT_PROFILE
) -> pl.DataFrame:
    """M1 – Open SDG progress measure, mirroring sdg-build's ``SeriesProgress``.

    * current year = latest year with data; base year = ``base_year`` if it has data, else the
      first later year with data.
    * A target or base value of 0 is replaced by 0.001 (``note`` says so).
    * ``sign`` = −1 if the base value is negative, else +1.
    * Without target: ``progress_value = sign · direction · CAGR(base → current)`` against the
      thresholds of ``profile`` (``threshold_profile`` column overrides per series):
      ``default`` 0.015 / 0.005 / 0, ``eurostat`` 0.01 / 0 / −0.01 (``threshold_profile`` is
      null in the result for series with a target, which do not use it).
    * With target: ``progress_value = sign · direction · CAGR(base → current) /
      |CAGR(base → target, base year → target year)|`` against 0.95 / 0.6 / 0. When the
      required growth is 0 (base equals target) the value is +inf if the target is met and −inf
      otherwise (→ ``deterioration``).
    * ``progress_value ≥ high`` → on_track, ``≥ med`` → needs_acceleration, ``≥ low`` →
      limited_progress, else deterioration.
    * ``target_achieved`` (``direction · (current − target) ≥ 0``) wins over every other status,
      as in sdg-build where it is decided before the validity checks; its score is 5.
    * not_available (``reason``): no data; base year after the latest year; base and current
      of opposite sign; less than one year between base and current year; and, where sdg-build
      would crash or return complex numbers, target year not after base year, base and target
      of opposite sign, or an overflowing result (``not_computable``).
    * Score: :func:`score_open_sdg_without_target` / :func:`score_open_sdg_with_target`.
    """
    p = _params(params)
    profiles = _choice(p, "threshold_profile", profile, tuple(NO_TARGET_PROFILES))
    obs = _observed(observations, p)
    return _to_frame(p, SCHEMAS[OPEN_SDG], _open_sdg(obs, p, profiles))


def evaluate_dns(
    observations: Frame, params: Frame, *, estimator: str = DEFAULT_ESTIMATOR
) -> pl.DataFrame:
    """M2 – weather symbols of the German Sustainability Strategy (Destatis).

    Uses the last six data points (``n_points`` ≤ 6) of each series; with ``t`` the years,
    ``y`` the values, ``t_c, y_c`` the latest point and ``t_f, y_f`` the window's first point,
    the trend estimator (``estimator``; an ``estimator`` column overrides per series) is

    * ``slope`` (default): least-squares slope ``b = (n·Σt'u − Σt'·Σu) / (n·Σt'² − (Σt')²)`` with
      ``t' = t − t_c`` and ``u = y − y_c`` (the OLS slope, shifted so that a flat series gives
      exactly 0); ``annual_change = b``, ``projected = y_c + b·h``;
    * ``endpoints``: ``r = (y_c − y_f) / (t_c − t_f)``; ``annual_change = r``,
      ``projected = y_c + r·h``;
    * ``compound``: ``g = (y_c / y_f)^(1 / (t_c − t_f)) − 1`` (undefined if ``y_f = 0`` or the
      end points differ in sign); ``annual_change = y_c·g``, ``projected = y_c·(1 + g)^h``;

    where ``trend`` holds ``b``, ``r`` or ``g`` and ``horizon h = max(target_year − t_c, 0)`` (a
    past target year projects the current value). ``gap = target − y_c``;
    ``miss_pct = 100 · (target − projected) / gap`` (negative = overshoot; 0 if already met).

    Status: target met now (``direction · (y_c − target) ≥ 0``) → sun; moving away
    (``direction · annual_change < 0``) → thunderstorm; ``miss_pct < 5`` → sun;
    ``5 ≤ miss_pct ≤ 20`` → sun_cloud; otherwise cloud (this includes a flat series, which
    neither approaches nor leaves the target). not_rated: no target, no data, fewer than 3
    points, compound rate undefined, overflow (``not_computable``). Scores: sun 5,
    sun_cloud 2.5, cloud 0, thunderstorm −5.
    """
    p = _params(params)
    estimators = _choice(p, "estimator", estimator, ESTIMATORS)
    obs = _observed(observations, p)
    return _to_frame(p, SCHEMAS[DNS], _dns(obs, p, estimators))


def evaluate_trend(observations: Frame, params: Frame) -> pl.DataFrame:
    """M3 – trend without target (ISTAT style) over the whole available period.

    ``progress_value = sign · direction · CAGR(first → latest point)`` with the sign rule and
    the 0 → 0.001 replacement of M1 (the base is the first point). Bands, see
    :func:`classify_trend`; not_available with fewer than two points or end points of opposite
    sign. Score: clear_improvement 5, slight_improvement 2.5, stable 0, slight_worsening −2.5,
    clear_worsening −5 (the M2 scale, so statuses land in the roll-up bands in order).
    """
    p = _params(params)
    obs = _observed(observations, p)
    return _to_frame(p, SCHEMAS[TREND], _trend(obs, p))


def classify_trend(value: Any) -> np.ndarray:
    """M3 bands, taking SPEC's words literally at the edges.

    ``v > 5 %`` clear_improvement; ``1 % ≤ v ≤ 5 %`` slight_improvement;
    ``−1 % < v < 1 %`` stable; ``−5 % < v ≤ −1 %`` slight_worsening; ``v ≤ −5 %``
    clear_worsening; NaN → not_available. (SPEC gives "> 5 %" and "≤ −5 %" explicitly; ±1 %
    belongs to the slight bands so that "stable" is the open interval around 0.)
    """
    return _trend_bands(np.asarray(value, dtype=float)).strings()


def _trend_bands(v: np.ndarray) -> _Texts:
    return _pick(
        (np.isnan(v), NOT_AVAILABLE),
        (v > TREND_CLEAR, CLEAR_IMPROVEMENT),
        (v >= TREND_SLIGHT, SLIGHT_IMPROVEMENT),
        (v > -TREND_SLIGHT, STABLE),
        (v > -TREND_CLEAR, SLIGHT_WORSENING),
        default=CLEAR_WORSENING,
    )


def score_open_sdg_without_target(
    value: Any, high: Any = 0.015, med: Any = 0.005, low: Any = 0.0
) -> np.ndarray:
    """M1 score without target: piecewise linear through the knots
    ``(low − 4·(med − low), −5), (low, −2.5), (med, 0), (high, 2.5), (high + (med − low), 5)``,
    clipped to [−5, 5].

    For the default profile these are sdg-build's hard-coded lines
    (``125v − 2.5``, ``500v − 2.5``, ``250v − 1.25``, ``500v − 5``); for other profiles it keeps
    the thresholds at −2.5 / 0 / 2.5, which sdg-build's hard-coded lines do not.
    """
    v = np.asarray(value, dtype=float)
    step = np.asarray(med, dtype=float) - low
    with np.errstate(all="ignore"):
        below = np.maximum(-2.5 + 2.5 * (v - low) / (4 * step), -5.0)
        lower = -2.5 + 2.5 * (v - low) / step
        middle = 2.5 * (v - med) / (np.asarray(high, dtype=float) - med)
        above = np.minimum(2.5 + 2.5 * (v - high) / step, 5.0)
    conditions = [v >= high, v >= med, v >= low, v < low]
    return np.select(conditions, [above, middle, lower, below], np.nan)


def score_open_sdg_with_target(value: Any) -> np.ndarray:
    """M1 score with target, sdg-build's constants: ``min(7.1429v − 4.2857, 5)`` from 0.6 up,
    ``max(4.1667v − 2.5, −5)`` below (0 → −2.5, 0.6 → 0, 0.95 → 2.5)."""
    v = np.asarray(value, dtype=float)
    med = TARGET_THRESHOLDS[1]
    with np.errstate(all="ignore"):
        upper = np.minimum(7.1429 * v - 4.2857, 5.0)
        lower = np.maximum(4.1667 * v - 2.5, -5.0)
    return np.select([v >= med, v < med], [upper, lower], np.nan)


def status_from_score(score: Any) -> np.ndarray:
    """Roll-up status from a score, sdg-build's bands: ≥ 2.5 on_track, ≥ 0 needs_acceleration,
    ≥ −2.5 limited_progress, below deterioration; NaN → not_available."""
    s = np.asarray(score, dtype=float)
    conditions = [np.isnan(s), s >= 2.5, s >= 0.0, s >= -2.5]
    choices = [NOT_AVAILABLE, ON_TRACK, NEEDS_ACCELERATION, LIMITED_PROGRESS]
    return np.select(conditions, choices, DETERIORATION)


def rollup(
    scores: Sequence[float | None] | np.ndarray,
    weights: Sequence[float] | np.ndarray | None,
    parent_ids: Sequence[Any] | np.ndarray | pl.Series,
    *,
    target_achieved: Sequence[bool] | np.ndarray | None = None,
) -> pl.DataFrame:
    """Roll child scores up to their parents (SPEC "Roll-up", F15).

    ``scores[i]`` (None/NaN = no score), ``weights[i]`` (None = all 1) and ``parent_ids[i]``
    describe child ``i``. Per parent, in order of first appearance:

    * ``score`` = Σ wᵢ·sᵢ / Σ wᵢ over the children with a score (null if there are none or
      their weights sum to 0) – missing children never change the score;
    * ``completeness`` = ``n_scored / n_children``;
    * ``status`` = :func:`status_from_score`, or ``target_achieved`` if flags are given and
      every scored child achieved its target (sdg-build's indicator rule).
    """
    score = np.asarray(scores, dtype=float)
    weight = np.ones_like(score) if weights is None else np.asarray(weights, dtype=float)
    achieved = np.zeros(score.shape, bool) if target_achieved is None else target_achieved
    if not len(score) == len(weight) == len(parent_ids) == len(achieved):
        raise ValueError("scores, weights, parent_ids and target_achieved differ in length")
    if np.isnan(weight).any() or (weight < 0).any():
        raise ValueError("weights must be non-negative numbers")
    children = pl.DataFrame(
        {
            "parent_id": parent_ids,
            "score": pl.Series(score, nan_to_null=True),
            "weight": weight,
            "achieved": np.asarray(achieved, dtype=bool),
        }
    )
    scored = pl.col("score").is_not_null()
    parents = children.group_by("parent_id", maintain_order=True).agg(
        pl.len().alias("n_children"),
        scored.sum().cast(pl.Int64).alias("n_scored"),
        pl.col("weight").filter(scored).sum().alias("weight_scored"),
        (pl.col("score") * pl.col("weight")).sum().alias("weighted_sum"),
        (pl.col("achieved").filter(scored).all() & scored.any()).alias("all_achieved"),
    )
    weight_scored = parents["weight_scored"].to_numpy()
    with np.errstate(all="ignore"):
        mean = np.where(
            weight_scored > 0, parents["weighted_sum"].to_numpy() / weight_scored, np.nan
        )
    status = np.where(parents["all_achieved"].to_numpy(), TARGET_ACHIEVED, status_from_score(mean))
    return pl.DataFrame(
        {
            "parent_id": parents["parent_id"],
            "score": pl.Series(mean, nan_to_null=True),
            "status": status,
            "completeness": parents["n_scored"] / parents["n_children"],
            "n_children": parents["n_children"].cast(pl.Int64),
            "n_scored": parents["n_scored"],
            "weight_scored": parents["weight_scored"],
        }
    )


# --- input preparation -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Observed:
    """Observations as flat arrays sorted by params row, then year."""

    row: np.ndarray  # params row of each observation
    year: np.ndarray
    value: np.ndarray
    start: np.ndarray  # per params row: index of its first observation
    stop: np.ndarray  # per params row: one past its last observation

    @property
    def count(self) -> np.ndarray:
        count: np.ndarray = self.stop - self.start
        return count

    def take(self, array: np.ndarray, index: np.ndarray, valid: np.ndarray) -> np.ndarray:
        """``array[index]`` per series, NaN where not ``valid``."""
        out = np.full(len(index), np.nan)
        out[valid] = array[index[valid]]
        return out

    def first_from(self, min_year: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of each series' first observation in or after ``min_year``, and whether any."""
        before = self.year < min_year[self.row]
        index = self.start + np.bincount(self.row[before], minlength=len(self.start))
        return index, index < self.stop


@dataclass(frozen=True)
class _Texts:
    """A text column as codes into a few ``texts`` ("" = null): cheaper than numpy strings
    to compute with and to turn into a polars column."""

    codes: np.ndarray
    texts: tuple[str, ...]

    def is_(self, text: str) -> np.ndarray:
        found = np.asarray([candidate == text for candidate in self.texts], dtype=bool)
        return np.take(found, self.codes)

    def where(self, condition: np.ndarray, text: str) -> _Texts:
        """``text`` where ``condition`` holds, else unchanged."""
        texts = self.texts if text in self.texts else (*self.texts, text)
        return _Texts(np.where(condition, texts.index(text), self.codes), texts)

    def strings(self) -> np.ndarray:
        return np.take(np.asarray(self.texts), self.codes)

    def series(self, name: str) -> pl.Series:
        texts = pl.Series(name, [text or None for text in self.texts], dtype=pl.String)
        return texts.gather(self.codes)


def _pick(*rules: tuple[np.ndarray, str], default: str) -> _Texts:
    """Per series, the text of the first rule whose condition holds, else ``default``."""
    conditions = [np.asarray(condition, dtype=bool) for condition, _ in rules]
    codes = np.select(conditions, list(range(len(rules))), len(rules))
    return _Texts(codes, (*(text for _, text in rules), default))


def _as_frame(data: Frame) -> pl.DataFrame:
    return data if isinstance(data, pl.DataFrame) else pl.DataFrame(dict(data))


def _require(frame: pl.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")


def _observations(observations: Frame, id_dtype: pl.DataType) -> pl.DataFrame:
    obs = _as_frame(observations)
    _require(obs, ("series_id", "year", "value"), "observations")
    obs = obs.select(
        pl.col("series_id").cast(id_dtype),
        pl.col("year").cast(pl.Float64),
        pl.col("value").cast(pl.Float64),
    )
    year = obs["year"]
    if year.null_count() or year.is_nan().any():
        raise ValueError("observations: year must not be missing")
    if (year != year.floor()).any():
        raise ValueError("observations: years must be whole numbers")
    obs = obs.filter(pl.col("value").is_not_null() & pl.col("value").is_not_nan())
    if grouped_by_series(obs):
        return obs
    duplicated = obs.select(pl.struct("series_id", "year").is_duplicated()).to_series()
    if duplicated.any():
        series_id, year_value, _ = obs.filter(duplicated).row(0)
        raise ValueError(f"observations: two values for series {series_id!r}, year {year_value:g}")
    return obs


def grouped_by_series(observations: pl.DataFrame) -> bool:
    """Whether each series' rows are together, with rising years, as files usually are: then
    no series has two values for a year, found in one pass instead of hashing every pair.

    A null ``year`` compares as neither rising nor falling: callers reject it anyway.
    """
    new_run = (pl.col("series_id") != pl.col("series_id").shift(1)).fill_null(True)
    rising = new_run | (pl.col("year") > pl.col("year").shift(1))
    once = pl.col("series_id").filter(new_run).is_unique()
    checked = observations.select(rising.all().alias("rising"), once.all().alias("once"))
    return bool(checked["rising"][0] and checked["once"][0])


def _params(params: Frame) -> pl.DataFrame:
    p = _as_frame(params)
    _require(p, ("series_id", "direction"), "params")
    if p["series_id"].is_duplicated().any():
        raise ValueError("params: series_id must be unique")
    optional = {"base_year": pl.Int64, "target": pl.Float64, "target_year": pl.Int64}
    p = p.with_columns(pl.lit(None, dtype).alias(n) for n, dtype in optional.items() if n not in p)
    p = p.with_columns(
        pl.col("direction").cast(pl.Int64),
        _whole("base_year").fill_null(DEFAULT_BASE_YEAR),
        pl.col("target").cast(pl.Float64).fill_nan(None),
        _whole("target_year").fill_null(DEFAULT_TARGET_YEAR),
    )
    if not p["direction"].is_in([1, -1]).fill_null(False).all():
        raise ValueError("params: direction must be +1 (increase) or -1 (decrease)")
    return p.with_row_index("_row")


def _whole(name: str) -> pl.Expr:
    return pl.col(name).cast(pl.Float64).fill_nan(None).cast(pl.Int64)


def _choice(p: pl.DataFrame, name: str, default: str, allowed: tuple[str, ...]) -> _Texts:
    if default not in allowed:
        raise ValueError(f"unknown {name} {default!r}; expected one of {', '.join(allowed)}")
    if name in p.columns:
        column = p[name].cast(pl.String).fill_null(default)
    else:
        column = pl.repeat(default, p.height, dtype=pl.String, eager=True)
    bad = column.filter(~column.is_in(allowed))
    if len(bad):
        raise ValueError(f"params: unknown {name} {bad[0]!r}; expected one of {', '.join(allowed)}")
    codes = column.replace_strict(allowed, list(range(len(allowed))), return_dtype=pl.Int64)
    return _Texts(codes.to_numpy(), allowed)


def _observed(observations: Frame, p: pl.DataFrame) -> _Observed:
    obs = _observations(observations, p.schema["series_id"])
    joined = obs.join(p.select("series_id", "_row"), on="series_id").sort("_row", "year")
    row = joined["_row"].to_numpy().astype(np.int64)
    rows = np.arange(p.height)
    return _Observed(
        row=row,
        year=joined["year"].to_numpy().astype(float),
        value=joined["value"].to_numpy().astype(float),
        start=np.searchsorted(row, rows, side="left"),
        stop=np.searchsorted(row, rows, side="right"),
    )


def _floats(p: pl.DataFrame, name: str) -> np.ndarray:
    return p[name].cast(pl.Float64).fill_null(np.nan).to_numpy()


# --- method kernels ----------------------------------------------------------------------------


def _open_sdg(obs: _Observed, p: pl.DataFrame, profiles: _Texts) -> dict[str, Any]:
    direction = _floats(p, "direction")
    target_raw = _floats(p, "target")
    target_year = _floats(p, "target_year")
    present = obs.count > 0
    current_year = obs.take(obs.year, obs.stop - 1, present)
    current_value = obs.take(obs.value, obs.stop - 1, present)
    base_index, has_base = obs.first_from(_floats(p, "base_year"))
    base_year = obs.take(obs.year, base_index, has_base)
    base_raw = obs.take(obs.value, base_index, has_base)

    has_target = ~np.isnan(target_raw)
    target = np.where(target_raw == 0, ZERO_REPLACEMENT, target_raw)
    base_value = np.where(base_raw == 0, ZERO_REPLACEMENT, base_raw)
    sign = np.where(has_base, np.where(base_raw < 0, -1.0, 1.0), np.nan)
    achieved = has_target & present & (direction * (current_value - target) >= 0)

    cagr_observed = _cagr(base_value, current_value, base_year, current_year)
    cagr_required = np.where(has_target, _cagr(base_value, target, base_year, target_year), np.nan)
    progress_value = np.where(
        has_target,
        _growth_ratio(sign * direction * cagr_observed, cagr_required, achieved),
        sign * direction * cagr_observed,
    )
    reason = _first_reason(
        (~present, NO_DATA),
        (~has_base, BASE_YEAR_AFTER_LATEST),
        (np.sign(base_value) * np.sign(current_value) < 0, OPPOSITE_SIGNS),
        (current_year - base_year < 1, LESS_THAN_ONE_YEAR),
        (has_target & (target_year <= base_year), TARGET_YEAR_NOT_AFTER_BASE),
        (has_target & (np.sign(base_value) * np.sign(target) < 0), TARGET_OPPOSITE_SIGN),
        (np.isnan(progress_value), NOT_COMPUTABLE),
    )
    computed = reason.is_("")
    cagr_observed, cagr_required, progress_value = (
        np.where(computed, x, np.nan) for x in (cagr_observed, cagr_required, progress_value)
    )

    high, med, low = (
        np.where(has_target, TARGET_THRESHOLDS[i], _profile_threshold(profiles, i))
        for i in range(3)
    )
    status = _pick(
        (achieved, TARGET_ACHIEVED),
        (~computed, NOT_AVAILABLE),
        (progress_value >= high, ON_TRACK),
        (progress_value >= med, NEEDS_ACCELERATION),
        (progress_value >= low, LIMITED_PROGRESS),
        default=DETERIORATION,
    )
    score = np.where(
        has_target,
        score_open_sdg_with_target(progress_value),
        score_open_sdg_without_target(progress_value, high, med, low),
    )
    return {
        "status": status,
        "score": np.where(achieved, 5.0, score),
        "method": OPEN_SDG,
        "reason": reason,
        "note": _notes(
            (base_raw == 0, BASE_ZERO_REPLACED), (target_raw == 0, TARGET_ZERO_REPLACED)
        ),
        "direction": direction,
        "threshold_profile": profiles.where(has_target, ""),
        "threshold_high": high,
        "threshold_med": med,
        "threshold_low": low,
        "base_year_requested": _floats(p, "base_year"),
        "base_year": base_year,
        "base_value": base_value,
        "current_year": current_year,
        "current_value": current_value,
        "target": target,
        "target_year": np.where(has_target, target_year, np.nan),
        "sign": sign,
        "cagr_observed": cagr_observed,
        "cagr_required": cagr_required,
        "progress_value": progress_value,
    }


def _growth_ratio(observed: np.ndarray, required: np.ndarray, achieved: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        ratio = observed / np.abs(required)
    return np.where(required == 0, np.where(achieved, np.inf, -np.inf), ratio)


def _profile_threshold(profiles: _Texts, index: int) -> np.ndarray:
    values = [NO_TARGET_PROFILES[name][index] for name in profiles.texts]
    return np.take(np.asarray(values), profiles.codes)


def _dns(obs: _Observed, p: pl.DataFrame, estimators: _Texts) -> dict[str, Any]:
    direction = _floats(p, "direction")
    target = _floats(p, "target")
    target_year = np.where(np.isnan(target), np.nan, _floats(p, "target_year"))
    n_points = np.minimum(obs.count, DNS_WINDOW)
    present = n_points > 0
    t_c = obs.take(obs.year, obs.stop - 1, present)
    y_c = obs.take(obs.value, obs.stop - 1, present)
    t_f = obs.take(obs.year, obs.stop - n_points, present)
    y_f = obs.take(obs.value, obs.stop - n_points, present)

    is_compound = estimators.is_("compound")
    with np.errstate(all="ignore"):
        endpoints = (y_c - y_f) / (t_c - t_f)
        rate = np.power(y_c / y_f, 1.0 / (t_c - t_f)) - 1.0
        trend = np.select(
            [estimators.is_("slope"), estimators.is_("endpoints")],
            [_window_slope(obs, n_points, t_c, y_c), endpoints],
            rate,
        )
        horizon = np.maximum(target_year - t_c, 0.0)
        projected = np.where(
            is_compound, y_c * np.power(1.0 + rate, horizon), y_c + trend * horizon
        )
        annual_change = np.where(is_compound, y_c * rate, trend)
        gap = target - y_c
        reached = direction * (y_c - target) >= 0
        miss_pct = np.where(reached, 0.0, 100.0 * (target - projected) / gap)

    compound_ok = (y_f != 0) & (np.sign(y_f) * np.sign(y_c) >= 0)
    reason = _first_reason(
        (np.isnan(target), NO_TARGET),
        (~present, NO_DATA),
        (n_points < DNS_MIN_POINTS, FEWER_THAN_3_POINTS),
        (is_compound & ~compound_ok, COMPOUND_UNDEFINED),
        (np.isnan(miss_pct) | np.isnan(annual_change), NOT_COMPUTABLE),
    )
    rated = reason.is_("")
    status = _pick(
        (~rated, NOT_RATED),
        (reached, SUN),
        (direction * annual_change < 0, THUNDERSTORM),
        (miss_pct < DNS_SUN_MISS, SUN),
        (miss_pct <= DNS_SUN_CLOUD_MISS, SUN_CLOUD),
        default=CLOUD,
    )
    derived = {
        "trend": trend,
        "annual_change": annual_change,
        "horizon": horizon,
        "projected_value": projected,
        "gap": gap,
        "miss_pct": miss_pct,
    }
    return {
        "status": status,
        "score": _lookup(status, DNS_SCORES),
        "method": DNS,
        "reason": reason,
        "direction": direction,
        "estimator": estimators,
        "target": target,
        "target_year": target_year,
        "n_points": n_points.astype(float),
        "window_start_year": t_f,
        "window_start_value": y_f,
        "current_year": t_c,
        "current_value": y_c,
    } | {name: np.where(rated, values, np.nan) for name, values in derived.items()}


def _window_slope(
    obs: _Observed, n_points: np.ndarray, t_c: np.ndarray, y_c: np.ndarray
) -> np.ndarray:
    in_window = np.arange(len(obs.row)) >= (obs.stop - n_points)[obs.row]
    rows = obs.row[in_window]
    t = obs.year[in_window] - t_c[rows]
    u = obs.value[in_window] - y_c[rows]
    size = len(n_points)
    s_t, s_u, s_tt, s_tu = (
        np.bincount(rows, weights=w, minlength=size) for w in (t, u, t * t, t * u)
    )
    with np.errstate(all="ignore"):
        return (n_points * s_tu - s_t * s_u) / (n_points * s_tt - s_t * s_t)


def _trend(obs: _Observed, p: pl.DataFrame) -> dict[str, Any]:
    direction = _floats(p, "direction")
    present = obs.count > 0
    base_year = obs.take(obs.year, obs.start, present)
    base_raw = obs.take(obs.value, obs.start, present)
    current_year = obs.take(obs.year, obs.stop - 1, present)
    current_value = obs.take(obs.value, obs.stop - 1, present)
    base_value = np.where(base_raw == 0, ZERO_REPLACEMENT, base_raw)
    sign = np.where(present, np.where(base_raw < 0, -1.0, 1.0), np.nan)
    growth = _cagr(base_value, current_value, base_year, current_year)
    reason = _first_reason(
        (~present, NO_DATA),
        (obs.count < 2, FEWER_THAN_2_POINTS),
        (np.sign(base_value) * np.sign(current_value) < 0, OPPOSITE_SIGNS),
        (np.isnan(growth), NOT_COMPUTABLE),
    )
    computed = reason.is_("")
    cagr = np.where(computed, growth, np.nan)
    progress_value = sign * direction * cagr
    status = _trend_bands(progress_value)
    return {
        "status": status,
        "score": _lookup(status, TREND_SCORES),
        "method": TREND,
        "reason": reason,
        "note": _notes((base_raw == 0, BASE_ZERO_REPLACED)),
        "direction": direction,
        "n_points": obs.count.astype(float),
        "base_year": base_year,
        "base_value": base_value,
        "current_year": current_year,
        "current_value": current_value,
        "sign": sign,
        "cagr": cagr,
        "progress_value": progress_value,
    }


# --- helpers -----------------------------------------------------------------------------------


def _cagr(v0: np.ndarray, v1: np.ndarray, t0: np.ndarray, t1: np.ndarray) -> np.ndarray:
    """CAGR(v0 → v1, t0 → t1) = (v1 / v0)^(1 / (t1 − t0)) − 1; NaN where undefined."""
    with np.errstate(all="ignore"):
        cagr: np.ndarray = np.power(v1 / v0, 1.0 / (t1 - t0)) - 1.0
    return cagr


def _first_reason(*rules: tuple[np.ndarray, str]) -> _Texts:
    """Per series, the text of the first rule whose condition holds, else ``""``."""
    return _pick(*rules, default="")


def _notes(*rules: tuple[np.ndarray, str]) -> _Texts:
    """Per series, the texts of all rules whose condition holds, joined by ``"; "``."""
    codes = sum(
        np.asarray(condition, dtype=np.int64) << bit for bit, (condition, _) in enumerate(rules)
    )
    texts = tuple(
        "; ".join(text for bit, (_, text) in enumerate(rules) if combination >> bit & 1)
        for combination in range(2 ** len(rules))
    )
    return _Texts(np.asarray(codes), texts)


def _lookup(status: _Texts, scores: Mapping[str, float]) -> np.ndarray:
    return np.take(np.asarray([scores.get(text, np.nan) for text in status.texts]), status.codes)


def _to_frame(
    p: pl.DataFrame, schema: Mapping[str, Any], columns: Mapping[str, Any]
) -> pl.DataFrame:
    data: dict[str, pl.Series] = {"series_id": p["series_id"]}
    for name, dtype in schema.items():
        if name != "series_id":
            data[name] = _column(name, dtype, columns[name], p.height)
    return pl.DataFrame(data)


def _column(name: str, dtype: Any, values: Any, height: int) -> pl.Series:
    if isinstance(values, str):
        return pl.repeat(values, height, dtype=pl.String, eager=True).alias(name)
    if isinstance(values, _Texts):
        return values.series(name)
    if dtype == pl.String:
        series = pl.Series(name, np.asarray(values).astype(str), dtype=pl.String)
        return series.to_frame().select(pl.when(pl.col(name) != "").then(pl.col(name))).to_series()
    return pl.Series(name, np.asarray(values, dtype=float), nan_to_null=True).cast(dtype)
