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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
    name = Path(path).name
    ids: list[str] = []
    years: list[int] = []
    values: list[float] = []
    seen: dict[tuple[str, int], int] = {}
    for line, row in _rows(path, SERIES_COLUMNS):
        cell = _Cell(name, line, row)
        series_id, year = cell.text("series_id"), cell.parse("year", _year)
        value = cell.parse("value", _number, optional=True)
        if value is None:
            continue
        if (series_id, year) in seen:
            raise InputError(
                f"Reihe '{series_id}' hat für {year} schon einen Wert "
                f"(Zeile {seen[series_id, year]})",
                file=name,
                line=line,
                field="year",
            )
        seen[series_id, year] = line
        ids.append(series_id)
        years.append(year)
        values.append(value)
    return pl.DataFrame(
        {"series_id": ids, "year": years, "value": values},
        schema={"series_id": pl.String, "year": pl.Int64, "value": pl.Float64},
    )


def read_params(path: str | Path, required: tuple[str, ...] = PARAM_COLUMNS) -> pl.DataFrame:
    """Read P.csv; empty ``base_year``/``target``/``target_year`` become null (defaults)."""
    name = Path(path).name
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, required):
        cell = _Cell(name, line, row)
        series_id = cell.text("series_id")
        if series_id in seen:
            raise InputError(
                f"Reihe '{series_id}' steht schon in Zeile {seen[series_id]}",
                file=name,
                line=line,
                field="series_id",
            )
        seen[series_id] = line
        rows.append(
            {
                "series_id": series_id,
                "direction": cell.parse("direction", _direction),
                "base_year": cell.parse("base_year", _year, optional=True),
                "target": cell.parse("target", _number, optional=True),
                "target_year": cell.parse("target_year", _year, optional=True),
                "threshold_profile": cell.choice("threshold_profile", methods.NO_TARGET_PROFILES),
                "estimator": cell.choice("estimator", methods.ESTIMATORS),
            }
        )
    schema = {
        "series_id": pl.String,
        "direction": pl.Int64,
        "base_year": pl.Int64,
        "target": pl.Float64,
        "target_year": pl.Int64,
        "threshold_profile": pl.String,
        "estimator": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


# --- reading and cell parsing ------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    """Accessor for the cells of one data line, raising :class:`InputError` with position."""

    file: str
    line: int
    row: dict[str, str]

    def raw(self, field: str) -> str:
        return self.row.get(field, "").strip()

    def text(self, field: str) -> str:
        value = self.raw(field)
        if not value:
            raise self.error(field, "Wert fehlt")
        return value

    def parse(self, field: str, parser: Callable[[str], Any], *, optional: bool = False) -> Any:
        value = self.raw(field)
        if not value:
            if optional:
                return None
            raise self.error(field, "Wert fehlt")
        try:
            return parser(value)
        except ValueError as error:
            raise self.error(field, f"'{value}' {error}") from None

    def choice(self, field: str, allowed: Any) -> str | None:
        value = self.raw(field)
        if value and value not in allowed:
            allowed_text = " oder ".join(allowed)
            raise self.error(field, f"'{value}' ist kein gültiger Wert ({allowed_text})")
        return value or None

    def error(self, field: str, message: str) -> InputError:
        return InputError(message, file=self.file, line=self.line, field=field)


def _rows(path: str | Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, {column: cell}) for the data lines of a CSV file."""
    name = Path(path).name
    text = _read_text(Path(path), name)
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise InputError("Datei ist leer oder hat keine Kopfzeile", file=name, line=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if ";" in first_line else ",")
    try:
        yield from _data_rows(reader, required, name)
    except csv.Error as error:
        raise InputError(f"ungültiges CSV ({error})", file=name, line=reader.line_num) from None


def _data_rows(
    reader: Any, required: tuple[str, ...], name: str
) -> Iterator[tuple[int, dict[str, str]]]:
    header = [column.strip().lower() for column in next(reader)]
    for column in required:
        if column not in header:
            expected = ", ".join(required)
            raise InputError(
                f"Spalte fehlt in der Kopfzeile (erwartet: {expected})",
                file=name,
                line=1,
                field=column,
            )
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        if len(cells) > len(header):
            raise InputError(
                f"{len(cells)} Felder, die Kopfzeile hat nur {len(header)}", file=name, line=line
            )
        if len(cells) < len(header):
            missing = header[len(cells)]
            raise InputError(
                f"Wert fehlt (Zeile hat nur {len(cells)} von {len(header)} Feldern)",
                file=name,
                line=line,
                field=missing,
            )
        yield line, dict(zip(header, cells, strict=True))


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
