"""In the XLSX a numeric column holds numbers again, parsed from the German display strings,
in a number format with the same decimals; other text stays text, defused against formulas."""

import pytest

from kek.documents.xlsx import german_number

from .office_sample import catalogue_table, workbook


def _rows(sheet):
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Nr.")
    return [[cell for cell in row] for row in sheet.iter_rows(min_row=header + 1)]


@pytest.mark.parametrize(
    ("text", "value", "number_format"),
    [
        ("1.234,5", 1234.5, "#,##0.0"),
        ("199.422", 199422, "#,##0"),
        ("−2.000", -2000, "#,##0"),
        ("12 %", 0.12, "0 %"),
        ("+3,2 %", 0.032, "+0.0 %;-0.0 %;0.0 %"),
        ("0", 0, "#,##0"),
        ("180.000 €", 180000, '#,##0 "€"'),
        ("2.400,50 €", 2400.5, '#,##0.00 "€"'),
    ],
)
def test_it_reads_german_numbers_back(text, value, number_format):
    number = german_number(text)
    assert number is not None
    assert number.value == pytest.approx(value) and number.format == number_format


@pytest.mark.parametrize(
    "text", ["k. A.", "- (nichts vorhanden)", "2.020 km²", "1,2,3", "", "12 % €"]
)
def test_it_leaves_what_is_no_number(text):
    assert german_number(text) is None


def test_it_stores_numeric_columns_as_numbers():
    rows = _rows(workbook()["Projektkatalog"])
    costs = [row[2] for row in rows]
    assert [cell.value for cell in costs] == [1234567.5, "k. A.", -2000]
    assert [cell.data_type for cell in costs] == ["n", "s", "n"]
    assert costs[0].number_format == "#,##0.0"
    shares = [row[3] for row in rows]
    assert [cell.value for cell in shares] == pytest.approx([0.12, 0.035, 0])
    assert shares[1].number_format == "0.0 %"


def test_it_keeps_text_columns_text_and_defused():
    rows = _rows(workbook()["Projektkatalog"])
    expected = catalogue_table().rows
    assert [row[0].value for row in rows] == [row[0] for row in expected]  # "1.1.1" stays text
    assert rows[1][1].value == "'=Breitband für alle"
    assert [row[4].value for row in rows] == ["2025", "2026", "2027"]  # not marked numeric
