"""Vectorised cell rules shared by the parsers.

Values and symbols, periods, region keys and the canonical disaggregation text are all
computed with polars expressions; a rule violation is reported for the first offending
row in file order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from .errors import ParseError

NUMBER = r"[+-]?[0-9]+(?:[.,][0-9]+)?"
SYMBOLS = ("-", ".", "...", "/", "x", "()", "|")
QUALITY_FLAGS = ("e", "p", "r", "s")
REGION_KEY = r"^(?:DG|[0-9]{2}|[0-9]{3}|[0-9]{5}|[0-9]{8}|[0-9]{9}|[0-9]{12})$"
PERIOD_PATTERNS = {
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    "year": r"^[0-9]{4}$",
    "semester": r"^[0-9]{4}-[0-9]{2}P6M$",
}
# Typographic look-alikes that spreadsheets put in place of the official symbols.
_SYMBOL_ALIASES = {"…": "...", "X": "x", "–": "-"}
_CODE_SEP = "\x01"
_LABEL_SEP = "\x02"

Row = dict[str, Any]
ColumnName = str | Callable[[Row], str] | None


def raise_first(
    frame: pl.DataFrame,
    condition: pl.Expr,
    file: str,
    column: ColumnName,
    message: Callable[[Row], str],
) -> None:
    """Raise a ParseError for the first row (in file order) where ``condition`` is true."""
    bad = frame.filter(condition.fill_null(False))
    if bad.height == 0:
        return
    row = bad.sort("source_line").row(0, named=True)
    name = column(row) if callable(column) else column
    raise ParseError(file, row["source_line"], name, message(row))


def parse_values(frame: pl.DataFrame, raw: str, file: str, column: ColumnName) -> pl.DataFrame:
    """Add ``value`` (Float64), ``symbol`` and ``cell_quality`` from the text column ``raw``.

    A cell is a number (decimal comma or point, no thousands separator), optionally in
    parentheses (limited reliability, quality ``()``) and/or followed by a quality flag
    ``e p r s``; or one of ``SYMBOLS``, optionally followed by a flag. ``0`` is a number.
    """
    cell = pl.col(raw).fill_null("").str.strip_chars().replace(_SYMBOL_ALIASES)
    frame = frame.with_columns(_cell=cell).with_columns(
        _flag=pl.col("_cell").str.extract(r"^.*?\S\s*([eprs])$", 1)
    )
    without_flag = pl.col("_cell").str.extract(r"^(.*?\S)\s*[eprs]$", 1)
    frame = frame.with_columns(
        _base=pl.when(pl.col("_flag").is_null()).then(pl.col("_cell")).otherwise(without_flag)
    )
    paren = pl.col("_base").str.extract(rf"^\(\s*({NUMBER})\s*\)$", 1)
    plain = pl.col("_base").str.extract(rf"^({NUMBER})$", 1)
    frame = frame.with_columns(_paren=paren, _num=pl.coalesce(paren, plain))
    raise_first(frame, pl.col("_cell") == "", file, column, lambda _: "Der Wert fehlt.")
    invalid = pl.col("_num").is_null() & ~pl.col("_base").is_in(SYMBOLS)
    raise_first(frame, invalid, file, column, _not_a_value)
    quality = pl.concat_str(
        [pl.when(pl.col("_paren").is_not_null()).then(pl.lit("()")), pl.col("_flag")],
        separator=" ",
        ignore_nulls=True,
    )
    return frame.with_columns(
        value=pl.col("_num").str.replace(",", ".", literal=True).cast(pl.Float64),
        symbol=pl.when(pl.col("_num").is_null()).then(pl.col("_base")),
        cell_quality=pl.when(quality != "").then(quality),
    ).drop("_cell", "_flag", "_base", "_paren", "_num")


def _not_a_value(row: Row) -> str:
    return f"'{row['_cell']}' ist weder Zahl noch gültiges Zeichen"


def check_quality(frame: pl.DataFrame, flags: str, file: str, column: ColumnName) -> None:
    """Quality flags given in a column of their own must be ``e p r s`` or ``()``."""
    allowed = [*QUALITY_FLAGS, "()", ""]
    invalid = ~pl.col(flags).fill_null("").str.strip_chars().is_in(allowed)
    raise_first(frame, invalid, file, column, lambda r: _bad_flag(r[flags]))


def _bad_flag(flag: str) -> str:
    return f"'{flag.strip()}' ist kein gültiges Qualitätskennzeichen (erlaubt: e p r s ())"


def parse_periods(frame: pl.DataFrame, raw: str, file: str, column: ColumnName) -> pl.DataFrame:
    """Add ``period`` (ISO where the input is a date) and ``period_kind``."""
    text = (
        pl.col(raw)
        .fill_null("")
        .str.strip_chars()
        .str.replace(r"^([0-9]{2})\.([0-9]{2})\.([0-9]{4})$", "${3}-${2}-${1}")
        .str.replace(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T]00:00:00$", "${1}")
    )
    kind = pl.lit("other")
    for name, pattern in PERIOD_PATTERNS.items():
        kind = pl.when(pl.col("period").str.contains(pattern)).then(pl.lit(name)).otherwise(kind)
    frame = frame.with_columns(period=text).with_columns(period_kind=kind)
    raise_first(frame, pl.col("period") == "", file, column, lambda _: "Die Zeitangabe fehlt.")
    no_date = pl.col("period").str.to_date("%Y-%m-%d", strict=False).is_null()
    bad_date = (pl.col("period_kind") == "date") & no_date
    raise_first(frame, bad_date, file, column, lambda r: f"'{r['period']}' ist kein gültiges Datum")
    return frame


def check_region_keys(frame: pl.DataFrame, key: str, file: str, column: ColumnName) -> None:
    invalid = ~pl.col(key).fill_null("").str.contains(REGION_KEY)
    raise_first(frame, invalid, file, column, lambda r: _bad_region_key(r[key] or ""))


def _bad_region_key(key: str) -> str:
    if not key:
        return "Der Regionalschlüssel fehlt."
    if key.isascii() and key.isdigit():
        return (
            f"Regionalschlüssel '{key}' hat {len(key)} Stellen; erlaubt sind 2, 3, 5, 8, 9 "
            "oder 12 (führende Null verloren?)"
        )
    return f"'{key}' ist kein gültiger Regionalschlüssel"


def disaggregation(parts: Sequence[tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]]) -> list[pl.Expr]:
    """``disaggregation`` and ``disaggregation_label`` from (var code, var label, attribute
    code, attribute label) per classifying variable; an empty code means "not classified
    here" (total or absent variable). Pairs are sorted by variable code."""
    if not parts:
        return [pl.lit("").alias("disaggregation"), pl.lit("").alias("disaggregation_label")]
    items = [_pair(*(expr.fill_null("") for expr in part)) for part in parts]
    pairs = pl.concat_list(items).list.drop_nulls().list.sort()
    codes = pl.element().str.replace(f"{_LABEL_SEP}.*$", "").str.replace(_CODE_SEP, ":")
    labels = pl.element().str.replace(f"^[^{_LABEL_SEP}]*{_LABEL_SEP}", "")
    return [
        pairs.list.eval(codes).list.join("|").alias("disaggregation"),
        pairs.list.eval(labels).list.join(" | ").alias("disaggregation_label"),
    ]


def _pair(code: pl.Expr, label: pl.Expr, attr: pl.Expr, attr_label: pl.Expr) -> pl.Expr:
    text = pl.concat_str([code, pl.lit(_CODE_SEP), attr, pl.lit(_LABEL_SEP), label])
    text = pl.concat_str([text, pl.lit(": "), attr_label])
    return pl.when((code != "") & (attr != "")).then(text)
