"""Derived measures of the socioeconomic analysis (F9), computed on whole long tables at once.

Pure module: no Django; polars expressions (group-by and window functions), no Python loop per
row, per series or per region.

Input is a long table with the columns

* ``indicator`` – indicator code (text),
* ``region_key`` – AGS as text (``DG``, ``14``, ``14730``),
* ``region_level`` – ``country``, ``state``, ``government_district``, ``district`` or
  ``municipality``; optional, derived from the key length when the column is missing,
* ``parent_key`` – for districts the key of their Land; optional, a district's missing parent is
  the first two digits of its key,
* ``period`` – year (integer or text ``2023``), date (``date`` or ISO text ``2024-12-31``) or a
  text starting with ``YYYY-MM`` (semester codes such as ``2023-10P6M``); one kind per table,
* ``disaggregation`` – optional; empty text (or null) is the total,
* ``value`` – number; null for cells that only hold a status symbol (``.``, ``...``, ``-`` …).

Conventions (the same in every function):

* A series is one ``indicator`` × ``region_key`` × ``disaggregation``; a cross-section is one
  ``indicator`` × ``disaggregation`` × ``period``.
* Null in, null out: a missing value (symbol) never becomes a number and is never counted.
* Division by zero gives null, not infinity: a share with denominator 0, an index or a percentage
  change on a base value of 0, a CAGR from 0.
* Time between two periods is measured in years as
  ``Δyear + Δmonth / 12 + Δday / 365.25``, so the same reporting day in different years is a
  whole number of years apart.
* Direction (``directions``: indicator → ``+1`` higher is better, ``-1`` lower is better, ``0``
  none): rank 1 is the best value; without a direction (``0`` or unknown indicator) rank 1 is the
  highest value.
* Ties in ranks share the lowest rank ("1, 2, 2, 4", competition ranking). The percentile is the
  share of the other ranked districts that are worse, counting tied ones half:
  ``100 × (worse + ½ · tied others) / (n − 1)``, i.e. ``100 × (n − mean rank) / (n − 1)``; best =
  100, worst = 0, equal values get equal percentiles. With only one ranked district it is null.
* Quartiles use linear interpolation between order statistics (numpy's and R's default, type 7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl
from polars.expr.whenthen import ChainedThen, Then

Frame = pl.DataFrame | Mapping[str, Sequence[Any]]
Directions = pl.DataFrame | Mapping[str, int] | None

TOTAL = ""
GERMANY = "DG"
COUNTRY = "country"
STATE = "state"
DISTRICT = "district"
LEVEL_BY_KEY_LENGTH = {2: STATE, 3: "government_district", 5: DISTRICT, 8: "municipality"}

SERIES_KEYS = ("indicator", "region_key", "disaggregation")
CROSS_SECTION_KEYS = ("indicator", "disaggregation", "period")
_TIME = ("_year", "_month", "_day")
_REGION_KEYS = ("region_key", "period", "disaggregation")


def prepare(table: Frame) -> pl.DataFrame:
    """Normalise a long table: fill optional columns, cast ``value`` to Float64, add the
    private time columns ``_year``, ``_month``, ``_day`` (ordering and durations), sort the rows
    by series and time and number the series in ``_sid``.

    Every function prepares its input; a prepared table passes through unchanged (still sorted
    after filtering), so preparing once saves the sort when several measures are derived."""
    frame = _normalised(table)
    if "_sid" in frame.columns and frame["_sid"].is_sorted():
        return frame
    ordered = frame.sort([*SERIES_KEYS, *_TIME])
    return ordered.with_columns(_sid=pl.struct(SERIES_KEYS).rle_id())


def _normalised(table: Frame) -> pl.DataFrame:
    """:func:`prepare` without sorting (for tables that need no order, such as ratios)."""
    frame = table if isinstance(table, pl.DataFrame) else pl.DataFrame(dict(table))
    if "_year" in frame.columns:
        return frame
    if "disaggregation" not in frame.columns:
        frame = frame.with_columns(disaggregation=pl.lit(TOTAL))
    if "region_level" not in frame.columns:
        frame = frame.with_columns(region_level=_level_from_key())
    if "parent_key" not in frame.columns:
        frame = frame.with_columns(parent_key=pl.lit(None, dtype=pl.String))
    land = pl.col("region_key").str.slice(0, 2)
    return frame.with_columns(
        pl.col("disaggregation").cast(pl.String).fill_null(TOTAL),
        pl.col("value").cast(pl.Float64),
        parent_key=pl.when(pl.col("region_level") == DISTRICT)
        .then(pl.col("parent_key").cast(pl.String).fill_null(land))
        .otherwise(pl.col("parent_key").cast(pl.String)),
        **_time_parts(frame.schema["period"]),
    )


def _level_from_key() -> pl.Expr:
    key = pl.col("region_key")
    level: Then | ChainedThen = pl.when(key == GERMANY).then(pl.lit(COUNTRY))
    for length, name in LEVEL_BY_KEY_LENGTH.items():
        level = level.when(key.str.len_chars() == length).then(pl.lit(name))
    return level.otherwise(pl.lit(None, dtype=pl.String))


def _time_parts(dtype: pl.DataType) -> dict[str, pl.Expr]:
    period = pl.col("period")
    if dtype.is_integer():
        return {"_year": period.cast(pl.Int32), "_month": pl.lit(1), "_day": pl.lit(1)}
    if dtype in (pl.Date, pl.Datetime) or isinstance(dtype, pl.Datetime):
        return {"_year": period.dt.year(), "_month": period.dt.month(), "_day": period.dt.day()}
    text = period.cast(pl.String)
    parts = text.str.extract_groups(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
    return {
        "_year": parts.struct.field("1").cast(pl.Int32),
        "_month": parts.struct.field("2").cast(pl.Int32).fill_null(1),
        "_day": parts.struct.field("3").cast(pl.Int32).fill_null(1),
    }


def _years_between(start: str, end: str) -> pl.Expr:
    """Years from the time columns with prefix ``start`` to those with prefix ``end``."""
    return (
        (pl.col(f"{end}_year") - pl.col(f"{start}_year")).cast(pl.Float64)
        + (pl.col(f"{end}_month") - pl.col(f"{start}_month")) / 12.0
        + (pl.col(f"{end}_day") - pl.col(f"{start}_day")) / 365.25
    )


def _public(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.drop([c for c in frame.columns if c.startswith("_")])


def _divide(numerator: pl.Expr, denominator: pl.Expr) -> pl.Expr:
    """``numerator / denominator``, null where the denominator is 0 or null."""
    return pl.when(denominator != 0).then(numerator / denominator)


# --- ratios -----------------------------------------------------------------------------------


def share(numerator: Frame, denominator: Frame, *, scale: float = 100.0) -> pl.DataFrame:
    """``scale × numerator / denominator`` per region, period and disaggregation.

    Every row of ``numerator`` (any number of indicators) is divided by the ``denominator`` row
    of the same region, period and disaggregation; where the denominator has no such
    disaggregation, its total is used (share of women = women / all inhabitants). ``value``
    becomes the ratio; ``numerator`` and ``denominator`` hold the two inputs. Denominator 0 or
    missing → null. The denominator must have one row per region, period and disaggregation.
    """
    num = _normalised(numerator)
    den = _normalised(denominator).select(*_REGION_KEYS, _den=pl.col("value"))
    exact = num.join(den, on=list(_REGION_KEYS), how="left", validate="m:1")
    totals = den.filter(pl.col("disaggregation") == TOTAL).select(
        "region_key", "period", _den_total=pl.col("_den")
    )
    joined = exact.join(totals, on=["region_key", "period"], how="left", validate="m:1")
    den_value = pl.coalesce("_den", "_den_total")
    return _public(
        joined.with_columns(
            numerator=pl.col("value"),
            denominator=den_value,
            value=_divide(pl.col("value"), den_value) * scale,
        )
    )


def per_capita(table: Frame, population: Frame, *, per: float = 1000.0) -> pl.DataFrame:
    """Values per ``per`` inhabitants (default per 1,000): :func:`share` with the population
    table (``region_key``, ``period``, ``value``, optional ``disaggregation``) as denominator.
    Periods must match exactly (join a year's values with the population of that year)."""
    return share(table, population, scale=per)


# --- time series ------------------------------------------------------------------------------


def index(table: Frame, base_period: Any = None) -> pl.DataFrame:
    """Index with the base period = 100 for every row: ``100 × value / base value``.

    ``base_period`` (same type as ``period``) applies to all series; a series without a value in
    that period gets null throughout. Without ``base_period`` each series uses its first period
    with a value. Adds ``base_period``, ``base_value`` and ``index``; base value 0 → null.
    """
    frame = prepare(table)
    base_mask = pl.col("value").is_not_null()
    if base_period is not None:
        base_mask = base_mask & (pl.col("period") == pl.lit(base_period))
    frame = frame.with_columns(
        base_period=pl.col("period").filter(base_mask).first().over("_sid"),
        base_value=pl.col("value").filter(base_mask).first().over("_sid"),
    )
    return _public(frame.with_columns(index=_divide(pl.col("value"), pl.col("base_value")) * 100.0))


def changes(table: Frame) -> pl.DataFrame:
    """Change against the previous period of the same series (the previous row present in the
    table, so a gap in the years is bridged; a null previous value gives null).

    Adds ``previous_period``, ``previous_value``, ``change`` (absolute), ``change_pct`` (per
    cent of the previous value; previous 0 → null) and ``years`` (time between the two)."""
    frame = prepare(table)
    same_series = pl.col("_sid") == pl.col("_sid").shift(1)
    previous = {
        "previous_period": pl.col("period"),
        "previous_value": pl.col("value"),
        **{f"_prev{c}": pl.col(c) for c in _TIME},
    }
    frame = frame.with_columns(
        **{name: pl.when(same_series).then(expr.shift(1)) for name, expr in previous.items()}
    )
    return _public(
        frame.with_columns(
            change=pl.col("value") - pl.col("previous_value"),
            change_pct=_divide(pl.col("value") - pl.col("previous_value"), pl.col("previous_value"))
            * 100.0,
            years=_years_between("_prev", ""),
        )
    )


def cagr(start_value: pl.Expr, end_value: pl.Expr, years: pl.Expr) -> pl.Expr:
    """Compound annual growth rate ``(end / start)^(1 / years) − 1`` (SPEC §4) as a fraction.

    Null when ``years`` ≤ 0, the start value is 0, or start and end have opposite signs (the
    ratio is then negative and has no real root); an end value of 0 gives −1."""
    ratio = _divide(end_value, start_value)
    valid = (years > 0) & (ratio >= 0)
    return pl.when(valid).then(ratio.pow(1.0 / years) - 1.0)


def growth(table: Frame, start: Any = None, end: Any = None) -> pl.DataFrame:
    """One row per series: change from ``start`` to ``end`` period and its CAGR.

    Defaults: the first and the last period with a value in the series. A given period without a
    value (or absent) gives null results. Columns: the series keys, ``start_period``,
    ``start_value``, ``end_period``, ``end_value``, ``years``, ``change``, ``change_pct`` (start
    0 → null) and ``cagr`` (fraction, see :func:`cagr`). A single-year series (start = end) has
    ``years`` 0 and null change, change_pct and cagr.
    """
    frame = prepare(table).filter(pl.col("value").is_not_null())
    columns = ["period", "value", *_TIME]
    ends = frame.group_by("_sid", maintain_order=True).agg(
        *[pl.col(key).first() for key in SERIES_KEYS],
        *[_at(c, start, "first").alias(f"_s{c}") for c in columns],
        *[_at(c, end, "last").alias(f"_e{c}") for c in columns],
    )
    years = _years_between("_s", "_e")
    measured = years > 0
    result = ends.with_columns(
        start_period=pl.col("_speriod"),
        start_value=pl.col("_svalue"),
        end_period=pl.col("_eperiod"),
        end_value=pl.col("_evalue"),
        years=years,
    ).with_columns(
        change=pl.when(measured).then(pl.col("end_value") - pl.col("start_value")),
        change_pct=pl.when(measured).then(
            _divide(pl.col("end_value") - pl.col("start_value"), pl.col("start_value")) * 100.0
        ),
        cagr=cagr(pl.col("start_value"), pl.col("end_value"), pl.col("years")),
    )
    return _public(result)


def _at(column: str, period: Any, default: str) -> pl.Expr:
    """Aggregation: ``column`` in ``period``, or in the first/last row when period is None."""
    if period is None:
        return pl.col(column).first() if default == "first" else pl.col(column).last()
    return pl.col(column).filter(pl.col("period") == pl.lit(period)).first()


# --- cross-sections ---------------------------------------------------------------------------


def _directions(directions: Directions) -> pl.DataFrame:
    if directions is None:
        return pl.DataFrame(schema={"indicator": pl.String, "direction": pl.Int8})
    if isinstance(directions, pl.DataFrame):
        frame = directions.select("indicator", "direction")
    else:
        frame = pl.DataFrame(
            {"indicator": list(directions), "direction": list(directions.values())}
        )
    return frame.with_columns(
        pl.col("indicator").cast(pl.String), pl.col("direction").cast(pl.Int8)
    )


def _with_direction(frame: pl.DataFrame, directions: Directions) -> pl.DataFrame:
    return frame.join(_directions(directions), on="indicator", how="left").with_columns(
        pl.col("direction").fill_null(0)
    )


# Ranking this key ascending puts the best first: -value for "higher is better" and for no
# direction, +value for "lower is better".
_RANK_KEY = pl.when(pl.col("direction") < 0).then(pl.col("value")).otherwise(-pl.col("value"))


def _ranks(frame: pl.DataFrame, group: list[str], suffix: str) -> pl.DataFrame:
    # One window over a struct instead of three windows: the groups are formed once.
    key = pl.col("_key")
    per_group = pl.struct(
        _min=key.rank("min"), _mean=key.rank("average"), _n=pl.col("value").count()
    )
    frame = frame.with_columns(_ranked=per_group.over(group)).unnest("_ranked")
    count = pl.col("_n")
    return frame.with_columns(
        **{
            f"rank{suffix}": pl.col("_min"),
            f"rank_count{suffix}": count,
            f"percentile{suffix}": pl.when(count > 1).then(
                100.0 * (count - pl.col("_mean")) / (count - 1)
            ),
        }
    ).drop("_min", "_mean", "_n")


def rank(table: Frame, directions: Directions = None) -> pl.DataFrame:
    """Rank and percentile of every district among all districts and within its Land, per
    cross-section; see the module notes for direction and ties.

    Returns one row per district and cross-section: the cross-section keys, ``region_key``,
    ``value``, ``land_key``, ``direction``, ``rank``, ``rank_count`` (districts with a value),
    ``percentile`` and the same within the Land (``rank_land``, ``rank_count_land``,
    ``percentile_land``). Rows without a value get null ranks.
    """
    frame = prepare(table).filter(pl.col("region_level") == DISTRICT)
    frame = frame.select(*CROSS_SECTION_KEYS, "region_key", "value", land_key=pl.col("parent_key"))
    frame = _with_direction(frame, directions).with_columns(_key=_RANK_KEY)
    scope = list(CROSS_SECTION_KEYS)
    frame = _ranks(frame, scope, "")
    return _public(_ranks(frame, [*scope, "land_key"], "_land"))


def comparison(
    table: Frame, directions: Directions = None, home_key: str | None = None
) -> pl.DataFrame:
    """District vs. Land vs. Germany for every district (or only ``home_key``) and
    cross-section.

    Columns: cross-section keys, ``region_key``, ``value``, ``land_key``, ``land_value``,
    ``germany_value``, ``diff_land`` / ``diff_germany`` (district − reference),
    ``diff_land_pct`` / ``diff_germany_pct`` (in per cent of the reference; reference 0 → null)
    and ``vs_land`` / ``vs_germany``: +1 better, −1 worse, 0 equal, null without a direction or
    a value. Rows come in series order (district, then period).
    """
    frame = prepare(table)
    keys = list(CROSS_SECTION_KEYS)
    districts = frame.filter(pl.col("region_level") == DISTRICT)
    if home_key is not None:
        districts = districts.filter(pl.col("region_key") == home_key)
    districts = districts.select(*keys, "region_key", "value", land_key=pl.col("parent_key"))
    lands = frame.filter(pl.col("region_level") == STATE).select(
        *keys, land_key=pl.col("region_key"), land_value=pl.col("value")
    )
    germany = frame.filter(pl.col("region_level") == COUNTRY).select(
        *keys, germany_value=pl.col("value")
    )
    joined = districts.join(lands, on=[*keys, "land_key"], how="left", validate="m:1").join(
        germany, on=keys, how="left", validate="m:1"
    )
    joined = _with_direction(joined, directions)
    columns: dict[str, pl.Expr] = {}
    for ref in ("land", "germany"):
        diff = pl.col("value") - pl.col(f"{ref}_value")
        columns[f"diff_{ref}"] = diff
        columns[f"diff_{ref}_pct"] = _divide(diff, pl.col(f"{ref}_value")) * 100.0
        columns[f"vs_{ref}"] = pl.when(pl.col("direction") != 0).then(
            (diff.sign() * pl.col("direction")).cast(pl.Int8)
        )
    return joined.with_columns(**columns)


def distribution(
    table: Frame, home_key: str | None = None, directions: Directions = None
) -> pl.DataFrame:
    """Distribution of the district values per cross-section: ``count`` (districts with a
    value), ``min``, ``q1``, ``median``, ``q3``, ``max``, ``mean``, ``min_region_key`` and
    ``max_region_key`` (on ties the smallest key), and with ``home_key`` the home district's
    ``home_value``, ``home_rank``, ``home_rank_count`` and ``home_percentile`` (see
    :func:`rank`)."""
    frame = prepare(table).filter(
        (pl.col("region_level") == DISTRICT) & pl.col("value").is_not_null()
    )
    frame = frame.select(*CROSS_SECTION_KEYS, "region_key", "value")
    frame = _with_direction(frame, directions).with_columns(_key=_RANK_KEY)
    keys = list(CROSS_SECTION_KEYS)
    value = pl.col("value")
    by_value = pl.col("region_key").sort_by(["value", "region_key"])
    by_value_desc = pl.col("region_key").sort_by(["value", "region_key"], descending=[True, False])
    summary = frame.group_by(keys).agg(
        count=value.count(),
        min=value.min(),
        q1=value.quantile(0.25, interpolation="linear"),
        median=value.median(),
        q3=value.quantile(0.75, interpolation="linear"),
        max=value.max(),
        mean=value.mean(),
        min_region_key=by_value.first(),
        max_region_key=by_value_desc.first(),
        **(_home_position(home_key) if home_key is not None else {}),
    )
    return _public(summary).sort(keys)


def _home_position(home_key: str) -> dict[str, pl.Expr]:
    """Aggregations: the home district's value, rank and percentile as :func:`rank` has them
    (better = smaller rank key; ties share the lowest rank and count half)."""
    is_home = pl.col("region_key") == home_key
    home_key_value = pl.col("_key").filter(is_home).first()
    better = (pl.col("_key") < home_key_value).sum()
    tied_others = (pl.col("_key") == home_key_value).sum() - 1
    count = pl.col("value").count()
    has_home = home_key_value.is_not_null()
    return {
        "home_value": pl.col("value").filter(is_home).first(),
        "home_rank": pl.when(has_home).then((better + 1).cast(pl.UInt32)),
        "home_rank_count": pl.when(has_home).then(count),
        "home_percentile": pl.when(has_home & (count > 1)).then(
            100.0 * (count - 1 - better - 0.5 * tied_others) / (count - 1)
        ),
    }


def district_summary(frame: pl.DataFrame, home: str | None, direction: int) -> dict[str, Any]:
    """What a chart of all districts says in its text alternative (kek.charts.texts): count,
    min/median/max with district names and the home district's rank, computed by
    :func:`distribution` so texts and analysis tables rank alike. ``frame``: ags, region,
    value. Empty dict when no district has a value."""
    table = frame.select(
        indicator=pl.lit("chart"),
        region_key="ags",
        region_level=pl.lit(DISTRICT),
        period=pl.lit(0),
        value="value",
    )
    summary = distribution(table, home_key=home, directions={"chart": direction})
    if summary.is_empty():
        return {}
    result = summary.row(0, named=True)
    names = dict(frame.select("ags", "region").iter_rows())
    result["min_region"] = names.get(result["min_region_key"])
    result["max_region"] = names.get(result["max_region_key"])
    result["home_region"] = names.get(home)
    return result
