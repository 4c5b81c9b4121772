"""Every table of a document is a sheet with a title block, a bold frozen header row with an
autofilter, and unique sheet names Excel accepts; in the Projektkatalog the catalogue comes
first."""

from kek.documents.xlsx import LICENCE, sheet_names

from .office_sample import catalogue_table, municipal_table, sample, workbook


def _header_row(sheet, first: str) -> int:
    return next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == first)


def test_it_writes_every_table_as_a_sheet_in_reading_order():
    names = workbook().sheetnames
    assert len(names) == 3
    assert names[2] == "Projektkatalog"
    assert names[0] != names[1] and all(len(name) <= 31 for name in names)
    assert names[0].startswith("Einwohner nach Gemeinden")


def test_it_puts_the_catalogue_first_in_the_projektkatalog():
    assert workbook("projektkatalog").sheetnames[0] == "Projektkatalog"


def test_it_heads_each_sheet_with_title_version_data_date_source_and_licence():
    sheet = workbook()["Projektkatalog"]
    cover = sample().cover
    header = _header_row(sheet, "Nr.")
    block = [sheet.cell(r, 1).value for r in range(1, header)]
    assert block[0] == sample().title
    assert any(cover.version in line and cover.data_date in line for line in block if line)
    assert f"Quelle: {catalogue_table().source}" in block
    assert f"Lizenz: {LICENCE}" in block
    assert "dl-de/by-2-0" in LICENCE


def test_it_freezes_and_filters_a_bold_header_row():
    sheet = workbook()["Projektkatalog"]
    header = _header_row(sheet, "Nr.")
    columns = catalogue_table().columns
    assert [sheet.cell(header, c + 1).value for c in range(len(columns))] == list(columns)
    assert all(sheet.cell(header, c + 1).font.b for c in range(len(columns)))
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:E{header + len(catalogue_table().rows)}"
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert widths[1] > widths[0] and all(8 <= width <= 60 for width in widths)


def test_it_makes_sheet_names_unique_short_and_valid():
    long = municipal_table().caption
    names = sheet_names([long, long, "Ziele: 1/2 [Entwurf]", "", "ziele  1 2  entwurf"])
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert not any(char in name for name in names for char in "[]:*?/\\")
    assert names[1].endswith(" (2)") and names[3] == "Tabelle 4"
