"""Classic GENESIS table CSV (the "Tabelle" download of GENESIS-Online/Regionaldatenbank).

Supported layout::

    GENESIS-Tabelle: 12411-01-01-4            <- title block: any lines whose first cell
    Bevölkerung nach Geschlecht;;;;              is not empty; the last one of the form
    Bevölkerungsstand (Anzahl);;;;               "Label (Unit)" names the value variable
    ;;31.12.2024;31.12.2024;31.12.2024        <- header lines: first cells of the stub empty
    ;;Insgesamt;männlich;weiblich
    DG;Deutschland;83577140;…                 <- data lines: key; indented name; values …
    14730;      Nordsachsen, Landkreis;199422;98780;100642
    __________                                <- footer: from the first line of underscores
    © Statistische Ämter des Bundes und der Länder, …

* Stub "key;name" (periods in a header line, one period per column, so column groups
  of several periods work) or "period;key;name" (period in the first cell of each data
  line, no period header line). Periods are ``dd.mm.yyyy``, ``yyyy-mm-dd`` or ``yyyy``.
* The other header lines are categories. A line with one distinct text followed by
  another category line is the variable label of that line ("Geschlecht" over
  "Insgesamt;männlich;weiblich"); a category line without such a label line gets the
  variable label "Merkmal <k>".
* Classic tables carry no codes: labels stand in for codes (``value_variable_code`` is
  the value variable label; ``disaggregation`` is ``Geschlecht:männlich``), and an
  attribute "Insgesamt" is the total, like an empty attribute code in flat files.
* One value variable per table. Headers giving two columns identical period and
  categories are rejected, so several value variables can't be mixed up silently.
* Hamburg (02) and Berlin (11) are Länder and districts at once; when a table has
  five-digit district keys, their rows are repeated under 02000 and 11000 (same
  ``source_line``) so that district-level queries find them as in flat files.
* A missing footer means a truncated download and is an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from .cells import (
    REGION_KEY,
    ColumnName,
    check_region_keys,
    parse_periods,
    parse_values,
    raise_first,
)
from .errors import ParseError
from .model import FileFormat, ParseResult, build_result, empty_classes, finalize
from .source import FOOTER_RULE

TITLE_PREFIX = "GENESIS-Tabelle:"
PERIOD_CELL = r"^(?:[0-9]{2}\.[0-9]{2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4})$"
VALUE_VARIABLE = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
TOTAL_LABEL = "insgesamt"
CITY_STATES = {"02": "02000", "11": "11000"}


@dataclass(frozen=True)
class _Column:
    name: str  # column in the wide data frame
    position: str  # 1-based column number, for error messages
    period: str
    disaggregation: str
    disaggregation_label: str


def parse_table(grid: pl.DataFrame, file: str) -> ParseResult:
    body, note = _cut_footer(grid, file)
    first, period_first = _first_data_row(body, file)
    stub = 3 if period_first else 2
    title, header, data = _sections(body, first, stub, file)
    width = _width(header, data, stub, file)
    columns, classes = _columns(header, stub, width, period_first, file)
    label, unit = _value_variable(title, file)
    frame = _long(data, stub, columns, period_first, file)
    code = _table_code(title)
    frame = frame.with_columns(
        table=pl.lit(_statistic(code)),
        value_variable_code=pl.lit(label),
        value_variable_label=pl.lit(label),
        unit=pl.lit(unit),
        quality=pl.col("cell_quality"),
    )
    frame = _city_states_as_districts(frame)
    statistics = {_statistic(code): _title_text(title)}
    return build_result(finalize(frame), FileFormat.TABLE, statistics, classes, note)


def _first_cells(count: int) -> list[pl.Expr]:
    cells = pl.col("cells")
    return [
        cells.list.get(i, null_on_oob=True).fill_null("").str.strip_chars().alias(f"_c{i}")
        for i in range(count)
    ]


def _cut_footer(grid: pl.DataFrame, file: str) -> tuple[pl.DataFrame, str]:
    (first,) = _first_cells(1)
    rules = grid.with_row_index("_i").filter(first.str.contains(FOOTER_RULE))
    if rules.height == 0:
        message = "Die Fußzeile (Linie aus ____) fehlt; die Datei ist vermutlich unvollständig."
        raise ParseError(file, None, None, message)
    index = int(rules["_i"][0])
    footer = grid["text"].slice(index + 1).str.strip_chars().str.strip_chars('"')
    footer = footer.str.replace_all('""', '"', literal=True)
    return grid.slice(0, index), "\n".join(footer.to_list()).strip()


def _first_data_row(body: pl.DataFrame, file: str) -> tuple[int, bool]:
    first, second = _first_cells(2)
    key_first = first.str.contains(REGION_KEY)
    period_first = first.str.contains(PERIOD_CELL) & second.str.contains(REGION_KEY)
    found = body.with_row_index("_i").filter(key_first | period_first)
    if found.height == 0:
        message = "Keine Datenzeile (Regionalschlüssel; Name; Werte …) gefunden."
        raise ParseError(file, None, None, message)
    row = found.row(0, named=True)
    is_period_first = body.slice(row["_i"], 1).select(period_first).item()
    return int(row["_i"]), bool(is_period_first)


def _sections(
    body: pl.DataFrame, first: int, stub: int, file: str
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    before = body.slice(0, first).with_row_index("_i")
    stub_empty = pl.all_horizontal([cell == "" for cell in _first_cells(stub)])
    titled = before.filter(~stub_empty)
    # The filter keeps the order of the rows: the last titled row is the lowest one.
    header_start = int(titled["_i"][-1]) + 1 if titled.height else 0
    header = before.slice(header_start).drop("_i")
    if header.height == 0:
        line = int(body["source_line"][first])
        raise ParseError(file, line, None, "Über den Daten fehlen die Kopfzeilen.")
    return before.slice(0, header_start).drop("_i"), header, body.slice(first)


def _width(header: pl.DataFrame, data: pl.DataFrame, stub: int, file: str) -> int:
    """Number of cells per line, without trailing columns that are empty throughout."""
    width = len(data["cells"][0])
    for part in (header, data):
        raise_first(
            part,
            pl.col("cells").list.len() != width,
            file,
            None,
            lambda row: f"Die Zeile hat {len(row['cells'])} statt {width} Felder.",
        )
    both = pl.concat([header, data])
    empty = both.select(_first_cells(width)).select(pl.all().eq("").all()).row(0)
    while width > stub and empty[width - 1]:
        width -= 1
    if width <= stub:
        raise ParseError(file, int(data["source_line"][0]), None, "Die Tabelle hat keine Werte.")
    return width


def _columns(
    header: pl.DataFrame, stub: int, width: int, period_first: bool, file: str
) -> tuple[list[_Column], pl.DataFrame]:
    rows, lines = [], []
    for cells, line in zip(header["cells"].to_list(), header["source_line"], strict=True):
        row = _fill_right([cell.strip() for cell in cells[stub:width]])
        if any(row):
            rows.append(row)
            lines.append(line)
    if not rows:
        raise ParseError(file, header["source_line"][0], None, "Die Kopfzeilen sind leer.")
    is_period = [all(re.match(PERIOD_CELL, cell) for cell in row if cell) for row in rows]
    periods = [row for row, flag in zip(rows, is_period, strict=True) if flag]
    if len(periods) != (0 if period_first else 1):
        message = (
            "Zeitangaben stehen in der ersten Spalte; eine Kopfzeile mit Zeitangaben passt nicht."
            if period_first
            else "Genau eine Kopfzeile muss die Zeitangaben (z. B. 31.12.2024) enthalten."
        )
        raise ParseError(file, lines[0], None, message)
    levels = _levels([row for row, flag in zip(rows, is_period, strict=True) if not flag])
    columns = [
        _column(j, stub, periods[0][j] if periods else "", levels) for j in range(width - stub)
    ]
    _check_distinct(columns, lines[0], file)
    return columns, _classes(levels)


def _fill_right(cells: list[str]) -> list[str]:
    """Spanning header cells may be written once, followed by empty cells."""
    filled: list[str] = []
    for cell in cells:
        filled.append(cell or (filled[-1] if filled else ""))
    return filled


def _levels(rows: list[list[str]]) -> list[tuple[str, list[str]]]:
    """Pair category lines into (variable label, attribute per column)."""
    levels: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(rows):
        if i + 1 < len(rows) and len(set(rows[i])) == 1:
            levels.append((rows[i][0], rows[i + 1]))
            i += 2
        else:
            levels.append((f"Merkmal {len(levels) + 1}", rows[i]))
            i += 1
    return levels


def _column(j: int, stub: int, period: str, levels: list[tuple[str, list[str]]]) -> _Column:
    pairs = sorted(
        (variable, attributes[j])
        for variable, attributes in levels
        if attributes[j] and attributes[j].lower() != TOTAL_LABEL
    )
    return _Column(
        name=f"_v{j}",
        position=str(stub + j + 1),
        period=period,
        disaggregation="|".join(f"{v}:{a}" for v, a in pairs),
        disaggregation_label=" | ".join(f"{v}: {a}" for v, a in pairs),
    )


def _check_distinct(columns: list[_Column], line: int, file: str) -> None:
    seen: dict[tuple[str, str], str] = {}
    for column in columns:
        key = (column.period, column.disaggregation)
        if key in seen:
            message = (
                f"Die Spalten {seen[key]} und {column.position} haben dieselben Kopfangaben "
                "(mehrere Wertmerkmale in einer Tabelle werden nicht unterstützt)."
            )
            raise ParseError(file, line, None, message)
        seen[key] = column.position


def _classes(levels: list[tuple[str, list[str]]]) -> pl.DataFrame:
    pairs = {
        (variable, attribute)
        for variable, attributes in levels
        for attribute in attributes
        if attribute and attribute.lower() != TOTAL_LABEL
    }
    rows = [(v, v, a, a) for v, a in sorted(pairs)]
    return pl.DataFrame(rows, schema=empty_classes().schema, orient="row")


def _value_variable(title: pl.DataFrame, file: str) -> tuple[str, str]:
    for text in reversed(title["cells"].list.first().to_list()):
        match = VALUE_VARIABLE.match(text.strip())
        if match:
            return match.group(1), match.group(2).strip()
    message = "Im Tabellenkopf fehlt die Zeile 'Wertmerkmal (Einheit)'."
    raise ParseError(file, None, None, message)


def _table_code(title: pl.DataFrame) -> str:
    first = title["cells"][0][0].strip() if title.height else ""
    return first.removeprefix(TITLE_PREFIX).strip() if first.startswith(TITLE_PREFIX) else ""


def _statistic(table_code: str) -> str:
    match = re.match(r"^([0-9]{5})-", table_code)
    return match.group(1) if match else table_code


def _title_text(title: pl.DataFrame) -> str:
    texts = [t.strip() for t in title["cells"].list.first().to_list()]
    texts = [t for t in texts if t and not t.startswith(TITLE_PREFIX)]
    return texts[0] if texts else ""


def _long(
    data: pl.DataFrame, stub: int, columns: list[_Column], period_first: bool, file: str
) -> pl.DataFrame:
    cells = pl.col("cells")
    key, name = stub - 2, stub - 1
    wide = data.select(
        "source_line",
        cells.list.get(key).str.strip_chars().alias("region_key"),
        cells.list.get(name).str.strip_chars().alias("region_name"),
        (cells.list.get(0) if period_first else pl.lit("")).alias("row_period"),
        *[cells.list.get(stub + j).alias(c.name) for j, c in enumerate(columns)],
    )
    check_region_keys(wide, "region_key", file, str(key + 1))
    if period_first:
        no_period = ~pl.col("row_period").str.strip_chars().str.contains(PERIOD_CELL)
        raise_first(wide, no_period, file, "1", lambda r: _bad_period(r["row_period"]))
    frame = wide.unpivot(
        on=[c.name for c in columns],
        index=["source_line", "region_key", "region_name", "row_period"],
        variable_name="_column",
        value_name="raw_value",
    ).join(_column_frame(columns), on="_column", how="left")
    frame = frame.with_columns(
        period_raw=pl.col("row_period") if period_first else pl.col("column_period")
    )
    frame = parse_values(frame, "raw_value", file, lambda row: row["position"])
    period_column: ColumnName = "1" if period_first else (lambda row: row["position"])
    return parse_periods(frame, "period_raw", file, period_column)


def _bad_period(text: str) -> str:
    return f"'{text.strip()}' ist keine Zeitangabe (TT.MM.JJJJ, JJJJ-MM-TT oder JJJJ)"


def _column_frame(columns: list[_Column]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "_column": [c.name for c in columns],
            "position": [c.position for c in columns],
            "column_period": [c.period for c in columns],
            "disaggregation": [c.disaggregation for c in columns],
            "disaggregation_label": [c.disaggregation_label for c in columns],
        }
    )


def _city_states_as_districts(frame: pl.DataFrame) -> pl.DataFrame:
    keys = set(frame["region_key"].unique().to_list())
    if not any(len(key) == 5 for key in keys):
        return frame
    missing = {land: district for land, district in CITY_STATES.items() if district not in keys}
    extra = frame.filter(pl.col("region_key").is_in(list(missing)))
    extra = extra.with_columns(pl.col("region_key").replace(missing))
    return pl.concat([frame, extra])
