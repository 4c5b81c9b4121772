"""CSV front end for the evaluation methods: S.csv + P.csv → R.csv.

``S.csv`` holds observations (``series_id, year, value``), ``P.csv`` one line per series
(``series_id, direction, base_year, target, target_year``; ``direction`` is ``increase`` or
``decrease``; ``base_year``, ``target`` and ``target_year`` may be empty; method ``trend`` needs
only ``series_id`` and ``direction``). Optional ``P.csv`` columns ``threshold_profile`` (M1) and
``estimator`` (M2) override the defaults per series. Files are UTF-8 (with or without BOM, else
Windows-1252), separated by ``,`` or ``;`` (taken from the header line); with ``;`` a decimal
comma is accepted. An empty ``value`` in S.csv means "no observation".

Bad input raises :class:`InputError` with a German message for users naming file, line and
column.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl

from kek.evaluation import methods

DIRECTIONS = {"increase": 1, "decrease": -1}
SERIES_COLUMNS = ("series_id", "year", "value")
PARAM_COLUMNS = ("series_id", "direction", "base_year", "target", "target_year")
TREND_PARAM_COLUMNS = ("series_id", "direction")
_METHOD_NAMES = ", ".join(methods.METHODS)


class InputError(ValueError):
    """Invalid input file; ``str(error)`` is a German message for users."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        where = [file] if file else []
        where += [f"Zeile {line}"] if line is not None else []
        where += [f"Spalte {field}"] if field is not None else []
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.file = file
        self.line = line
        self.field = field


def evaluate_csv(
    method: str,
    series_path: str | Path,
    params_path: str | Path,
    out_path: str | Path,
    *,
    profile: str = methods.DEFAULT_PROFILE,
    estimator: str = methods.DEFAULT_ESTIMATOR,
) -> pl.DataFrame:
    """Evaluate every series of ``params_path`` with ``method`` and write ``out_path``.

    ``method`` is ``open-sdg`` (M1), ``dns`` (M2) or ``trend`` (M3); ``profile`` (M1:
    ``default`` or ``eurostat``) and ``estimator`` (M2: ``slope``, ``endpoints`` or
    ``compound``) are the defaults for series without their own value. R.csv (UTF-8, ``,``)
    has the columns ``series_id, status`` followed by the other columns of
    :data:`kek.evaluation.methods.SCHEMAS` for the method, ``direction`` written as
    ``increase``/``decrease``. Returns the result table. Raises :class:`InputError`.
    """
    if method not in methods.METHODS:
        raise InputError(f"'{method}' ist keine bekannte Methode ({_METHOD_NAMES})")
    options = _options(method, profile, estimator)
    observations = read_series(series_path)
    required = TREND_PARAM_COLUMNS if method == methods.TREND else PARAM_COLUMNS
    params = read_params(params_path, required)
    result = methods.evaluate(method, observations, params, **options)
    result = result.with_columns(
        pl.col("direction").replace_strict({1: "increase", -1: "decrease"}, return_dtype=pl.String)
    )
    result.write_csv(out_path)
    return result


def _options(method: str, profile: str, estimator: str) -> dict[str, str]:
    if method == methods.OPEN_SDG:
        _check_choice(profile, tuple(methods.NO_TARGET_PROFILES), "Schwellenprofil")
        return {"profile": profile}
    if method == methods.DNS:
        _check_choice(estimator, methods.ESTIMATORS, "Trendschätzer")
        return {"estimator": estimator}
    return {}


def read_series(path: str | Path) -> pl.DataFrame:
    """Read S.csv into ``series_id`` (text), ``year`` (int), ``value`` (float) columns."""
    records = _read_records(path, SERIES_COLUMNS)
    raw = records.cells(SERIES_COLUMNS)
    check = _Checker(records)
    check.text(raw["series_id"])
    year = check.parsed(raw["year"], _fast_year, _year)
    value = check.parsed(raw["value"], _fast_number, _number, optional=True)
    table = pl.DataFrame([raw["series_id"], year, value])
    check.series_duplicates(table)
    check.done()
    return table.filter(pl.col("value").is_not_null())


def read_params(path: str | Path, required: tuple[str, ...] = PARAM_COLUMNS) -> pl.DataFrame:
    """Read P.csv; empty ``base_year``/``target``/``target_year`` become null (defaults)."""
    records = _read_records(path, required)
    raw = records.cells(PARAM_COLUMNS + ("threshold_profile", "estimator"))
    check = _Checker(records)
    check.text(raw["series_id"])
    check.params_duplicates(raw["series_id"])
    table = pl.DataFrame(
        [
            raw["series_id"],
            check.parsed(raw["direction"], _fast_direction, _direction),
            check.parsed(raw["base_year"], _fast_year, _year, optional=True),
            check.parsed(raw["target"], _fast_number, _number, optional=True),
            check.parsed(raw["target_year"], _fast_year, _year, optional=True),
            check.choice(raw["threshold_profile"], methods.NO_TARGET_PROFILES),
            check.choice(raw["estimator"], methods.ESTIMATORS),
        ]
    )
    check.done()
    return table


# --- reading and cell parsing ------------------------------------------------------------------
#
# The files are read as csv.reader reads them, and checked in the order in which a reader going
# line by line would check them, but column by column with polars: _Checker keeps the first
# problem (earliest line, then first check on that line).

# What str.strip() removes (str.isspace), so that cells are stripped exactly as in Python.
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Plain ASCII numbers and years, parsed by polars exactly as float()/int() would; any other
# non-empty cell goes through the Python parser (_number, _year, _direction), which either
# accepts it (e.g. "1_000", full-width digits) or gives the message for the user.
_NUMBER_PATTERN = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_YEAR_PATTERN = r"^[0-9]{4}$"


@dataclass(frozen=True)
class _Records:
    """The non-blank data records of a CSV file: line numbers and cell lists."""

    file: str
    header: list[str]
    rows: pl.DataFrame  # line (on which the record ends, as an editor counts), cells (list)
    padded: bool  # whether cells may need stripping
    broken: InputError | None  # invalid CSV after the last record read

    def cells(self, fields: tuple[str, ...]) -> pl.DataFrame:
        """The stripped cells of ``fields`` (last column of that name); "" where absent."""
        return self.rows.with_columns(self._cell(field) for field in fields).select(fields)

    def _cell(self, field: str) -> pl.Expr:
        if field not in self.header:
            return pl.lit("", dtype=pl.String).alias(field)
        index = len(self.header) - 1 - self.header[::-1].index(field)
        cell = pl.col("cells").list.get(index, null_on_oob=True).fill_null("")
        return (cell.str.strip_chars(_WHITESPACE) if self.padded else cell).alias(field)


def _read_records(path: str | Path, required: tuple[str, ...]) -> _Records:
    name = Path(path).name
    text = _read_text(Path(path), name)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise InputError("Datei ist leer oder hat keine Kopfzeile", file=name, line=1)
    delimiter = ";" if ";" in first_line else ","
    rows = _split_plain(text, delimiter)
    if rows is None:
        rows, broken = _split_csv(text, delimiter, name)
        padded = True  # quoted cells may even hold line breaks
    else:
        broken = None
        padded = any(character in text for character in _WHITESPACE if character not in "\r\n")
    if not rows.height:
        raise broken or InputError("Datei ist leer oder hat keine Kopfzeile", file=name, line=1)
    header = [column.strip().lower() for column in rows["cells"][0]]
    for column in required:
        if column not in header:
            expected = ", ".join(required)
            raise InputError(
                f"Spalte fehlt in der Kopfzeile (erwartet: {expected})",
                file=name,
                line=1,
                field=column,
            )
    data = rows.slice(1)
    if data["blank"].any():
        data = data.filter(~pl.col("blank"))
    data = data.drop("blank")
    return _Records(name, header, data, padded, broken)


def _split_plain(text: str, delimiter: str) -> pl.DataFrame | None:
    """Records of a file without quotes (the usual case): lines split at the delimiter.

    None where :func:`_split_csv` must read the file (quotes, lines over the field limit).
    """
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = pl.Series("text", [text]).str.split("\n").explode()
    limit = csv.field_size_limit()
    if (lines.str.len_bytes() > limit).any() and (lines.str.len_chars() > limit).any():
        return None
    return pl.DataFrame(
        {
            "line": pl.int_range(1, len(lines) + 1, dtype=pl.Int64, eager=True),
            "cells": lines.str.split(delimiter),
            "blank": ~lines.str.contains(f"[^{_class(_WHITESPACE + delimiter)}]"),
        }
    )


def _split_csv(text: str, delimiter: str, name: str) -> tuple[pl.DataFrame, InputError | None]:
    """Records as :func:`csv.reader` reads them; line numbers from the line breaks in cells."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    broken = None
    try:
        records.extend(reader)  # keeps the records read before an error
    except csv.Error as error:
        broken = InputError(f"ungültiges CSV ({error})", file=name, line=reader.line_num)
    cells = pl.Series("cells", records, dtype=pl.List(pl.String))
    breaks = cells.list.eval(pl.element().str.count_matches(r"\r\n|\r|\n")).list.sum()
    lines = (breaks.cast(pl.Int64) + 1).cum_sum()
    if broken is None and records:  # the last record may end in a quoted line break at EOF
        lines = lines.scatter(len(records) - 1, reader.line_num)
    filled = pl.element().str.strip_chars(_WHITESPACE) != ""
    blank = ~cells.list.eval(filled).list.any()
    return pl.DataFrame({"line": lines, "cells": cells, "blank": blank}), broken


def _class(characters: str) -> str:
    """Characters for a regular-expression character class, each escaped."""
    return "".join(f"\\x{{{ord(character):x}}}" for character in characters)


class _Checker:
    """Collects the first problem of a file in reading order (line, then check on the line).

    The checks must be made in the order in which they apply within one line.
    """

    def __init__(self, records: _Records) -> None:
        self.records = records
        self.rank = 0  # position of the current check within a line
        self.found: tuple[int, int, InputError] | None = None  # (row, rank, error)
        count = records.rows["cells"].list.len()
        width = len(records.header)
        self.flag(
            count > width, lambda i: (f"{count[i]} Felder, die Kopfzeile hat nur {width}", None)
        )
        self.flag(
            count < width,
            lambda i: (
                f"Wert fehlt (Zeile hat nur {count[i]} von {width} Feldern)",
                records.header[count[i]],
            ),
        )

    @property
    def limit(self) -> int:
        """Rows from here on can no longer change the problem reported."""
        return self.records.rows.height if self.found is None else self.found[0]

    def flag(self, mask: pl.Series, explain: Callable[[int], tuple[str, str | None]]) -> None:
        """Next check: the first row where ``mask`` holds; ``explain(row)`` → (message, field)."""
        self.rank += 1
        rows = mask.fill_null(False).arg_true()
        if len(rows):
            self.note(rows[0], explain)

    def note(self, row: int, explain: Callable[[int], tuple[str, str | None]]) -> None:
        if self.found is None or (row, self.rank) < self.found[:2]:
            message, field = explain(row)
            line = self.records.rows["line"][row]
            error = InputError(message, file=self.records.file, line=line, field=field)
            self.found = (row, self.rank, error)

    def done(self) -> None:
        """Raise the first problem, else an invalid-CSV error after the last record read."""
        if self.found is not None:
            raise self.found[2]
        if self.records.broken is not None:
            raise self.records.broken

    def text(self, raw: pl.Series) -> None:
        self.flag(raw == "", lambda i: ("Wert fehlt", raw.name))

    def parsed(
        self,
        raw: pl.Series,
        fast: Callable[[pl.Series], pl.Series],
        parser: Callable[[str], Any],
        *,
        optional: bool = False,
    ) -> pl.Series:
        """``raw`` parsed by ``fast`` (polars); cells it leaves null (rare formats such as
        "1_000", or errors) go through ``parser``, up to the first problem of the file."""
        values = fast(raw).alias(raw.name)
        if optional:
            self.rank += 1
        else:
            self.text(raw)
        unusual = ((raw != "") & values.is_null()).arg_true()
        rows: list[int] = []
        parsed: list[Any] = []
        for row in unusual.to_list():
            if row >= self.limit:
                break
            try:
                parsed.append(parser(raw[row]))
                rows.append(row)
            except ValueError as error:
                self.note(row, partial(_unreadable, raw, str(error)))
        return values.scatter(rows, parsed) if rows else values

    def choice(self, raw: pl.Series, allowed: Any) -> pl.Series:
        allowed_text = " oder ".join(allowed)
        self.flag(
            (raw != "") & ~raw.is_in(list(allowed)),
            lambda i: (f"'{raw[i]}' ist kein gültiger Wert ({allowed_text})", raw.name),
        )
        return _where(raw != "", raw)

    def series_duplicates(self, table: pl.DataFrame) -> None:
        """S.csv: a second value for the same series and year."""
        self.rank += 1
        rows = table.with_row_index("row").filter(pl.col("value").is_not_null())
        if methods.grouped_by_series(rows):  # null years are reported first
            return
        key = pl.struct("series_id", "year")
        rows = rows.with_columns(first=pl.col("row").first().over(key))
        again = rows.filter(pl.col("row") != pl.col("first")).head(1)

        def explain(_: int) -> tuple[str, str]:
            series_id, year, first = again.select("series_id", "year", "first").row(0)
            line = self.records.rows["line"][first]
            return f"Reihe '{series_id}' hat für {year} schon einen Wert (Zeile {line})", "year"

        if again.height:
            self.note(again["row"][0], explain)

    def params_duplicates(self, series_id: pl.Series) -> None:
        """P.csv: a series listed twice."""

        def explain(row: int) -> tuple[str, str]:
            first = (series_id == series_id[row]).arg_true()[0]
            line = self.records.rows["line"][first]
            return f"Reihe '{series_id[row]}' steht schon in Zeile {line}", "series_id"

        self.flag(~series_id.is_first_distinct(), explain)


def _where(condition: pl.Series, values: pl.Series) -> pl.Series:
    """``values`` where ``condition`` holds, else null."""
    frame = pl.DataFrame({"condition": condition, "values": values})
    return frame.select(pl.when("condition").then("values")).to_series().alias(values.name)


def _fast_year(cell: pl.Series) -> pl.Series:
    return _where(cell.str.contains(_YEAR_PATTERN), cell.cast(pl.Int64, strict=False))


def _fast_number(cell: pl.Series) -> pl.Series:
    if cell.str.contains(",", literal=True).any():
        comma = cell.str.contains(",", literal=True) & ~cell.str.contains(".", literal=True)
        cell = _where(comma, cell.str.replace_all(",", ".", literal=True)).fill_null(cell)
    number = cell.cast(pl.Float64, strict=False)
    return _where(cell.str.contains(_NUMBER_PATTERN) & number.is_finite(), number)


def _fast_direction(cell: pl.Series) -> pl.Series:
    lower = cell.str.to_lowercase()
    return lower.replace_strict(DIRECTIONS, default=None, return_dtype=pl.Int64).alias(cell.name)


def _read_text(path: Path, name: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("Datei nicht gefunden", file=name) from None
    except OSError as error:
        raise InputError(f"Datei kann nicht gelesen werden ({error.strerror})", file=name) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _number(text: str) -> float:
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueError("ist keine Zahl") from None
    if not math.isfinite(value):
        raise ValueError("ist keine Zahl")
    return value


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise ValueError("ist keine gültige Jahreszahl (vierstellig, z. B. 2015)")
    return int(text)


def _direction(text: str) -> int:
    direction = DIRECTIONS.get(text.lower())
    if direction is None:
        raise ValueError("ist keine gültige Richtung (increase oder decrease)")
    return direction


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise InputError(f"'{value}' ist kein gültiges {what} ({' oder '.join(allowed)})")


def _unreadable(raw: pl.Series, problem: str, row: int) -> tuple[str, str | None]:
    return f"'{raw[row]}' {problem}", raw.name
