"""The PDF is PDF/UA-1: tagged, German, titled, figures with text alternatives; its outline is
the document's sections and its table of contents gives the pages they are on."""

import io

import pikepdf

from .pdfcheck import figures, headings, outline, problems
from .print_sample import population_chart, rendered


def test_it_passes_the_check_kit():
    sample = rendered()
    assert problems(sample.pdf, headings(sample.document), ("Entwurf",)) == []


def test_its_metadata_names_the_document_and_the_district():
    sample = rendered()
    with pikepdf.open(io.BytesIO(sample.pdf)) as pdf:
        assert str(pdf.docinfo["/Title"]) == sample.document.title
        assert str(pdf.docinfo["/Author"]) == sample.document.cover.district


def test_a_chart_is_a_figure_whose_alt_is_its_text_alternative():
    with pikepdf.open(io.BytesIO(rendered().pdf)) as pdf:
        alts = [str(figure.Alt) for figure in figures(pdf)]
    assert population_chart().description in alts
    assert "Karte des Landkreises" in alts


def test_the_outline_nests_sub_chapters_and_leaves_out_editorial_headings():
    with pikepdf.open(io.BytesIO(rendered().pdf)) as pdf:
        entries = outline(pdf)
    levels = {entry.title: entry.level for entry in entries}
    assert levels["2.1.1 Altersstruktur"] == 3
    assert levels["Projektkatalog"] == 1
    assert "Beteiligung" not in levels  # an h3 inside editorial text
