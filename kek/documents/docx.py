"""A document as DOCX (python-docx), with the same content as the PDF, for a district's staff
to edit: cover, a table-of-contents field that Word fills when the file opens, chapters in
Word's own heading styles, tables as Word tables, charts as pictures with their text
alternative, running header and "Seite x von y" as fields.

Everything is formatted through named styles (no direct formatting, no text boxes), so the
district's house style is applied by changing a style. The font is Arial: it is on every
office PC (Windows, macOS, LibreOffice maps it to the metric-compatible Liberation Sans), so
the file looks and breaks the same wherever it is edited. The KERN fonts of the web and the
PDF are not installed on office PCs and Word would replace them at random.
"""

from __future__ import annotations

import io
import os
from html.parser import HTMLParser
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from kek.charts.render import to_png

from . import document as doc
from .chart_table import data_table
from .html import source_line

FONT = "Arial"
LANGUAGE = "de-DE"
TEXT_WIDTH = Cm(16)  # A4 (21 cm) less 2.5 cm margins on either side
LANDSCAPE_TEXT_WIDTH = Cm(24.7)  # A4 landscape (29.7 cm) less the same margins
WIDE_MARGIN = 1.05
ACCENT = RGBColor(0x0B, 0x3A, 0x6E)  # dark blue of the KERN look, readable in grey print
HEADER_FILL = "D9DFE8"
NOTE_FILL = "F1F3F6"
DRAFT_MARK = "ENTWURF"
TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
TOC_HINT = (
    "Das Inhaltsverzeichnis wird beim Öffnen in Word aktualisiert. Falls nicht: "
    "Rechtsklick auf das Verzeichnis und „Felder aktualisieren“ wählen (Taste F9)."
)
SECTION_HEADINGS = 4  # Section depth 1–4 → "Heading 1".."Heading 4"
LINK_SCHEMES = ("http://", "https://", "mailto:")

# Custom paragraph styles: name → (size in pt, bold, spacing after in pt)
QUELLE, HINWEIS, TABELLE, ABBILDUNG = "Quelle", "Hinweis", "Tabelleninhalt", "Abbildung"
TABLE_STYLE = "KEK Tabelle"
BORDER_COLOUR = "8A94A6"
CHAR_WIDTH = Cm(0.18)  # an average character of 9 pt Arial, bold, generously
CELL_PADDING = Cm(0.4)  # the style's cell margins and a little air
COVER_DISTRICT, COVER_LINE = "Deckblatt Kreis", "Deckblatt Angabe"


def render_docx(document: doc.Document) -> bytes:
    """The document as the bytes of a .docx file."""
    word = _Writer(document)
    word.write()
    out = io.BytesIO()
    word.doc.save(out)
    return out.getvalue()


class _Writer:
    def __init__(self, document: doc.Document) -> None:
        self.source = document
        self.doc: WordDocument = docx.Document()
        self.tables = 0
        self.figures = 0
        self.bookmarks = 0
        self.bookmark_names: set[str] = set()
        self.landscape = False

    def write(self) -> None:
        _page_setup(self.doc)
        _styles(self.doc)
        _settings(self.doc)
        self._properties()
        self._header_footer()
        self._cover()
        self._toc()
        for depth, section in self.source.walk():
            self._section(depth, section)

    # --- frame ------------------------------------------------------------------------------

    def _properties(self) -> None:
        core = self.doc.core_properties
        cover = self.source.cover
        core.title = self.source.title
        core.subject = cover.concept
        core.author = cover.district
        core.last_modified_by = cover.district
        core.language = LANGUAGE
        core.category = cover.status
        core.comments = cover.data_date
        core.keywords = f"{cover.concept}; {cover.version}"

    def _header_footer(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True  # the cover has no running header
        header = section.header.paragraphs[0]
        header.style = self.doc.styles["Header"]
        header.add_run(self.source.title)
        if self.source.draft:
            header.add_run("\t")
            _draft_mark(header)
            _draft_mark(section.first_page_header.paragraphs[0])
        footer = section.footer.paragraphs[0]
        footer.style = self.doc.styles["Footer"]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Seite ")
        _field(footer, "PAGE", "1")
        footer.add_run(" von ")
        _field(footer, "NUMPAGES", "1")

    def _cover(self) -> None:
        cover = self.source.cover
        self.doc.add_paragraph(cover.district, style=COVER_DISTRICT)
        self.doc.add_paragraph(cover.concept, style="Title")
        self.doc.add_paragraph(cover.title, style="Subtitle")
        for line in (cover.version, cover.status, cover.adoption, cover.data_date):
            if line:
                self.doc.add_paragraph(line, style=COVER_LINE)
        if self.source.draft and DRAFT_MARK.lower() not in cover.status.lower():
            self.doc.add_paragraph(DRAFT_MARK, style=COVER_LINE)

    def _toc(self) -> None:
        heading = self.doc.add_paragraph("Inhalt", style="TOC Heading")
        heading.paragraph_format.page_break_before = True
        # The field's result until Word updates it: the hint and the headings, without page
        # numbers (viewers that do not update fields show this list).
        entries = [(d, s) for d, s in self.source.walk() if d <= 3]
        first = self.doc.add_paragraph(TOC_HINT, style=HINWEIS)
        _field_begin(first, TOC_INSTRUCTION, at_start=True)
        last = first
        for depth, section in entries:
            last = self.doc.add_paragraph(section.heading, style=f"toc {depth}")
        _field_end(last)

    # --- content ----------------------------------------------------------------------------

    def _section(self, depth: int, section: doc.Section) -> None:
        first = section.blocks[0] if section.blocks else None
        # The heading goes with its wide table; a new section already begins a page.
        turned = self._pages(isinstance(first, doc.Table) and is_wide(first))
        level = min(depth, SECTION_HEADINGS)
        heading = self.doc.add_paragraph(section.heading, style=f"Heading {level}")
        self._bookmark(heading, section.key)
        if section.new_page and depth > 1 and not turned:
            heading.paragraph_format.page_break_before = True
        for block in section.blocks:
            self._block(depth, block)

    def _bookmark(self, paragraph: WordParagraph, key: str) -> None:
        if not key:
            return
        self.bookmarks += 1
        name = _bookmark_name(key)
        if name in self.bookmark_names:  # Word drops a second bookmark of the same name
            name = f"{name[:34]}_{self.bookmarks}"
        self.bookmark_names.add(name)
        start = _element("w:bookmarkStart", id=str(self.bookmarks), name=name)
        end = _element("w:bookmarkEnd", id=str(self.bookmarks))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def _block(self, depth: int, block: doc.Block) -> None:
        self._pages(isinstance(block, doc.Table) and is_wide(block))
        match block:
            case doc.Paragraph(text=text):
                self.doc.add_paragraph(text)
            case doc.RichText(html=html):
                _RichText(self.doc, depth).feed_all(html)
            case doc.BulletList(items=items):
                for item in items:
                    self.doc.add_paragraph(item, style="List Bullet")
            case doc.Note(text=text):
                self.doc.add_paragraph(text, style=HINWEIS)
            case doc.KeyFigures():
                self._key_figures(block)
            case doc.Table():
                self._table(block)
            case doc.Figure():
                self._figure(block)
            case doc.Picture():
                self._picture(block)

    def _caption(self, label: str, number: int, text: str) -> WordParagraph:
        paragraph = self.doc.add_paragraph(style="Caption")
        paragraph.add_run(f"{label} ")
        _field(paragraph, f"SEQ {label} \\* ARABIC", str(number))
        paragraph.add_run(f": {text}" if text else "")
        return paragraph

    def _source(self, text: str) -> None:
        """The source line (as in the PDF); also after a table without one, since two tables
        with nothing between them become one table in Word."""
        self.doc.add_paragraph(source_line(text), style=QUELLE)

    def _table(self, table: doc.Table, label: bool = True) -> None:
        if label:
            self.tables += 1
            self._caption("Tabelle", self.tables, table.caption)
        else:
            self.doc.add_paragraph(table.caption, style="Caption")
        word = self.doc.add_table(rows=1, cols=len(table.columns), style=TABLE_STYLE)
        _fill(word, table, LANDSCAPE_TEXT_WIDTH if self.landscape else TEXT_WIDTH)
        self._source(table.source)

    def _pages(self, landscape: bool) -> bool:
        """A table whose words do not fit the portrait text width (the catalogue, the
        sources) is set on landscape pages: a new section on a new page, which keeps the
        running header and footer. Back to portrait only when something else follows, so
        the document does not end on an empty page."""
        if landscape == self.landscape:
            return False
        self.landscape = landscape
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.different_first_page_header_footer = False
        short, long = sorted((section.page_width, section.page_height))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        return True

    def _key_figures(self, figures: doc.KeyFigures) -> None:
        word = self.doc.add_table(rows=0, cols=2, style=TABLE_STYLE)
        look = word._tbl.tblPr.find(qn("w:tblLook"))
        if look is not None:  # no header row: the style's first-row look stays off
            look.set(qn("w:firstRow"), "0")
            look.set(qn("w:val"), "0480")
        for label, value in figures.items:
            cells = word.add_row().cells
            _cell_text(cells[0], label)
            _cell_text(cells[1], value, right=True, bold=True)
        _widths(word, column_widths((2.0, 1.0), (0, 0)))
        _rows_unsplit(word)
        self._source(figures.source)

    def _figure(self, figure: doc.Figure) -> None:
        chart = figure.chart
        self.figures += 1
        self._image(io.BytesIO(to_png(chart)), chart.description, chart.title)
        self._caption("Abbildung", self.figures, figure.caption or chart.title)
        if figure.source:
            self._source(figure.source)
        if chart.attribution:
            self.doc.add_paragraph(f"Kartengrundlage: {chart.attribution}", style=QUELLE)
        caption = f"Daten zu Abbildung {self.figures}"
        self._table(data_table(chart, caption, figure.source), label=False)

    def _picture(self, picture: doc.Picture) -> None:
        if not os.path.isfile(picture.path):
            self.doc.add_paragraph(f"[Bild nicht verfügbar: {picture.alt}]", style=HINWEIS)
            return
        # Unnumbered, as in the PDF: "Abbildung n" counts the charts.
        self._image(picture.path, picture.alt, picture.caption or picture.alt)
        if picture.caption:
            self.doc.add_paragraph(picture.caption, style="Caption")
        if picture.source:
            self._source(picture.source)

    def _image(self, image: Any, description: str, title: str) -> None:
        paragraph = self.doc.add_paragraph(style=ABBILDUNG)
        shape = paragraph.add_run().add_picture(image)
        if shape.width > TEXT_WIDTH:
            shape.height = Emu(int(shape.height * TEXT_WIDTH / shape.width))
            shape.width = TEXT_WIDTH
        properties = shape._inline.docPr
        properties.set("descr", description)
        properties.set("title", title)


# --- tables -----------------------------------------------------------------------------------


def is_wide(table: doc.Table) -> bool:
    """Its columns' longest words need clearly more than the portrait text width (a table a
    few per cent too wide stays with its neighbours, its columns narrowed in proportion)."""
    return sum(least_widths(_longest_words(table), TEXT_WIDTH)) > TEXT_WIDTH * WIDE_MARGIN


def _fill(word: WordTable, table: doc.Table, width: int = TEXT_WIDTH) -> None:
    word.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = word.rows[0]
    for index, (cell, text) in enumerate(zip(header.cells, table.columns, strict=True)):
        _cell_text(cell, text, right=index in table.numeric)  # bold and shaded by the style
    # Repeated at the top of every page the table runs over.
    header._tr.get_or_add_trPr().append(_element("w:tblHeader"))
    for row in table.rows:
        cells = word.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, row, strict=False)):
            _cell_text(cell, text, right=index in table.numeric)
    shares = table.widths or (1.0,) * len(table.columns)
    _widths(word, column_widths(shares, _longest_words(table), width), width)
    _rows_unsplit(word)


def _cell_text(cell: Any, text: str, *, right: bool = False, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABELLE
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    if bold:
        run.bold = True


def column_widths(
    shares: tuple[float, ...], longest_words: tuple[int, ...], text_width: int = TEXT_WIDTH
) -> list[int]:
    """Column widths (EMU) filling the text width in the proportions `shares`, but each at
    least as wide as its longest word (in characters), so that no word breaks inside (up to
    a third of the text width)."""
    least = least_widths(longest_words, text_width)
    if sum(least) >= text_width:  # too many columns: each in proportion to its longest word
        return [int(text_width * width / sum(least)) for width in least]
    fixed: set[int] = set()
    while True:
        free = text_width - sum(least[i] for i in fixed)
        rest = sum(share for i, share in enumerate(shares) if i not in fixed) or 1.0
        widths = [
            least[i] if i in fixed else int(free * share / rest) for i, share in enumerate(shares)
        ]
        narrow = {i for i, width in enumerate(widths) if width < least[i]} - fixed
        if not narrow or len(fixed | narrow) == len(shares):
            return widths
        fixed |= narrow


def least_widths(longest_words: tuple[int, ...], text_width: int) -> list[int]:
    return [min(CHAR_WIDTH * chars + CELL_PADDING, text_width // 3) for chars in longest_words]


def _longest_words(table: doc.Table) -> tuple[int, ...]:
    def longest(index: int) -> int:
        texts = [table.columns[index], *(row[index] for row in table.rows if index < len(row))]
        return max((len(word) for text in texts for word in text.split()), default=0)

    return tuple(longest(index) for index in range(len(table.columns)))


def _widths(word: WordTable, widths: list[int], text_width: int = TEXT_WIDTH) -> None:
    word.autofit = False
    table_width = word._tbl.tblPr.find(qn("w:tblW"))  # python-docx writes an "auto" one
    if table_width is not None:
        table_width.set(qn("w:w"), str(Emu(text_width).twips))
        table_width.set(qn("w:type"), "dxa")
    for column, width in zip(word.columns, widths, strict=False):
        column.width = Emu(width)
        for cell in column.cells:
            cell.width = Emu(width)


def _rows_unsplit(word: WordTable) -> None:
    for row in word.rows:
        row._tr.get_or_add_trPr().append(_element("w:cantSplit"))


def _shade(properties: Any, fill: str) -> None:
    properties.append(_element("w:shd", val="clear", color="auto", fill=fill))


# --- rich text --------------------------------------------------------------------------------


class _RichText(HTMLParser):
    """The sanitised HTML of the editorial pages as paragraphs in the document's styles:
    p, h3/h4 (headings below the section's), b/strong, i/em, a (hyperlink), ul/ol/li, br."""

    def __init__(self, word: WordDocument, depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.word = word
        self.depth = depth
        self.paragraph: WordParagraph | None = None
        self.bold = 0
        self.italic = 0
        self.link: str | None = None
        self.link_element: Any = None
        self.lists: list[tuple[str, int | None]] = []  # ("ul"|"ol", numbering id)

    def feed_all(self, html: str) -> None:
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "h3", "h4", "li"):
            if tag == "p" and self.paragraph is not None and self.lists:
                return  # <li><p>…</p></li> stays one list item
            self.paragraph = self.word.add_paragraph(style=self._style(tag))
            if tag == "li":
                self._number(self.paragraph)
        elif tag in ("ul", "ol"):
            self.paragraph = None
            self.lists.append((tag, _restarted_numbering(self.word) if tag == "ol" else None))
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if href.startswith(LINK_SCHEMES) else None
            self.link_element = None
        elif tag == "br":
            self._current().add_run().add_break(WD_BREAK.LINE)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "h3", "h4", "li") and not (tag == "p" and self._in_item()):
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("i", "em"):
            self.italic = max(0, self.italic - 1)
        elif tag == "a":
            self.link = None
            self.link_element = None

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if data[:1].isspace() and text:
            text = " " + text
        if data[-1:].isspace() and text and not text.endswith(" "):
            text += " "
        if not text.strip() and self.paragraph is None:
            return
        paragraph = self._current()
        if not paragraph.runs and not paragraph.hyperlinks:
            text = text.lstrip()
        if text:
            self._run(paragraph, text)

    def _in_item(self) -> bool:
        return bool(self.lists) and self.paragraph is not None

    def _style(self, tag: str) -> str:
        if tag == "h3":
            return f"Heading {min(self.depth + 1, 6)}"
        if tag == "h4":
            return f"Heading {min(self.depth + 2, 6)}"
        if tag == "li":
            kind = self.lists[-1][0] if self.lists else "ul"
            level = min(len(self.lists), 3)
            base = "List Number" if kind == "ol" else "List Bullet"
            return base if level <= 1 else f"{base} {level}"
        return "Normal"

    def _number(self, paragraph: WordParagraph) -> None:
        if self.lists and self.lists[-1][1] is not None and len(self.lists) == 1:
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            numbering.get_or_add_ilvl().val = 0
            numbering.get_or_add_numId().val = self.lists[-1][1]

    def _current(self) -> WordParagraph:
        if self.paragraph is None:
            self.paragraph = self.word.add_paragraph(style=self._style("li" if self.lists else "p"))
        return self.paragraph

    def _run(self, paragraph: WordParagraph, text: str) -> None:
        if self.link is None:
            run = paragraph.add_run(text)
        else:
            if self.link_element is None:
                self.link_element = _hyperlink(paragraph, self.link)
            run = Run(OxmlElement("w:r"), paragraph)
            self.link_element.append(run._r)
            run.text = text
            run.style = self.word.styles["Hyperlink"]
        if self.bold:
            run.bold = True
        if self.italic:
            run.italic = True


def _hyperlink(paragraph: WordParagraph, url: str) -> Any:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), relation)
    element.set(qn("w:history"), "1")
    paragraph._p.append(element)
    return element


def _restarted_numbering(word: WordDocument) -> int:
    """A new numbering instance of the "List Number" style that starts again at 1."""
    style = word.styles["List Number"].element
    style_num = style.pPr.numPr.numId.val
    numbering = word.part.numbering_part.element
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    override = _element("w:lvlOverride", ilvl="0")
    override.append(_element("w:startOverride", val="1"))
    num.append(override)
    return int(num.numId)


# --- fields -----------------------------------------------------------------------------------


def _field(paragraph: WordParagraph, instruction: str, shown: str) -> None:
    """A complex field (PAGE, NUMPAGES, SEQ …) with `shown` as its result until updated."""
    _field_begin(paragraph, instruction)
    paragraph.add_run(shown)
    paragraph._p.append(_field_char("end"))


def _field_begin(paragraph: WordParagraph, instruction: str, at_start: bool = False) -> None:
    elements = [_field_char("begin"), _instruction(instruction), _field_char("separate")]
    if at_start:
        # Before the paragraph's text, which is the field's result.
        anchor = paragraph._p.pPr
        for element in reversed(elements):
            if anchor is None:
                paragraph._p.insert(0, element)
            else:
                anchor.addnext(element)
        return
    for element in elements:
        paragraph._p.append(element)


def _field_end(paragraph: WordParagraph) -> None:
    paragraph._p.append(_field_char("end"))


def _field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    run.append(_element("w:fldChar", fldCharType=kind))
    return run


def _instruction(text: str) -> Any:
    run = OxmlElement("w:r")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {text} "
    run.append(instruction)
    return run


def _draft_mark(paragraph: WordParagraph) -> None:
    run = paragraph.add_run(DRAFT_MARK)
    run.bold = True
    run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)


# --- styles and settings ----------------------------------------------------------------------


def _page_setup(word: WordDocument) -> None:
    section = word.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.2)


def _styles(word: WordDocument) -> None:
    _defaults(word)
    styles = word.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    normal.paragraph_format.widow_control = True
    sizes = {1: 18, 2: 14, 3: 12, 4: 11, 5: 10.5, 6: 10.5}
    for level, size in sizes.items():
        style = styles[f"Heading {level}"]
        _look(style, size, bold=True, colour=ACCENT, italic=False)
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True  # chapters start a page
    _look(styles["Title"], 28, bold=True, colour=ACCENT)
    _no_border(styles["Title"])
    styles["Title"].paragraph_format.space_before = Pt(96)
    styles["Title"].paragraph_format.space_after = Pt(12)
    _look(styles["Subtitle"], 18, colour=ACCENT, italic=False)
    styles["Subtitle"].paragraph_format.space_after = Pt(48)
    _look(styles["TOC Heading"], 18, bold=True, colour=ACCENT)
    _look(styles["Caption"], 9.5, bold=True, colour=RGBColor(0, 0, 0), italic=False)
    styles["Caption"].paragraph_format.space_before = Pt(6)
    styles["Caption"].paragraph_format.space_after = Pt(4)
    styles["Caption"].paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _look(styles[name], 8.5, colour=RGBColor(0x40, 0x40, 0x40))
        tabs = styles[name].paragraph_format.tab_stops
        tabs.clear_all()  # the template's stops are set for US Letter
        tabs.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    _custom_styles(word)


def _custom_styles(word: WordDocument) -> None:
    styles = word.styles
    district = _paragraph_style(word, COVER_DISTRICT, size=14, bold=True)
    district.paragraph_format.space_after = Pt(0)
    _paragraph_style(word, COVER_LINE, size=12).paragraph_format.space_after = Pt(4)
    source = _paragraph_style(word, QUELLE, size=8.5, colour=RGBColor(0x40, 0x40, 0x40))
    source.paragraph_format.space_after = Pt(12)
    note = _paragraph_style(word, HINWEIS)
    _shade(note.element.get_or_add_pPr(), NOTE_FILL)  # first: python-docx keeps the order
    note.paragraph_format.left_indent = note.paragraph_format.right_indent = Cm(0.2)
    note.paragraph_format.space_before = note.paragraph_format.space_after = Pt(6)
    cell = _paragraph_style(word, TABELLE, size=9)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    figure = _paragraph_style(word, ABBILDUNG)
    figure.paragraph_format.keep_with_next = True
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for level in (1, 2, 3):
        toc = _paragraph_style(word, f"toc {level}", style_id=f"TOC{level}")
        toc.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        toc.paragraph_format.space_after = Pt(3)
        toc.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, leader=WD_TAB_LEADER.DOTS
        )
    _table_style(word)
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True


def _table_style(word: WordDocument) -> None:
    """Thin grey borders, the first row (the header) bold on a light blue-grey: the district
    changes every table at once by changing this style."""
    style = word.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = word.styles["Table Grid"]
    style.quick_style = True
    element = style.element
    properties = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color=BORDER_COLOUR))
    properties.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(_element(f"w:{side}", w="85", type="dxa"))
    properties.append(margins)
    element.append(properties)
    first_row = _element("w:tblStylePr", type="firstRow")
    run = OxmlElement("w:rPr")
    run.append(OxmlElement("w:b"))
    first_row.append(run)
    first_row.append(OxmlElement("w:tblPr"))
    cell = OxmlElement("w:tcPr")
    _shade(cell, HEADER_FILL)
    first_row.append(cell)
    element.append(first_row)


def _paragraph_style(
    word: WordDocument,
    name: str,
    *,
    size: float | None = None,
    bold: bool = False,
    colour: RGBColor | None = None,
    style_id: str = "",
) -> ParagraphStyle:
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style_id:
        style.element.styleId = style_id
    style.base_style = word.styles["Normal"]
    style.quick_style = True
    if size is not None:
        style.font.size = Pt(size)
    style.font.bold = bold or None
    if colour is not None:
        style.font.color.rgb = colour
    return style


def _look(
    style: Any, size: float, *, bold: bool = False, colour: RGBColor, italic: bool | None = None
) -> None:
    _arial(style.element.get_or_add_rPr())
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = colour
    if italic is not None:
        style.font.italic = italic


def _no_border(style: Any) -> None:
    properties = style.element.pPr
    if properties is not None:
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)


def _defaults(word: WordDocument) -> None:
    """Arial and German (spelling, hyphenation) as the document's defaults."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _arial(run)
    language = run.find(qn("w:lang"))
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)


def _arial(run_properties: Any) -> None:
    """Arial in every script slot, replacing the template's theme fonts (Calibri/Cambria)."""
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def _settings(word: WordDocument) -> None:
    settings = word.settings.element
    # Word fills the table of contents (and the page count) when the file is opened.
    settings.append(_element("w:updateFields", val="true"))
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:val"), LANGUAGE)
    # German decimal comma for fields and formulas the staff may add.
    for name, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(name))
        if element is not None:
            element.set(qn("w:val"), value)
    _move_update_fields(settings)
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(_element("w:autoHyphenation", val="true"))


def _move_update_fields(settings: Any) -> None:
    """`w:updateFields` belongs before `w:compat`-like later elements in the schema order
    (CT_Settings: … hdrShapeDefaults, footnotePr, endnotePr, compat …); Word is strict."""
    update = settings.find(qn("w:updateFields"))
    compat = settings.find(qn("w:compat"))
    if update is not None and compat is not None:
        compat.addprevious(update)


# --- helpers ----------------------------------------------------------------------------------


def _element(tag: str, **attributes: str) -> Any:
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _bookmark_name(key: str) -> str:
    """A bookmark name Word accepts: a letter first, letters, digits and _, ≤ 40 chars."""
    name = "".join(c if c.isalnum() else "_" for c in key)
    return ("k_" + name)[:40]
