"""Reading user files: YAML with line numbers, spreadsheet and CSV rows with row numbers, the
format by a file's extension, and the one error that names file, place and field. Pure: no
Django. The file formats (`goals.exchange`, `projects.catalogue_io`) build on it.

Places are German and 1-based, as a user sees them in an editor or a spreadsheet:
"Zeile 12" in a YAML or CSV file, "Blatt goals, Zeile 3" in a workbook, "Blatt info".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from kek.core.cells import restore_all

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "SLUG",
    "FileError",
    "LineDict",
    "Row",
    "at",
    "csv_rows",
    "check_district",
    "file_format",
    "line_of",
    "load_yaml",
    "nesting_depth",
    "unknown_fields",
    "new_workbook",
    "open_workbook",
    "place",
    "readable_format",
    "rows",
    "ValueReader",
    "sheet_rows",
    "sheet_values",
    "yaml_loader",
]


class FileError(Exception):
    """A user error in a file; the German message names file, place and field.

    `where` is a place from `place` or `at` ("Zeile 3", "Blatt goals, Zeile 3") or empty when
    the problem concerns the whole file; `field` is the name of a key or column, or empty.
    """

    def __init__(self, file: str, where: str, field: str, problem: str) -> None:
        super().__init__(file, where, field, problem)
        self.file, self.where, self.field, self.problem = file, where, field, problem

    def __str__(self) -> str:
        parts = (self.file, self.where, f"Feld {self.field}" if self.field else "")
        return f"{', '.join(part for part in parts if part)}: {self.problem}"


def place(line: int | None = None, sheet: str = "") -> str:
    """ "Blatt goals, Zeile 3", "Zeile 3", "Blatt info", or "Zeile ?" for an unknown line."""
    parts = [f"Blatt {sheet}"] if sheet else []
    if line is not None or not sheet:
        parts.append(f"Zeile {line if line is not None else '?'}")
    return ", ".join(parts)


# ---------------------------------------------------------------------------------------------
# YAML with line numbers


class LineDict(dict[Any, Any]):
    """A YAML mapping that knows its own line and the line of each of its keys."""

    line: int | None = None
    key_lines: dict[Any, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}


def line_of(mapping: Mapping[Any, Any], key: Any = None) -> int | None:
    """1-based line of `key` in a mapping read by `load_yaml`, else of the mapping itself.

    None for a mapping that was not read from YAML.
    """
    if not isinstance(mapping, LineDict):
        return None
    if key not in (None, "") and key in mapping.key_lines:
        return mapping.key_lines[key]
    return mapping.line


def at(mapping: Mapping[Any, Any], key: Any = None) -> str:
    """The place of `key` (or of the mapping): "Zeile 12"."""
    return place(line_of(mapping, key))


# Deeper than this, a file is refused before PyYAML builds it (the formats need about ten
# levels; PyYAML's pure-Python loader recurses once per level and the C one stops at 1000).
MAX_DEPTH = 100


class _Problem(Exception):
    """A user error found while building the YAML document; `load_yaml` names file and line."""

    def __init__(self, line: int, field: str, problem: str) -> None:
        super().__init__(line, field, problem)
        self.line, self.field, self.problem = line, field, problem


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Iterator[LineDict]:
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data  # first, so that anchors and aliases to this mapping resolve
    first: dict[tuple[str, str], int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        line, ident = key.start_mark.line + 1, (key.tag, key.value)
        if ident in first:
            raise _Problem(
                line, key.value, f"dieses Feld steht hier doppelt (zuerst in Zeile {first[ident]})."
            )
        first[ident] = line
    data.update(loader.construct_mapping(node))
    data.key_lines = {
        key.value: key.start_mark.line + 1
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _lenient(
    construct: Any,
) -> Any:
    """A scalar constructor that keeps the text when the value is impossible (2021-02-30,
    an integer of 5,000 digits), so the format's reader names line and field."""

    def build(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return str(node.value)

    return build


def yaml_loader(fast: bool = True) -> type[yaml.SafeLoader]:
    """A safe loader building `LineDict` mappings: the C one when PyYAML has it (and `fast`).

    Duplicate keys in a mapping are a user error; impossible dates and numbers stay text.
    """
    base: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else yaml.SafeLoader
    loader: type[yaml.SafeLoader] = type(f"Line{base.__name__}", (base,), {})
    loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    for tag, construct in (
        ("timestamp", yaml.SafeLoader.construct_yaml_timestamp),
        ("int", yaml.SafeLoader.construct_yaml_int),
        ("float", yaml.SafeLoader.construct_yaml_float),
    ):
        loader.add_constructor(f"tag:yaml.org,2002:{tag}", _lenient(construct))
    return loader


def nesting_depth(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The first line (1-based) where `text` nests deeper than `limit`, else None.

    A quick scan, generous rather than exact: the indentation levels of block collections
    (each "- " item one more) and the [ and { that open a flow collection; the lines of a
    block scalar (| or >) are text.
    """
    indents: list[int] = []
    flow = 0
    scalar: int | None = None  # indentation of the line that opened a block scalar
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        column = len(line) - len(stripped)
        if scalar is not None and (not stripped or column > scalar):
            continue
        scalar = None
        if not stripped or stripped.startswith("#"):
            continue
        if not flow:
            while indents and indents[-1] >= column:
                indents.pop()
            indents.append(column)
            while stripped.startswith(("- ", "? ")) or stripped in ("-", "?"):
                stripped = stripped[1:].lstrip(" ")
                indents.append(len(line) - len(stripped))
        flow = _flow_depth(stripped, flow)
        if len(indents) + flow > limit:
            return number
        if not flow and _BLOCK_SCALAR.search(stripped):
            scalar = column
    return None


_BLOCK_SCALAR = re.compile(r"(?:^|[:-] +)[|>][-+0-9]*\s*(?:#.*)?$")


def _flow_depth(text: str, depth: int) -> int:
    """The depth of flow collections after one line, given the depth before it."""
    quote = ""
    start = True  # where a value may start: [ or { open a collection, a quote a string
    for char in text:
        if quote:
            if char == quote:
                quote, start = "", False
        elif char == " ":
            continue
        elif start and char in "'\"":
            quote = char
        elif start and char in "[{":
            depth += 1
        elif depth and char in "]}":
            depth, start = depth - 1, False
        elif char in ",:" or (char in "-?" and start):
            start = char != "," or depth > 0
        elif char == "#":
            break
        else:
            start = False
    return depth


_LOADER = yaml_loader()


def load_yaml(path: Path, error: type[FileError] = FileError, *, fast: bool = True) -> Any:
    """The content of a UTF-8 YAML file with `LineDict` mappings; user errors as `error`.

    Refused before anything is built: nesting deeper than `MAX_DEPTH`; while building:
    duplicate keys (with their line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(path.name, "", "", "die Datei ist nicht UTF-8-kodiert.") from None
    deep = nesting_depth(text)
    if deep is not None:
        raise error(
            path.name, place(deep), "", f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."
        )
    loader = _LOADER if fast else yaml_loader(fast=False)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except _Problem as exc:
        raise error(path.name, place(exc.line), exc.field, exc.problem) from None
    except RecursionError:
        raise error(
            path.name, "", "", f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)."
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = place(mark.line + 1) if mark else ""
        problem = getattr(exc, "problem", None) or exc
        if "nesting depth" in str(problem):
            problem = f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)"
        raise error(path.name, where, "", f"kein gültiges YAML ({problem}).") from None


def unknown_fields(
    mapping: Mapping[Any, Any],
    allowed: Iterable[str],
    *,
    file: str,
    error: type[FileError] = FileError,
) -> None:
    """A key of a YAML mapping that the format does not know is a user error (typos)."""
    known = set(allowed)
    for key in mapping:
        if not isinstance(key, str) or key not in known:
            names = ", ".join(sorted(known))
            raise error(
                file, at(mapping, key), str(key), f"unbekanntes Feld; erlaubt sind {names}."
            )


# ---------------------------------------------------------------------------------------------
# Rows of a spreadsheet or CSV file


@dataclass(frozen=True)
class Row:
    """One non-empty row under a header: cells by column name and the 1-based row number."""

    cells: dict[str, Any]
    number: int
    where: str

    def get(self, column: str) -> Any:
        return self.cells.get(column)


def rows(
    values: Iterable[Sequence[Any]],
    required: Sequence[str],
    *,
    file: str,
    sheet: str = "",
    error: type[FileError] = FileError,
    allowed: Collection[str] | None = None,
) -> Iterator[Row]:
    """The rows under the first (header) row; empty rows are skipped, numbers stay true.

    A missing required column is a user error naming the first one missing; so are a column
    named twice and, given the `allowed` columns, one that the format does not know.
    """
    values = iter(values)
    header = [str(cell).strip() if cell is not None else "" for cell in next(values, ())]
    missing = [column for column in required if column not in header]
    if missing:
        raise error(file, place(1, sheet), missing[0], "diese Spalte fehlt.")
    for index, column in enumerate(header):
        if column and column in header[:index]:
            raise error(file, place(1, sheet), column, "diese Spalte steht doppelt.")
        if column and allowed is not None and column not in allowed:
            names = ", ".join(allowed)
            raise error(file, place(1, sheet), column, f"unbekannte Spalte; erlaubt sind {names}.")
    for number, cells in enumerate(values, start=2):
        if all(cell in (None, "") for cell in cells):
            continue
        yield Row(dict(zip(header, cells, strict=False)), number, place(number, sheet))


def open_workbook(
    path: Path, sheets: Iterable[str], error: type[FileError] = FileError
) -> Workbook:
    """An XLSX workbook (read only, cached values) that has all of `sheets`."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types on damaged or foreign files
        raise error(path.name, "", "", "keine lesbare XLSX-Datei.") from None
    for sheet in sheets:
        if sheet not in book.sheetnames:
            raise error(path.name, place(sheet=sheet), "", "dieses Tabellenblatt fehlt.")
    return book


def new_workbook(first_sheet: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its one (first) sheet, named `first_sheet`."""
    from openpyxl import Workbook

    book = Workbook()
    for sheet in book.worksheets:
        book.remove(sheet)
    return book, book.create_sheet(first_sheet)


def sheet_rows(
    book: Workbook,
    sheet: str,
    required: Sequence[str],
    *,
    file: str,
    error: type[FileError] = FileError,
    allowed: Collection[str] | None = None,
) -> Iterator[Row]:
    """The rows of a workbook's sheet, as `rows`, text cells restored (`sheet_values`)."""
    values = sheet_values(book, sheet, file=file, error=error)
    return rows(values, required, file=file, sheet=sheet, error=error, allowed=allowed)


def sheet_values(
    book: Workbook, sheet: str, *, file: str = "", error: type[FileError] = FileError
) -> Iterator[tuple[Any, ...]]:
    """The cell values of a sheet row by row, undoing `kek.core.cells.defuse` of the exports.

    A read-only workbook reads its sheets lazily: damage found while reading is a user error.
    """
    values = book[sheet].iter_rows(values_only=True)
    while True:
        try:
            row = next(values)
        except StopIteration:
            return
        except Exception:  # openpyxl raises many types on a damaged sheet
            raise error(file, place(sheet=sheet), "", "keine lesbare XLSX-Datei.") from None
        yield restore_all(row)


def csv_rows(
    text: str,
    required: Sequence[str],
    *,
    file: str,
    delimiter: str = ",",
    error: type[FileError] = FileError,
) -> Iterator[Row]:
    """The records of CSV text, as `rows`; a row's number is its record number.

    Strict: a stray quote is a user error, not silently part of a cell.
    """
    stream = io.StringIO(text.removeprefix("\ufeff"), newline="")
    records = csv.reader(stream, delimiter=delimiter, strict=True)
    try:
        yield from rows(records, required, file=file, error=error)
    except csv.Error as exc:
        raise error(file, place(records.line_num), "", f"ungültiges CSV ({exc}).") from None


# ---------------------------------------------------------------------------------------------
# Values of a mapping or row

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DIGITS = re.compile(r"^[0-9]{1,18}$")


class ValueReader:
    """Turns the loosely typed values of a YAML mapping or a spreadsheet row into Python values.

    Each check takes the value, its place and its field name and raises `error` (set by a file
    format to its own subclass of FileError) with a German message.
    """

    error: type[FileError] = FileError

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, where: str, name: str, problem: str) -> FileError:
        return self.error(self.file, where, name, problem)

    def text(
        self, value: Any, where: str, name: str, required: bool = False, limit: int = 0
    ) -> str:
        """Text, stripped; `limit` > 0 is the longest the database takes."""
        if value is None:
            value = ""
        if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(where, name, "erwartet wird ein Text.")
        text = value.strip()
        if required and not text:
            raise self.fail(where, name, "darf nicht leer sein.")
        if limit and len(text) > limit:
            raise self.fail(where, name, f"höchstens {limit} Zeichen (hier {len(text)}).")
        return text

    def integer(self, value: Any, where: str, name: str, low: int, high: int) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and _DIGITS.match(value.strip()):
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise self.fail(where, name, f"erwartet wird eine ganze Zahl von {low} bis {high}.")
        return value

    def flag(self, value: Any, where: str, name: str) -> bool:
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"ja", "true", "1", "wahr", "yes"}:
            return True
        if text in {"nein", "false", "0", "falsch", "no"}:
            return False
        raise self.fail(where, name, f"„{value}“ ist weder ja noch nein.")

    def date(self, value: Any, where: str, name: str) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise self.fail(where, name, f"„{value}“ ist kein Datum (JJJJ-MM-TT).") from None

    def key(self, value: Any, where: str) -> str:
        if value is None or value == "":
            return str(uuid.uuid4())
        try:
            return str(uuid.UUID(str(value).strip()))
        except ValueError:
            raise self.fail(
                where, "key", f"„{value}“ ist kein gültiger Schlüssel (UUID)."
            ) from None

    def slug(self, value: Any, where: str) -> str:
        slug = self.text(value, where, "slug")
        if slug and not SLUG.match(slug):
            raise self.fail(
                where, "slug", f"„{slug}“: nur Kleinbuchstaben, Ziffern und Bindestriche."
            )
        return slug


def check_district(
    file_ags: str,
    target_ags: str,
    target_name: str,
    *,
    file: str,
    where: str = "",
    field: str = "district",
    hint: str = "",
    error: type[FileError] = FileError,
) -> None:
    """A file states its district; it must be the one it is imported into (unless a copy is
    wanted, which the caller decides before calling this)."""
    if file_ags == target_ags:
        return
    stated = f"zum Landkreis {file_ags}" if file_ags else "zu keinem Landkreis"
    problem = f"die Datei gehört {stated}, nicht zu {target_ags} ({target_name})"
    raise error(file, where, field, f"{problem}{'; ' + hint if hint else ''}.")


# ---------------------------------------------------------------------------------------------
# Format by extension

YAML_OR_XLSX = {".yaml": "yaml", ".yml": "yaml", ".xlsx": "xlsx"}


def file_format(
    path: Path, formats: Mapping[str, str] = YAML_OR_XLSX, error: type[FileError] = FileError
) -> str:
    """The format of a file by its extension (case ignored); anything else is a user error."""
    kind = formats.get(path.suffix.lower())
    if kind is None:
        names = list(formats)
        allowed = f"{', '.join(names[:-1])} und {names[-1]}" if len(names) > 1 else names[0]
        raise error(path.name, "", "", f"unbekanntes Format; erlaubt sind {allowed}.")
    return kind


def readable_format(
    path: Path, formats: Mapping[str, str] = YAML_OR_XLSX, error: type[FileError] = FileError
) -> str:
    """As `file_format`, and the file must exist."""
    kind = file_format(path, formats, error)
    if not path.exists():
        raise error(path.name, "", "", "die Datei gibt es nicht.")
    return kind
