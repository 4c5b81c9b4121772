"""Charts and editorial images are pictures whose description (docPr descr) is their text
alternative, with a numbered caption."""

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .office_sample import population_chart, sample, word


def test_it_inserts_pictures_with_their_text_alternative():
    document = word()
    shapes = document.inline_shapes
    described = [(s._inline.docPr.get("descr"), s._inline.docPr.get("title")) for s in shapes]
    chart = population_chart()
    assert described == [
        ("Karte des Landkreises mit seinen 30 Gemeinden", "Lage"),
        (chart.description, chart.title),
    ]
    assert chart.description.strip()
    assert all(shape.width <= document.sections[0].page_width for shape in shapes)


def test_it_inserts_the_chart_as_png():
    document = word()
    blips = [node.get(qn("r:embed")) for node in document.element.body.iter(qn("a:blip"))]
    images = [document.part.related_parts[rid] for rid in blips]
    assert [image.content_type for image in images] == ["image/png", "image/png"]
    assert all(image.blob.startswith(b"\x89PNG") for image in images)


def test_it_numbers_the_chart_captions_below_the_pictures():
    document = word()
    captions = []
    for shape in document.inline_shapes:
        paragraph = shape._inline.getparent().getparent().getparent()
        captions.append(Paragraph(paragraph.getnext(), document._body).text)
    figure = next(b for _, s in sample().walk() for b in s.blocks if hasattr(b, "chart"))
    # An editorial picture keeps its caption unnumbered, as in the PDF.
    assert captions == ["Lage", f"Abbildung 1: {figure.caption}"]
