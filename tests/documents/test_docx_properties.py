"""The DOCX names its title, the district as author and German as its language, and its text
is in Arial (on every office PC) throughout."""

from docx.oxml.ns import qn

from .office_sample import sample, word


def test_it_fills_the_core_properties():
    document = sample()
    properties = word().core_properties
    assert properties.title == document.title
    assert properties.author == "Landkreis Nordsachsen"
    assert properties.language == "de-DE"


def test_it_writes_in_arial_and_german_by_default():
    styles = word().styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs")} == {"Arial"}
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "de-DE"
    for style in ("Heading 1", "Title", "Caption"):
        theme = word().styles[style].element.rPr.find(qn("w:rFonts"))
        assert theme.get(qn("w:asciiTheme")) is None and theme.get(qn("w:ascii")) == "Arial"


def test_it_lays_out_a4_pages():
    section = word().sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
