"""Output schema and result type shared by all format parsers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import polars as pl


class FileFormat(StrEnum):
    FLAT = "ffcsv"  # flat-file CSV, English column names
    FLAT_OLD = "ffcsv-alt"  # flat-file CSV, German column names, one column per value variable
    TABLE = "genesis-tabelle"  # classic GENESIS table CSV with title block and footer
    TEMPLATE = "vorlage"  # KEK long template (CSV or XLSX)


OUTPUT_SCHEMA: dict[str, pl.DataType] = {
    "table": pl.String(),
    "region_key": pl.String(),
    "region_name": pl.String(),
    "period": pl.String(),
    "period_kind": pl.String(),
    "value_variable_code": pl.String(),
    "value_variable_label": pl.String(),
    "unit": pl.String(),
    "disaggregation": pl.String(),
    "disaggregation_label": pl.String(),
    "value": pl.Float64(),
    "symbol": pl.String(),
    "quality": pl.String(),
    "source_line": pl.UInt32(),
}

# Columns of the frame each parser hands to ``build_result`` to describe the classification.
CLASS_COLUMNS = ("var_code", "var_label", "attr_code", "attr_label")


@dataclass(frozen=True)
class ValueVariable:
    code: str
    label: str
    unit: str


@dataclass(frozen=True)
class ParseResult:
    """Long data plus the metadata needed to create indicators for an unknown table.

    ``variables`` maps a classifying variable code to its label, ``attributes`` maps a
    variable code to {attribute code: attribute label}; region variables are left out.
    ``note`` holds the footer text of classic tables (copyright, remarks).
    """

    data: pl.DataFrame
    file_format: FileFormat
    statistics: dict[str, str]
    value_variables: dict[str, ValueVariable]
    variables: dict[str, str] = field(default_factory=dict)
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    note: str = ""


def empty_classes() -> pl.DataFrame:
    return pl.DataFrame(schema={name: pl.String for name in CLASS_COLUMNS})


def finalize(frame: pl.DataFrame) -> pl.DataFrame:
    """Select the output columns in schema order, cast, and order rows as in the file."""
    columns = [pl.col(name).cast(dtype) for name, dtype in OUTPUT_SCHEMA.items()]
    return frame.select(columns).sort("source_line", maintain_order=True)


def build_result(
    data: pl.DataFrame,
    file_format: FileFormat,
    statistics: dict[str, str],
    classes: pl.DataFrame,
    note: str = "",
) -> ParseResult:
    return ParseResult(
        data=data,
        file_format=file_format,
        statistics=statistics,
        value_variables=_value_variables(data),
        variables=_variables(classes),
        attributes=_attributes(classes),
        note=note,
    )


def _value_variables(data: pl.DataFrame) -> dict[str, ValueVariable]:
    unique = data.select("value_variable_code", "value_variable_label", "unit").unique(
        subset="value_variable_code", keep="first", maintain_order=True
    )
    return {code: ValueVariable(code, label, unit) for code, label, unit in unique.iter_rows()}


def _variables(classes: pl.DataFrame) -> dict[str, str]:
    unique = classes.filter(pl.col("var_code") != "").unique(
        subset="var_code", keep="first", maintain_order=True
    )
    return dict(unique.select("var_code", "var_label").iter_rows())


def _attributes(classes: pl.DataFrame) -> dict[str, dict[str, str]]:
    unique = classes.filter((pl.col("var_code") != "") & (pl.col("attr_code") != "")).unique(
        subset=["var_code", "attr_code"], keep="first", maintain_order=True
    )
    attributes: dict[str, dict[str, str]] = {}
    for var_code, attr_code, attr_label in unique.select(
        "var_code", "attr_code", "attr_label"
    ).iter_rows():
        attributes.setdefault(var_code, {})[attr_code] = attr_label
    return attributes
