"""Tables of the document are Word tables with a header row repeated on every page, numbers
right-aligned, the caption above and the source below; a chart's data come as a table too."""

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from kek.documents.chart_table import data_table
from kek.documents.docx import CHAR_WIDTH, TEXT_WIDTH, column_widths

from .office_sample import catalogue_table, population_chart, word


def _table(document, columns):
    return next(t for t in document.tables if [c.text for c in t.rows[0].cells] == list(columns))


def _texts(table):
    return [tuple(cell.text for cell in row.cells) for row in table.rows]


def _neighbour(table, before: bool) -> Paragraph:
    element = table._tbl.getprevious() if before else table._tbl.getnext()
    return Paragraph(element, table._parent)


def test_it_writes_a_table_as_a_word_table_with_a_repeated_header_row():
    expected = catalogue_table()
    table = _table(word(), expected.columns)
    assert _texts(table)[1:] == list(expected.rows)
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert table.style.name == "KEK Tabelle"
    assert table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders")) is not None


def test_it_right_aligns_the_numeric_columns():
    expected = catalogue_table()
    table = _table(word(), expected.columns)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            right = cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
            assert right == (index in expected.numeric), (index, cell.text)


def test_it_puts_the_caption_above_and_the_source_below():
    expected = catalogue_table()
    table = _table(word(), expected.columns)
    caption = _neighbour(table, before=True)
    assert caption.style.name == "Caption"
    assert caption.text.startswith("Tabelle ") and caption.text.endswith(": Projektkatalog")
    assert _neighbour(table, before=False).text == f"Quelle: {expected.source}"


def test_it_gives_a_chart_its_data_table_in_german_numbers():
    chart = population_chart()
    expected = data_table(chart)
    table = _table(word(), expected.columns)
    assert expected.columns == ("Gebiet", "Jahr", "Wert (Personen)")
    assert _texts(table)[1:] == list(expected.rows)
    assert len(table.rows) == len(chart.rows) + 1
    assert ("Nordsachsen", "2020", "197.000") in _texts(table)


def test_it_shows_key_figures_as_a_two_column_table():
    table = next(t for t in word().tables if t.rows[0].cells[0].text == "Einwohner am 31.12.2024")
    assert _texts(table) == [("Einwohner am 31.12.2024", "199.422"), ("Fläche", "2.020 km²")]
    assert table.rows[0]._tr.trPr is None or table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is None
    assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "0"


def test_it_widens_a_column_to_its_longest_word_and_fills_the_text_width():
    shares = (1.0, 6.0, 1.0)
    widths = column_widths(shares, (3, 10, 12))
    assert abs(sum(widths) - TEXT_WIDTH) < 10
    assert widths[2] >= CHAR_WIDTH * 12 > widths[0]  # "Umsetzungen" does not break
    assert widths[1] > widths[2]  # the wide column stays the widest
    assert column_widths(shares, (0, 0, 0)) == [int(TEXT_WIDTH * s / 8) for s in shares]


def test_it_shares_the_text_width_when_the_longest_words_do_not_fit():
    widths = column_widths((1.0,) * 9, (30, 20, 20, 20, 20, 20, 20, 20, 10))
    assert all(width > 0 for width in widths)
    assert abs(sum(widths) - TEXT_WIDTH) < 10 and widths[0] > widths[1] > widths[8]


def test_it_sets_the_table_columns_to_those_widths():
    table = _table(word(), catalogue_table().columns)
    widths = [column.width for column in table.columns]
    twip = 635  # Word keeps column widths in twips
    assert abs(sum(widths) - TEXT_WIDTH) <= twip * len(widths) and widths[1] == max(widths)
