"""The editorial pages' HTML becomes paragraphs in the document's styles: bold and italic
runs, real hyperlinks, bullet and numbered lists, line breaks."""

from docx.oxml.ns import qn

from .office_sample import LINK, word


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_it_makes_links_real_hyperlinks():
    paragraph = _paragraph(word(), "Der Kreistag hat")
    assert [(link.url, link.text) for link in paragraph.hyperlinks] == [
        (LINK, "der Seite des Kreises")
    ]
    expected = "Der Kreistag hat das KEK beauftragt. Mehr unter der Seite des Kreises."
    assert paragraph.text == expected


def test_it_keeps_bold_and_italic():
    paragraph = _paragraph(word(), "Der Kreistag hat")
    assert [r.text for r in paragraph.runs if r.bold] == ["Kreistag"]
    assert [r.text for r in paragraph.runs if r.italic] == ["KEK"]


def test_it_writes_lists_in_list_styles_numbered_from_one():
    document = word()
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Regionalforen"] == styles["Online-Umfrage"] == "List Bullet"
    assert styles["Analyse"] == styles["Ziele"] == "List Number"
    assert styles["Lebensqualität"] == "List Bullet"  # a BulletList block
    number = _paragraph(document, "Analyse")._p.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    num = numbering.num_having_numId(number)
    start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
    assert start.get(qn("w:val")) == "1"


def test_it_keeps_line_breaks():
    assert _paragraph(word(), "Zeile eins").text == "Zeile eins\nZeile zwei"


def test_it_shades_a_note():
    paragraph = _paragraph(word(), "Beispielinhalt:")
    assert paragraph.style.name == "Hinweis"
    assert paragraph.style.element.pPr.find(qn("w:shd")) is not None
