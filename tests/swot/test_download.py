"""The SWOT table files (kek.swot.download); no database."""

import csv
import io

from openpyxl import load_workbook

from kek.swot.download import COLUMNS, to_csv, to_xlsx

ROWS = [
    {
        "topic": "Demografie",
        "kind": "Schwäche",
        "position": 1,
        "title": "Dünn besiedelt",
        "explanation": "Zeile 1\nZeile 2; mit Semikolon",
        "example": True,
        "evidence_type": "Indikatorvergleich",
        "evidence": "Bevölkerungsdichte (31.12.2024): 98,3",
        "period": "31.12.2024",
    },
    {"topic": "Demografie", "kind": "Stärke", "position": 2, "title": '=HYPERLINK("x")'},
]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_it_writes_a_header_and_one_line_per_row():
    rows = read_csv(to_csv(ROWS))
    assert rows[0] == list(COLUMNS.values())
    assert len(rows) == 3
    first = dict(zip(COLUMNS, rows[1], strict=True))
    assert first["explanation"] == "Zeile 1\nZeile 2; mit Semikolon"
    assert first["example"] == "ja"
    assert first["source"] == ""


def test_it_defuses_formulas_in_csv_and_xlsx():
    title = dict(zip(COLUMNS, read_csv(to_csv(ROWS))[2], strict=True))["title"]
    assert title == '\'=HYPERLINK("x")'
    sheet = load_workbook(io.BytesIO(to_xlsx(ROWS))).active
    column = list(COLUMNS).index("title") + 1
    assert sheet.cell(row=3, column=column).value == '\'=HYPERLINK("x")'
    assert sheet.cell(row=3, column=column).data_type == "s"


def test_xlsx_keeps_positions_as_numbers_and_bolds_the_header():
    sheet = load_workbook(io.BytesIO(to_xlsx(ROWS))).active
    assert [c.value for c in sheet[1]] == list(COLUMNS.values())
    assert sheet.cell(row=1, column=1).font.bold
    position = list(COLUMNS).index("position") + 1
    assert sheet.cell(row=2, column=position).value == 1
    assert sheet.max_row == 3


def test_an_empty_table_has_only_the_header():
    assert read_csv(to_csv([])) == [list(COLUMNS.values())]


def test_every_formula_start_is_defused_reversibly():
    from kek.core.cells import restore

    titles = ["\tTab", "\rCR", "'=x", "-", "+1", "@A1", "Dünn besiedelt", "'Zitat"]
    rows = [{"title": title, "position": -1} for title in titles]
    column = list(COLUMNS).index("title")
    written = [row[column] for row in read_csv(to_csv(rows))[1:]]
    assert written == ["'\tTab", "'\rCR", "''=x", "'-", "'+1", "'@A1", "Dünn besiedelt", "'Zitat"]
    assert [restore(cell) for cell in written] == titles
    sheet = load_workbook(io.BytesIO(to_xlsx(rows))).active
    position = list(COLUMNS).index("position") + 1
    assert sheet.cell(row=2, column=position).value == -1  # a negative number stays a number
