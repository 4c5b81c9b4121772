"""The DOCX's running header names the document (and "ENTWURF" for a draft), its footer says
"Seite x von y" with PAGE and NUMPAGES fields."""

from docx.oxml.ns import qn

from .office_sample import sample, word


def _instructions(paragraph) -> list[str]:
    return [node.text.strip() for node in paragraph._p.iter(qn("w:instrText"))]


def test_it_numbers_the_pages_with_page_and_numpages_fields():
    footer = word().sections[0].footer.paragraphs[0]
    assert _instructions(footer) == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("Seite ") and " von " in footer.text


def test_it_heads_every_page_with_the_title_and_marks_a_draft():
    section = word(draft=True).sections[0]
    assert section.header.paragraphs[0].text == f"{sample().title}\tENTWURF"
    assert section.different_first_page_header_footer  # the cover has no running header
    assert section.first_page_header.paragraphs[0].text == "ENTWURF"


def test_it_marks_no_adopted_version_as_draft():
    document = word(draft=False)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == sample(draft=False).title
    texts = [p.text for p in document.paragraphs] + [section.first_page_header.paragraphs[0].text]
    assert not any("ENTWURF" in text for text in texts)
    assert any("beschlossen am 24.03.2021 vom Kreistag" in text for text in texts)
