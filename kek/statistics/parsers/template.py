"""KEK long template for sources that are not GENESIS files (CSV or XLSX).

One value per line, ``;``-separated, UTF-8 (with or without BOM) or Windows-1252; in XLSX
the first worksheet with the header in row 1. Column names are case-insensitive; columns
may come in any order::

    region_key;period;indicator_code;indicator_label;unit;disaggregation;value;symbol
    14730;2024-12-31;BEVSTD;Bevölkerungsstand;Anzahl;;199422;
    14730;2024-12-31;BEVSTD;Bevölkerungsstand;Anzahl;GES:GESM;98780;
    14730;2023;KITA01;Betreuungsquote unter 3 Jahren;Prozent;;;.

Required: ``region_key`` (text, leading zeros kept: DG, 01–16, 3/5/8/9/12 digits),
``period`` (``2024-12-31``, ``31.12.2024``, ``2023``, ``2023-10P6M`` or any other text,
kept as is), ``indicator_code``, ``value``.

Optional: ``indicator_label`` (defaults to the code), ``unit``, ``region_name``,
``table`` (source table or statistic code), ``disaggregation`` (``VAR:ATTR`` pairs joined
by ``|``, in any order; empty = total), ``disaggregation_label`` (free text, taken as
is), ``symbol`` (one of ``- . ... / x () |`` when there is no value), ``quality``
(``e p r s`` or ``()``).

``value`` holds a number with decimal comma or point and no thousands separator; it may
instead hold the symbol itself, or a number with a quality flag such as ``12,5 p``.
A value and a symbol in the same line are an error.
"""

from __future__ import annotations

import polars as pl

from .cells import (
    SYMBOLS,
    check_quality,
    check_region_keys,
    parse_periods,
    parse_values,
    raise_first,
)
from .errors import ParseError
from .model import FileFormat, ParseResult, build_result, finalize

REQUIRED = ("region_key", "period", "indicator_code", "value")
OPTIONAL = (
    "indicator_label",
    "unit",
    "region_name",
    "table",
    "disaggregation",
    "disaggregation_label",
    "symbol",
    "quality",
)
_PAIR = r"^[^:|]+:[^:|]+$"
_SORT_SEP = "\x01"


def parse_template(grid: pl.DataFrame, file: str) -> ParseResult:
    header = [cell.strip().lower() for cell in grid["cells"][0]]
    line = int(grid["source_line"][0])
    _check_header(header, line, file)
    body = grid.slice(1)
    if body.height == 0:
        raise ParseError(file, None, None, "Die Datei enthält keine Datenzeilen.")
    frame = _widen(body, header, file)
    check_region_keys(frame, "region_key", file, "region_key")
    frame = _values(frame, file)
    frame = parse_periods(frame, "period", file, "period")
    frame = frame.with_columns(
        disaggregation=_canonical_disaggregation(frame, file),
        value_variable_code=pl.col("indicator_code"),
        value_variable_label=pl.when(pl.col("indicator_label") == "")
        .then(pl.col("indicator_code"))
        .otherwise(pl.col("indicator_label")),
    )
    empty_code = pl.col("indicator_code") == ""
    raise_first(frame, empty_code, file, "indicator_code", lambda _: "Der Indikator-Code fehlt.")
    statistics = {code: "" for code in frame["table"].unique(maintain_order=True).to_list()}
    classes = _classes(frame)
    return build_result(finalize(frame), FileFormat.TEMPLATE, statistics, classes)


def _check_header(header: list[str], line: int, file: str) -> None:
    for name in header:
        if name and name not in REQUIRED + OPTIONAL:
            allowed = ", ".join(REQUIRED + OPTIONAL)
            raise ParseError(file, line, name, f"Unbekannte Spalte; erlaubt sind: {allowed}.")
        if name and header.count(name) > 1:
            raise ParseError(file, line, name, "Die Spalte kommt mehrfach vor.")
    for name in REQUIRED:
        if name not in header:
            raise ParseError(file, line, name, "Pflichtspalte fehlt.")


def _widen(body: pl.DataFrame, header: list[str], file: str) -> pl.DataFrame:
    width = len(header)
    raise_first(
        body,
        pl.col("cells").list.len() != width,
        file,
        None,
        lambda row: f"Die Zeile hat {len(row['cells'])} statt {width} Felder.",
    )
    cells = pl.col("cells")
    present = [
        cells.list.get(i).fill_null("").str.strip_chars().alias(name)
        for i, name in enumerate(header)
        if name
    ]
    missing = [pl.lit("").alias(name) for name in OPTIONAL if name not in header]
    return body.select("source_line", *present, *missing)


def _values(frame: pl.DataFrame, file: str) -> pl.DataFrame:
    both = (pl.col("value") != "") & (pl.col("symbol") != "")
    raise_first(frame, both, file, "symbol", lambda _: "Wert und Symbol gleichzeitig angegeben.")
    bad_symbol = (pl.col("symbol") != "") & ~pl.col("symbol").is_in(SYMBOLS)
    raise_first(frame, bad_symbol, file, "symbol", lambda r: f"'{r['symbol']}' ist kein Symbol.")
    cell = pl.when(pl.col("value") == "").then(pl.col("symbol")).otherwise(pl.col("value"))
    frame = parse_values(frame.with_columns(_text=cell), "_text", file, "value")
    check_quality(frame, "quality", file, "quality")
    quality = pl.when(pl.col("quality") != "").then(pl.col("quality"))
    return frame.with_columns(quality=pl.coalesce(quality, "cell_quality")).drop("_text")


def _pairs() -> pl.Expr:
    return (
        pl.col("disaggregation")
        .str.split("|")
        .list.eval(pl.element().str.strip_chars().str.replace(r"\s*:\s*", ":"))
        .list.eval(pl.element().filter(pl.element() != ""))
    )


def _canonical_disaggregation(frame: pl.DataFrame, file: str) -> pl.Expr:
    invalid = _pairs().list.eval(~pl.element().str.contains(_PAIR)).list.any()
    raise_first(
        frame,
        invalid,
        file,
        "disaggregation",
        lambda r: f"'{r['disaggregation']}' hat nicht die Form CODE:AUSPRÄGUNG|CODE:AUSPRÄGUNG",
    )
    sortable = pl.element().str.replace(":", _SORT_SEP, literal=True)
    restored = pl.element().str.replace(_SORT_SEP, ":", literal=True)
    return _pairs().list.eval(sortable).list.sort().list.eval(restored).list.join("|")


def _classes(frame: pl.DataFrame) -> pl.DataFrame:
    pairs = frame.select(pair=pl.col("disaggregation").str.split("|")).explode("pair")
    pairs = pairs.filter(pl.col("pair").fill_null("") != "").unique(maintain_order=True)
    code = pl.col("pair").str.split_exact(":", 1)
    return pairs.select(
        var_code=code.struct.field("field_0"),
        var_label=code.struct.field("field_0"),
        attr_code=code.struct.field("field_1"),
        attr_label=code.struct.field("field_1"),
    )
