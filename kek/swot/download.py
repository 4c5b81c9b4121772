"""The SWOT items with their evidence as a table file (CSV or XLSX). Pure: no Django."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kek.core import cells
from kek.core.fileio import new_workbook

COLUMNS = {
    "topic": "Themenfeld",
    "kind": "Art",
    "position": "Nr. im Quadranten",
    "title": "Titel",
    "explanation": "Erläuterung",
    "example": "Beispielinhalt",
    "goals": "Strategische Ziele",
    "evidence_type": "Belegart",
    "evidence": "Beleg",
    "period": "Zeit",
    "source": "Quelle",
    "data_date": "Datenstand",
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def to_csv(rows: Sequence[Mapping[str, object]]) -> bytes:
    """UTF-8 with BOM and `;` so that spreadsheet programs set to German open it as is."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS.values())
    for row in rows:
        writer.writerow([_text(row.get(key)) for key in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(rows: Sequence[Mapping[str, object]], title: str = "SWOT-Analyse") -> bytes:
    book, sheet = new_workbook(title[:31])
    sheet.append(list(COLUMNS.values()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [row.get(key) if key == "position" else _text(row.get(key)) for key in COLUMNS]
        )
    widths = {"title": 40, "explanation": 60, "evidence": 60, "goals": 40}
    for index, key in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(key, 16)
        if key in widths:
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    # A cell starting with = + - @ tab CR would run as a formula in a spreadsheet program.
    return cells.defuse(str(value))
