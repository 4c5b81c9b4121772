"""The DOCX's chapters are Word's own heading styles, in the document's order, and its table
of contents is a TOC field that Word fills when the file opens."""

from docx.oxml.ns import qn

from kek.documents.docx import TOC_INSTRUCTION

from .office_sample import sample, word


def _instructions(paragraph) -> list[str]:
    return [node.text.strip() for node in paragraph._p.iter(qn("w:instrText"))]


def test_it_gives_every_section_the_heading_style_of_its_depth_in_order():
    document = sample()
    expected = [(f"Heading {min(depth, 4)}", section.heading) for depth, section in document.walk()]
    headings = {heading for _, heading in expected}
    found = [
        (paragraph.style.name, paragraph.text)
        for paragraph in word().paragraphs
        if paragraph.text in headings and paragraph.style.name.startswith("Heading")
    ]
    assert found == expected
    assert {style for style, _ in found} == {"Heading 1", "Heading 2", "Heading 3", "Heading 4"}


def test_it_makes_editorial_subheadings_headings_below_their_section():
    paragraphs = [(p.style.name, p.text) for p in word().paragraphs]
    chapter = paragraphs.index(("Heading 1", "1 Aufgabe und Vorgehen"))
    assert ("Heading 2", "Beteiligung") in paragraphs[chapter:]


def test_it_starts_chapters_on_a_new_page():
    assert word().styles["Heading 1"].paragraph_format.page_break_before is True


def test_it_puts_a_toc_field_before_the_first_chapter():
    paragraphs = word().paragraphs
    toc = [i for i, p in enumerate(paragraphs) if TOC_INSTRUCTION in _instructions(p)]
    assert len(toc) == 1
    assert TOC_INSTRUCTION == 'TOC \\o "1-3" \\h \\z \\u'
    first_chapter = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    assert toc[0] < first_chapter
    kinds = [
        char.get(qn("w:fldCharType"))
        for p in paragraphs[toc[0] : first_chapter]
        for char in p._p.iter(qn("w:fldChar"))
    ]
    assert kinds == ["begin", "separate", "end"]
    assert "Inhaltsverzeichnis wird beim Öffnen" in paragraphs[toc[0]].text


def test_it_asks_word_to_update_the_fields_on_opening():
    update = word().settings.element.find(qn("w:updateFields"))
    assert update is not None and update.get(qn("w:val")) == "true"
