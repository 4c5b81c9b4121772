"""A table whose longest words do not fit the portrait text width is set on landscape pages
of its own section (with its heading when it opens the section), the running header and
footer kept; the document goes back to portrait for what follows and does not end on an
empty page."""

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from kek.documents import document as doc
from kek.documents.docx import LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH, is_wide, render_docx

from .office_sample import municipal_table, sample

WORDS = ("Gewerbeflächenentwicklung", "Breitbandinfrastruktur", "Fachkräftesicherung",
         "Tourismusmarketing", "Mobilitätsmanagement", "Kreisentwicklungskonzept")  # fmt: skip


def wide_table() -> doc.Table:
    return doc.Table(
        caption="Projekte",
        columns=tuple(f"Spalte {n}" for n in range(len(WORDS))),
        rows=(WORDS, WORDS),
        source="Landkreis Nordsachsen",
    )


def opened(*sections: doc.Section):
    document = sample()
    document = doc.Document(
        kind=document.kind, cover=document.cover, sections=list(sections),
        draft=False, file_stem=document.file_stem,
    )  # fmt: skip
    return docx.Document(io.BytesIO(render_docx(document)))


def section_of(word, paragraph_text: str) -> int:
    """The index of the section the last paragraph with this text is in (a heading's first
    one is its line in the table of contents)."""
    index, found = 0, None
    for element in word.element.body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            if text == paragraph_text:
                found = index
            if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                index += 1
    assert found is not None, paragraph_text
    return found


def test_it_tells_wide_tables_from_narrow_ones():
    assert is_wide(wide_table()) and not is_wide(municipal_table())
    # four words of 21 letters need 4.5 % more than the portrait width: that stays portrait
    word = "x" * 21
    almost = doc.Table(caption="Knapp", columns=("a", "b", "c", "d"), rows=((word,) * 4,))
    assert not is_wide(almost)
    assert is_wide(
        doc.Table(caption="Zu breit", columns=almost.columns, rows=((word + "xx",) * 4,))
    )


def test_a_wide_table_is_set_on_landscape_pages_with_its_heading():
    word = opened(
        doc.Section("Einleitung", "1", blocks=[doc.Paragraph("Vorher.")]),
        doc.Section("Anlage", "A", blocks=[wide_table(), doc.Paragraph("Danach.")]),
    )
    sections = word.sections
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT
    ]  # fmt: skip
    landscape = sections[1]
    assert landscape.page_width > landscape.page_height
    assert section_of(word, "A Anlage") == 1 and section_of(word, "Danach.") == 2
    assert section_of(word, "Vorher.") == 0
    table = next(t for t in word.tables if t.rows[0].cells[0].text == "Spalte 0")
    widths = [cell.width for cell in table.rows[0].cells]
    assert TEXT_WIDTH < sum(widths) <= LANDSCAPE_TEXT_WIDTH + 635 * len(widths)  # twips
    # the running header and footer of the first section carry over
    assert all(s.header.is_linked_to_previous and s.footer.is_linked_to_previous
               for s in sections[1:])  # fmt: skip
    assert not landscape.different_first_page_header_footer


def test_a_document_that_ends_with_a_wide_table_ends_in_landscape():
    word = opened(doc.Section("Quellen", "Q", blocks=[municipal_table(), wide_table()]))
    assert [s.orientation for s in word.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    assert section_of(word, "Q Quellen") == 0  # its first table is narrow


def test_narrow_tables_stay_in_one_portrait_section():
    word = opened(doc.Section("Daten", "3", blocks=[municipal_table(), municipal_table()]))
    assert len(word.sections) == 1
