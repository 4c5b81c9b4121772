"""Every table of a document as a sheet of an XLSX workbook (openpyxl), to sort, filter and
count in a spreadsheet program.

Each sheet starts with a title block (document, table, version, data date, source, licence),
then the header row (bold, frozen, with an autofilter) and the rows. A column the document
marks `numeric` holds numbers again: its German display strings ("1.234,5", "−2", "12 %",
"+3,2 %", "180.000 €") are parsed back and shown in a number format with the same decimals,
anything else ("k. A.", "- (nichts vorhanden)") stays text. Text cells go through
`kek.core.cells.defuse`, so none runs as a formula.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from kek.core import cells
from kek.core.fileio import new_workbook

from . import document as doc

LICENCE = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
CATALOGUE_KIND = "projektkatalog"
SHEET_NAME_LENGTH = 31
FORBIDDEN_IN_NAMES = re.compile(r"[\[\]:*?/\\]")
FONT = "Calibri"  # the workbook's default font (openpyxl, Excel)
WIDE = 5  # sheets with more columns print in landscape
HEADER_FILL = PatternFill("solid", fgColor="D9DFE8")
MIN_WIDTH, MAX_WIDTH = 8, 60
# A German number as the documents display it: sign, digits with "." between thousands,
# decimal comma, optional per cent or euro sign.
GERMAN_NUMBER = re.compile(
    r"^(?P<sign>[+\-−]?)(?P<whole>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<fraction>\d+))?"
    r"(?:(?P<percent>\s?%)|(?P<euro>\s?€))?$"
)


@dataclass(frozen=True)
class Number:
    value: int | float
    format: str


def render_xlsx(document: doc.Document) -> bytes:
    """The workbook as bytes: one sheet per table of `document`."""
    tables = ordered_tables(document)
    names = sheet_names([table.caption for table in tables])
    book: Workbook | None = None
    for table, name in zip(tables, names, strict=True):
        if book is None:
            book, sheet = new_workbook(name)
        else:
            sheet = book.create_sheet(name)
        _write(sheet, document, table)
    if book is None:
        book, sheet = new_workbook("Hinweis")
        sheet.append([document.title])
        sheet.append(["Dieses Dokument enthält keine Tabellen."])
    _properties(book, document)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ordered_tables(document: doc.Document) -> list[doc.Table]:
    """The document's tables in reading order; in the Projektkatalog the catalogue table (the
    one with the most rows: one per project) comes first."""
    tables = [
        block
        for _, section in document.walk()
        for block in section.blocks
        if isinstance(block, doc.Table)
    ]
    if document.kind == CATALOGUE_KIND and tables:
        catalogue = max(tables, key=lambda table: len(table.rows))
        tables.remove(catalogue)
        tables.insert(0, catalogue)
    return tables


def sheet_names(captions: list[str]) -> list[str]:
    """Names Excel accepts: no []:*?/\\, not starting or ending with ', at most 31
    characters, unique regardless of case."""
    names: list[str] = []
    taken: set[str] = set()
    for index, caption in enumerate(captions, start=1):
        base = FORBIDDEN_IN_NAMES.sub(" ", caption).strip(" '") or f"Tabelle {index}"
        base = " ".join(base.split())
        name, count = base[:SHEET_NAME_LENGTH].rstrip(" '"), 1
        while name.lower() in taken:
            count += 1
            suffix = f" ({count})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip(" '") + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def german_number(text: str) -> Number | None:
    """The number behind a German display string, with an Excel number format showing the
    same decimals; None if the text is no number ("k. A.", "2.020 km²")."""
    found = GERMAN_NUMBER.match(text.strip())
    if found is None:
        return None
    fraction = found["fraction"] or ""
    negative = found["sign"] in ("-", "−")
    magnitude = float(f"{found['whole'].replace('.', '')}.{fraction or 0}")
    decimals = "." + "0" * len(fraction) if fraction else ""
    plus = found["sign"] == "+"
    if found["percent"]:
        pattern = f"0{decimals} %"
        value: int | float = (-magnitude if negative else magnitude) / 100
        return Number(value, f"+{pattern};-{pattern};{pattern}" if plus else pattern)
    pattern = f"#,##0{decimals}" + (' "€"' if found["euro"] else "")
    value = -magnitude if negative else magnitude
    if not fraction:
        value = int(value)
    return Number(value, f"+{pattern};-{pattern};{pattern}" if plus else pattern)


# --- one sheet --------------------------------------------------------------------------------


def _write(sheet: Worksheet, document: doc.Document, table: doc.Table) -> None:
    header_row = _title_block(sheet, document, table)
    for column, text in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header_row, column=column, value=cells.defuse(text))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, row in enumerate(table.rows, start=1):
        for index, text in enumerate(row):
            value = _value(text, index in table.numeric)
            sheet.cell(row=header_row + offset, column=index + 1, value=value)
    _number_formats(sheet, table, header_row)
    last = get_column_letter(max(len(table.columns), 1))
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(table.rows)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    _print_setup(sheet, len(table.columns))
    _widths(sheet, table, header_row)


def _print_setup(sheet: Worksheet, columns: int) -> None:
    """Printed on A4, as wide as the page, landscape when the table is wide."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if columns > WIDE else "portrait"
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def _title_block(sheet: Worksheet, document: doc.Document, table: doc.Table) -> int:
    """Title lines above the table; returns the number of the header row."""
    cover = document.cover
    lines = [
        document.title,
        f"Tabelle: {table.caption}",
        " – ".join(part for part in (cover.version, cover.status, cover.data_date) if part),
        f"Quelle: {table.source}" if table.source else "",
        f"Lizenz: {LICENCE}",
    ]
    shown = [line for line in lines if line]
    for row, line in enumerate(shown, start=1):
        sheet.cell(row=row, column=1, value=cells.defuse(line))
    sheet["A1"].font = Font(name=FONT, bold=True, size=14)
    sheet.cell(row=len(shown), column=1).hyperlink = LICENCE_URL
    return len(shown) + 2  # after an empty row


def _value(text: str, numeric: bool) -> int | float | str:
    if numeric and (number := german_number(text)) is not None:
        return number.value
    return cells.defuse(text)


def _number_formats(sheet: Worksheet, table: doc.Table, header_row: int) -> None:
    for offset, row in enumerate(table.rows, start=1):
        for index in table.numeric:
            if index >= len(row):
                continue
            cell = sheet.cell(row=header_row + offset, column=index + 1)
            number = german_number(row[index])
            if number is not None:
                cell.number_format = number.format
            cell.alignment = Alignment(horizontal="right", vertical="top")
    for index in table.numeric:
        header = sheet.cell(row=header_row, column=index + 1)
        header.alignment = Alignment(horizontal="right", wrap_text=True, vertical="top")


def _widths(sheet: Worksheet, table: doc.Table, header_row: int) -> None:
    """Each column as wide as its longest text (within limits); longer text wraps."""
    for index, column in enumerate(table.columns):
        texts = [column, *(row[index] for row in table.rows if index < len(row))]
        longest = max(len(line) for text in texts for line in (text.splitlines() or [""]))
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        letter = get_column_letter(index + 1)
        sheet.column_dimensions[letter].width = width
        if longest + 2 > MAX_WIDTH:
            for cell in sheet[letter][header_row:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _properties(book: Workbook, document: doc.Document) -> None:
    properties = book.properties
    properties.title = document.title
    properties.creator = document.cover.district
    properties.lastModifiedBy = document.cover.district
    properties.subject = document.cover.concept
    properties.language = "de-DE"
    properties.keywords = document.cover.version
