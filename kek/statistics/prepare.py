"""Turn a parsed statistics file into what the database import needs (pure, no Django).

`prepare` applies the statistic's mapping (indicator codes, Land and Germany sums of
additive indicators, derived ratios), checks the rows against the limits of the data model
and collects one `IndicatorDraft` per indicator, all with polars over the whole table.
Problems raise the parsers' `ParseError` (German, with file, line and column) so the
importer reports every bad input the same way.

The sums and the per-km² ratios need the districts of the current territorial status: a
frame with `region_key` (five digits), `land_key` (two digits) and `area_km2` (may be null),
one row per district. Without it no sums are made and per-km² ratios stay empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import polars as pl

from .mappings import Derived, IndicatorSpec, Mapping, Series
from .parsers import ParseResult
from .parsers.cells import raise_first

# Limits of the model fields (kek/statistics/models.py) the rows are written to.
LIMITS = {
    "indicator": (60, "Indikatorcode"),
    "period": (20, "Zeit"),
    "disaggregation": (200, "Gliederung"),
    "region_name": (200, "Gebietsname"),
    "value_variable_label": (255, "Indikatorname"),
    "unit": (60, "Einheit"),
}
KEY = ["indicator", "region_key", "period", "disaggregation"]
GERMANY = "DG"
SUM_QUALITY = "sum"  # quality of a Land or Germany value summed from the districts
COLUMNS = [*KEY, "region_name", "value", "symbol", "quality", "source_line"]
# Further columns the steps before the drafts need; a summed row takes them from its first
# district row.
_DESCRIPTIVE = (
    "table",
    "value_variable_code",
    "value_variable_label",
    "unit",
    "disaggregation_label",
)
# GENESIS table codes in file names: 12411-01-01-4, 21311-01-01-4-B, 13111-0005, AI-N-01-2-5.
_TABLE_CODE = re.compile(r"^(?:[0-9]{5}|[A-Z]{2}-[A-Z])(?:-[0-9A-Z]{1,4})*")


@dataclass
class IndicatorDraft:
    """Catalogue fields of an indicator as far as the file and its mapping tell them."""

    code: str
    name: str
    unit: str
    statistic_code: str
    statistic_name: str
    table_code: str
    topic: str = ""
    direction: int = 0
    definition: str = ""
    formula: str = ""
    additive: bool = False
    disaggregations: dict[str, dict] = field(default_factory=dict)


@dataclass(frozen=True)
class Prepared:
    data: pl.DataFrame  # COLUMNS, one row per observation
    indicators: dict[str, IndicatorDraft]
    table: str
    statistics: dict[str, str]
    file_format: str


def prepare(
    result: ParseResult,
    file_name: str,
    mappings: dict[str, Mapping],
    districts: pl.DataFrame | None = None,
) -> Prepared:
    """`districts`: region_key, land_key, area_km2 of the current districts (module doc)."""
    data = result.data
    table = table_code(file_name, data)
    mapped = data.with_columns(indicator=_indicator_codes(data, mappings))
    for mapping in _present(data, mappings):
        mapped = _rename_disaggregations(mapped, mapping)
    mapped = mapped.select(_source_columns())
    if districts is not None:
        sums = land_sums(mapped, _additive(data, mappings), districts)
        mapped = pl.concat([mapped, sums], how="vertical")
    areas = region_areas(districts)
    derived = [
        _derive(mapped, mapping.statistic, rule, mapping.indicator_code, areas)
        for mapping in _present(data, mappings)
        for rule in mapping.derived
    ]
    frame = pl.concat([mapped, *derived], how="vertical")
    check_rows(frame, file_name)
    drafts = _drafts(frame, result, table, mappings)
    return Prepared(frame.select(COLUMNS), drafts, table, result.statistics, result.file_format)


def table_code(file_name: str, data: pl.DataFrame) -> str:
    """The table code from the file name, else the statistic code(s) of the rows."""
    match = _TABLE_CODE.match(file_name.rsplit("/", 1)[-1])
    if match:
        return match.group(0)
    codes = sorted(code for code in data["table"].unique().to_list() if code)
    return ", ".join(codes)[:100]


def _too_long(column: str, limit: int, row: dict[str, Any]) -> str:
    return f"„{row[column][:40]}…“ ist länger als {limit} Zeichen."


def check_rows(frame: pl.DataFrame, file: str) -> None:
    """Field lengths and one value per indicator, region, period and disaggregation."""
    for column, (limit, label) in LIMITS.items():
        raise_first(
            frame,
            pl.col(column).str.len_chars() > limit,
            file,
            label,
            partial(_too_long, column, limit),
        )
    first_line = pl.col("source_line").min().over(KEY)
    raise_first(
        frame.with_columns(first_line=first_line),
        pl.col("source_line") != pl.col("first_line"),
        file,
        "Wert",
        _duplicate,
    )


def _duplicate(row: dict) -> str:
    part = row["disaggregation"] or "insgesamt"
    return (
        f"Für {row['indicator']}, Gebiet {row['region_key']}, Zeit {row['period']}, {part} "
        f"steht schon ein Wert in Zeile {row['first_line']}."
    )


def _source_columns() -> list[pl.Expr]:
    return [pl.col(name) for name in (*COLUMNS, *_DESCRIPTIVE)]


def _present(data: pl.DataFrame, mappings: dict[str, Mapping]) -> list[Mapping]:
    codes = data["table"].unique().to_list()
    return [mappings[code] for code in codes if code in mappings]


def _indicator_codes(data: pl.DataFrame, mappings: dict[str, Mapping]) -> pl.Expr:
    renames = {
        f"{mapping.statistic}\x1f{variable}": spec.code
        for mapping in _present(data, mappings)
        for variable, spec in mapping.indicators.items()
    }
    key = pl.concat_str([pl.col("table"), pl.col("value_variable_code")], separator="\x1f")
    return key.replace_strict(
        renames, default=pl.col("value_variable_code"), return_dtype=pl.String
    )


def _rename_disaggregations(frame: pl.DataFrame, mapping: Mapping) -> pl.DataFrame:
    """Replace VAR:ATTR pairs; pairs are re-sorted so the text stays canonical."""
    if not mapping.disaggregations:
        return frame
    renamed = (
        pl.col("disaggregation")
        .str.split("|")
        .list.eval(pl.element().replace(mapping.disaggregations))
        .list.sort()
        .list.join("|")
    )
    mine = pl.col("table") == mapping.statistic
    return frame.with_columns(
        disaggregation=pl.when(mine).then(renamed).otherwise(pl.col("disaggregation"))
    )


def land_sums(frame: pl.DataFrame, additive: pl.DataFrame, districts: pl.DataFrame) -> pl.DataFrame:
    """Land and Germany rows the file lacks, summed from its district rows.

    Only for the (table, indicator) pairs in `additive`, per indicator, period and
    disaggregation, and only where every district of the Land (of Germany) has a row and
    none carries a symbol other than ``-``, which counts as 0 (all ``-`` gives ``-``).
    """
    targets = _targets(districts)
    expected = targets.group_by("target").agg(expected=pl.len())
    nothing = (pl.col("symbol") == "-").fill_null(False)
    number = pl.col("symbol").is_null() & pl.col("value").is_not_null()
    sums = (
        frame.join(additive, on=["table", "indicator"], how="semi")
        .join(targets, on="region_key")
        .group_by("indicator", "period", "disaggregation", "target")
        .agg(
            [pl.col(name).sort_by("source_line").first() for name in _DESCRIPTIVE],
            present=pl.col("region_key").n_unique(),
            clean=(number | nothing).all(),
            empty=nothing.all(),
            total=pl.col("value").fill_null(0.0).sum(),
            source_line=pl.col("source_line").min(),
        )
        .join(expected, on="target")
        .filter(pl.col("clean") & (pl.col("present") == pl.col("expected")))
        .with_columns(
            region_key="target",
            region_name="target",
            value=pl.when(~pl.col("empty")).then("total"),
            symbol=pl.when(pl.col("empty")).then(pl.lit("-")),
            quality=pl.lit(SUM_QUALITY),
        )
        .select(frame.columns)
        .cast(frame.schema)
    )
    return sums.join(frame, on=KEY, how="anti")


def region_areas(districts: pl.DataFrame | None) -> pl.DataFrame:
    """region_key, area (km²) of the districts, and of Länder and Germany as their sums.

    A Land (Germany) with a district of unknown area has no area."""
    if districts is None:
        return pl.DataFrame(schema={"region_key": pl.String, "area": pl.Float64})
    own = districts.unique("region_key").select(
        "region_key", area=pl.col("area_km2").cast(pl.Float64)
    )
    totals = (
        _targets(districts)
        .join(own, on="region_key")
        .group_by("target")
        .agg(area=pl.col("area").sum(), unknown=pl.col("area").null_count())
        .filter(pl.col("unknown") == 0)
        .select(region_key="target", area="area")
    )
    return pl.concat([own.drop_nulls("area"), totals], how="vertical")


def _targets(districts: pl.DataFrame) -> pl.DataFrame:
    """Each district twice: with its Land and with Germany as `target`."""
    unique = districts.unique("region_key")
    return pl.concat(
        [
            unique.select("region_key", target="land_key"),
            unique.select("region_key", target=pl.lit(GERMANY)),
        ],
        how="vertical",
    )


def _additive(data: pl.DataFrame, mappings: dict[str, Mapping]) -> pl.DataFrame:
    """The (table, indicator) pairs marked ``aggregate: sum``."""
    pairs = [
        (mapping.statistic, code)
        for mapping in _present(data, mappings)
        for code in sorted(mapping.additive_codes())
    ]
    return pl.DataFrame(pairs, schema={"table": pl.String, "indicator": pl.String}, orient="row")


def _derive(
    frame: pl.DataFrame, statistic: str, rule: Derived, code_of, areas: pl.DataFrame
) -> pl.DataFrame:
    """numerator / denominator × factor per region and period (see kek.statistics.mappings)."""
    rows = frame.filter(pl.col("table") == statistic)
    numerator = _series(rows, rule.numerator, code_of).select(
        "region_key", "region_name", "period", "source_line", "table",
        num="value", num_symbol="symbol",
    )  # fmt: skip
    if rule.denominator.area:
        denominator = numerator.select("region_key", "period").join(areas, on="region_key")
        denominator = denominator.select(
            "region_key", "period", den="area", den_symbol=pl.lit(None, dtype=pl.String)
        )
    else:
        denominator = _series(rows, rule.denominator, code_of).select(
            "region_key", "period", den="value", den_symbol="symbol"
        )
    joined = numerator.join(denominator, on=["region_key", "period"], how="inner")
    num = pl.when(pl.col("num_symbol") == "-").then(0.0).otherwise(pl.col("num"))
    undefined = (pl.col("den") == 0) | (pl.col("den_symbol") == "-")
    carried = pl.when(pl.col("num_symbol") != "-").then(pl.col("num_symbol"))
    symbol = (
        pl.when(undefined).then(pl.lit("x")).otherwise(pl.coalesce(carried, pl.col("den_symbol")))
    )
    spec = rule.spec
    return joined.select(
        indicator=pl.lit(spec.code),
        region_key="region_key",
        period="period",
        disaggregation=pl.lit(""),
        region_name="region_name",
        value=pl.when(symbol.is_null()).then(num / pl.col("den") * rule.factor),
        symbol=symbol,
        quality=pl.lit(None, dtype=pl.String),
        source_line="source_line",
        table="table",
        value_variable_code=pl.lit(spec.code),
        value_variable_label=pl.lit(spec.name),
        unit=pl.lit(spec.unit),
        disaggregation_label=pl.lit(""),
    )


def _series(rows: pl.DataFrame, series: Series, code_of) -> pl.DataFrame:
    return rows.filter(
        (pl.col("indicator") == code_of(series.variable))
        & (pl.col("disaggregation") == series.disaggregation)
    )


def _drafts(
    frame: pl.DataFrame, result: ParseResult, table: str, mappings: dict[str, Mapping]
) -> dict[str, IndicatorDraft]:
    firsts = frame.unique(subset="indicator", keep="first", maintain_order=True)
    labels = _disaggregation_labels(frame, result)
    drafts = {}
    for row in firsts.iter_rows(named=True):
        statistic = row["table"] or ""
        mapping = mappings.get(statistic)
        spec, formula = _spec(mapping, row["value_variable_code"])
        code = row["indicator"]
        drafts[code] = IndicatorDraft(
            code=code,
            name=spec.name or row["value_variable_label"] or code,
            unit=spec.unit or row["unit"] or "",
            statistic_code=statistic,
            statistic_name=result.statistics.get(statistic, ""),
            table_code=table,
            topic=spec.topic,
            direction=spec.direction,
            definition=spec.definition,
            formula=formula,
            additive=spec.additive,
            disaggregations=labels.get(code, {}),
        )
    return drafts


def _spec(mapping: Mapping | None, variable: str) -> tuple[IndicatorSpec, str]:
    if mapping is None:
        return IndicatorSpec(variable), ""
    for rule in mapping.derived:
        if rule.spec.code == variable:
            return rule.spec, rule.formula()
    spec = mapping.indicators.get(variable, IndicatorSpec(variable))
    # A merged variable (code pointing at another variable's entry) takes that entry.
    return mapping.indicators.get(spec.code, spec) if spec.code != variable else spec, ""


def _disaggregation_labels(frame: pl.DataFrame, result: ParseResult) -> dict[str, dict]:
    """{indicator: {variable: {"label": …, "attributes": {code: label}}}} of the rows."""
    pairs = (
        frame.filter(pl.col("disaggregation") != "")
        .select("indicator", "disaggregation", "disaggregation_label")
        .unique()
        .with_columns(
            pair=pl.col("disaggregation").str.split("|"),
            text=pl.col("disaggregation_label").fill_null("").str.split(" | "),
        )
        .filter(pl.col("pair").list.len() == pl.col("text").list.len())
        .explode("pair", "text")
        .with_columns(
            variable=pl.col("pair").str.split_exact(":", 1).struct.field("field_0"),
            attribute=pl.col("pair").str.split_exact(":", 1).struct.field("field_1"),
            variable_label=pl.col("text").str.split_exact(": ", 1).struct.field("field_0"),
            attribute_label=pl.col("text").str.split_exact(": ", 1).struct.field("field_1"),
        )
        .unique(subset=["indicator", "variable", "attribute"])
        .sort("indicator", "variable", "attribute")
    )
    labels: dict[str, dict] = {}
    for indicator, variable, attribute, var_label, attr_label in pairs.select(
        "indicator", "variable", "attribute", "variable_label", "attribute_label"
    ).iter_rows():
        entry = labels.setdefault(indicator, {}).setdefault(
            variable, {"label": result.variables.get(variable) or var_label or variable}
        )
        known = result.attributes.get(variable, {}).get(attribute)
        entry.setdefault("attributes", {})[attribute] = known or attr_label or attribute
    return labels
