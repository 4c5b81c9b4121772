"""Flat-file CSV (GENESIS "ffcsv"), new English and old German column layout.

Both layouts are mapped onto one intermediate frame with the columns ``statistics_code,
statistics_label, time, raw_value, unit, vv_code, vv_label, q, value_column`` plus
``{N}_code, {N}_label, {N}_attr, {N}_attr_label`` per classifying variable N, and then
normalised by the same code.
"""

from __future__ import annotations

import re

import polars as pl

from .cells import (
    check_quality,
    check_region_keys,
    disaggregation,
    parse_periods,
    parse_values,
    raise_first,
)
from .errors import ParseError
from .model import FileFormat, ParseResult, build_result, empty_classes, finalize

# Region variables: Germany, Länder (DLANDU and other suffixed variants included),
# Regierungsbezirke/statistical regions, districts, municipal associations, municipalities,
# and the Zensus GEO… variables.
REGION_VARIABLE = r"^(?:DINSG|DLAND|REGBEZ|KREISE|GEMVB|GEMEIN|GEO)"
MAX_VARIABLES = 9

NEW_FIXED = {
    "statistics_code": "statistics_code",
    "statistics_label": "statistics_label",
    "time_code": "time_code",
    "time_label": "time_label",
    "time": "time",
    "raw_value": "value",
    "unit": "value_unit",
    "vv_code": "value_variable_code",
    "vv_label": "value_variable_label",
}
NEW_GROUP = {
    "code": "{n}_variable_code",
    "label": "{n}_variable_label",
    "attr": "{n}_variable_attribute_code",
    "attr_label": "{n}_variable_attribute_label",
}
OLD_FIXED = {
    "statistics_code": "Statistik_Code",
    "statistics_label": "Statistik_Label",
    "time_code": "Zeit_Code",
    "time_label": "Zeit_Label",
    "time": "Zeit",
}
OLD_GROUP = {
    "code": "{n}_Merkmal_Code",
    "label": "{n}_Merkmal_Label",
    "attr": "{n}_Auspraegung_Code",
    "attr_label": "{n}_Auspraegung_Label",
}

Names = dict[str, str]  # intermediate column name -> column name in the file


def parse_flat(grid: pl.DataFrame, file: str) -> ParseResult:
    header, line, body = _split(grid, file)
    groups = _groups(header, NEW_GROUP, line, file)
    names = _names(header, NEW_FIXED, NEW_GROUP, groups, line, file)
    if "value_q" in header:
        names["q"] = "value_q"
    wide = _widen(body, header, file)
    frame = wide.select("source_line", *[pl.col(o).alias(i) for i, o in names.items()])
    if "q" not in names:
        frame = frame.with_columns(q=pl.lit(None, pl.String))
    frame = frame.with_columns(
        value_column=pl.lit("value"), quality_column=pl.lit(names.get("q", ""))
    )
    return _normalise(frame, groups, names, file, FileFormat.FLAT)


def parse_flat_old(grid: pl.DataFrame, file: str) -> ParseResult:
    header, line, body = _split(grid, file)
    groups = _groups(header, OLD_GROUP, line, file)
    names = _names(header, OLD_FIXED, OLD_GROUP, groups, line, file)
    known = set(names.values())
    value_columns, quality_columns = _value_columns(header, known, line, file)
    wide = _widen(body, header, file)
    parts = [_old_value_frame(wide, names, column, quality_columns) for column in value_columns]
    frame = pl.concat(parts, how="vertical")
    return _normalise(frame, groups, names, file, FileFormat.FLAT_OLD)


def _split(grid: pl.DataFrame, file: str) -> tuple[list[str], int, pl.DataFrame]:
    header = [cell.strip() for cell in grid["cells"][0]]
    return header, int(grid["source_line"][0]), grid.slice(1)


def _groups(header: list[str], group: dict[str, str], line: int, file: str) -> list[int]:
    """Numbers N of the classifying variables; one of its four columns makes N present."""
    present = [
        n
        for n in range(1, MAX_VARIABLES + 1)
        if any(pattern.format(n=n) in header for pattern in group.values())
    ]
    for n in present:
        for pattern in group.values():
            if pattern.format(n=n) not in header:
                raise ParseError(file, line, pattern.format(n=n), "Pflichtspalte fehlt.")
    return present


def _names(
    header: list[str],
    fixed: dict[str, str],
    group: dict[str, str],
    groups: list[int],
    line: int,
    file: str,
) -> Names:
    names = dict(fixed)
    for n in groups:
        names |= {f"{n}_{key}": pattern.format(n=n) for key, pattern in group.items()}
    for original in names.values():
        if original not in header:
            raise ParseError(file, line, original, "Pflichtspalte fehlt.")
        if header.count(original) > 1:
            raise ParseError(file, line, original, "Die Spalte kommt mehrfach vor.")
    return names


def _widen(body: pl.DataFrame, header: list[str], file: str) -> pl.DataFrame:
    """One text column per distinct, non-empty header name; checks the field count."""
    if body.height == 0:
        raise ParseError(file, None, None, "Die Datei enthält keine Datenzeilen.")
    width = len(header)
    raise_first(
        body,
        pl.col("cells").list.len() != width,
        file,
        lambda row: header[min(len(row["cells"]), width - 1)],
        lambda row: (
            f"Die Zeile hat {len(row['cells'])} statt {width} Felder "
            "(unvollständig oder Trennzeichen im Text)."
        ),
    )
    first_index = {name: i for i, name in reversed(list(enumerate(header))) if name}
    columns = [pl.col("cells").list.get(i).alias(name) for name, i in first_index.items()]
    return body.select("source_line", *columns)


def _value_columns(
    header: list[str], known: set[str], line: int, file: str
) -> tuple[list[str], dict[str, str]]:
    """Value columns ``CODE__Label__Unit`` and quality columns ``CODE__…__q`` by code."""
    values: list[str] = []
    qualities: dict[str, str] = {}
    for name in header:
        if not name or name in known:
            continue
        if "__" not in name:
            message = "Unbekannte Spalte; Wertspalten heißen CODE__Bezeichnung__Einheit."
            raise ParseError(file, line, name, message)
        if name.endswith("__q"):
            qualities[name.split("__")[0]] = name
        elif name not in values:
            values.append(name)
    if not values:
        message = "Keine Wertspalte (CODE__Bezeichnung__Einheit) gefunden."
        raise ParseError(file, line, None, message)
    return values, qualities


def _old_value_frame(
    wide: pl.DataFrame, names: Names, column: str, qualities: dict[str, str]
) -> pl.DataFrame:
    code, label, unit = _split_value_column(column)
    quality = qualities.get(code)
    return wide.select(
        "source_line",
        *[pl.col(original).alias(name) for name, original in names.items()],
        raw_value=pl.col(column),
        q=pl.col(quality) if quality else pl.lit(None, pl.String),
        unit=pl.lit(unit),
        vv_code=pl.lit(code),
        vv_label=pl.lit(label),
        value_column=pl.lit(column),
        quality_column=pl.lit(quality or ""),
    )


def _split_value_column(name: str) -> tuple[str, str, str]:
    """``BEVSTD__Bevoelkerungsstand__Anzahl``; single underscores stand for spaces."""
    code, _, rest = name.partition("__")
    label, _, unit = rest.partition("__")
    return code, _spaces(label), _spaces(unit)


def _spaces(text: str) -> str:
    return re.sub(r"_+", " ", text).strip()


def _normalise(
    frame: pl.DataFrame, groups: list[int], names: Names, file: str, file_format: FileFormat
) -> ParseResult:
    text_columns = [c for c in frame.columns if c not in ("source_line", "raw_value")]
    frame = frame.with_columns(pl.col(text_columns).fill_null("").str.strip_chars())
    frame = _regions(frame, groups, names, file)
    for name in ("statistics_code", "vv_code"):
        empty = pl.col(name) == ""
        raise_first(frame, empty, file, names.get(name), lambda _: "Der Code fehlt.")
    frame = parse_values(frame, "raw_value", file, lambda row: row["value_column"])
    check_quality(frame, "q", file, lambda row: row["quality_column"])
    frame = parse_periods(frame, "time", file, names["time"])
    frame = frame.with_columns(
        *disaggregation([_classifying(n) for n in groups]),
        table=pl.col("statistics_code"),
        value_variable_code=pl.col("vv_code"),
        value_variable_label=pl.col("vv_label"),
        quality=pl.coalesce(pl.when(pl.col("q") != "").then(pl.col("q")), "cell_quality"),
    )
    statistics = dict(
        frame.select("statistics_code", "statistics_label").unique(maintain_order=True).rows()
    )
    return build_result(finalize(frame), file_format, statistics, _classes(frame, groups))


def _is_region(n: int) -> pl.Expr:
    return pl.col(f"{n}_code").str.contains(REGION_VARIABLE)


def _regions(frame: pl.DataFrame, groups: list[int], names: Names, file: str) -> pl.DataFrame:
    """Region from the first region variable of each row; Germany when a row has none."""

    def pick(field: str, default: str) -> pl.Expr:
        choices = [pl.when(_is_region(n)).then(pl.col(f"{n}_{field}")) for n in groups]
        return pl.coalesce(*choices, pl.lit(default))

    frame = frame.with_columns(
        region_key=pick("attr", "DG"),
        region_name=pick("attr_label", "Deutschland"),
        region_column=pl.coalesce(
            *[pl.when(_is_region(n)).then(pl.lit(names[f"{n}_attr"])) for n in groups],
            pl.lit(""),
        ),
    )
    check_region_keys(frame, "region_key", file, lambda row: row["region_column"])
    return frame


def _classifying(n: int) -> tuple[pl.Expr, pl.Expr, pl.Expr, pl.Expr]:
    code = pl.when(_is_region(n)).then(pl.lit("")).otherwise(pl.col(f"{n}_code"))
    return code, pl.col(f"{n}_label"), pl.col(f"{n}_attr"), pl.col(f"{n}_attr_label")


def _classes(frame: pl.DataFrame, groups: list[int]) -> pl.DataFrame:
    parts = [
        frame.filter(~_is_region(n)).select(
            var_code=pl.col(f"{n}_code"),
            var_label=pl.col(f"{n}_label"),
            attr_code=pl.col(f"{n}_attr"),
            attr_label=pl.col(f"{n}_attr_label"),
        )
        for n in groups
    ]
    return pl.concat([empty_classes(), *parts]).unique(maintain_order=True)
