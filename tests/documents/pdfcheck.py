"""A check kit for generated PDFs (PDF/UA-1 essentials, outline, table of contents).

`problems(data, headings)` lists in words everything that is wrong with a PDF (empty when it
is fine), so a test says `assert problems(pdf, headings(document)) == []` and a failure names
each problem. The single checks are usable on their own.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pikepdf
import pypdf

from kek.documents.document import Document

PDFUA = "{http://www.aiim.org/pdfua/ns/id/}part"
TOC_LEVELS = 2
RIGHT_MARGIN = 20 / 25.4 * 72  # the print CSS's narrowest side margin, 20 mm in points


@dataclass(frozen=True)
class Entry:
    level: int
    title: str
    page: int  # 0-based index


def headings(document: Document) -> list[str]:
    """The section headings of a document in reading order (what the outline must be)."""
    return [section.heading for _, section in document.walk()]


def page_texts(data: bytes) -> list[str]:
    """The text of each page (pypdf), whitespace collapsed."""
    return _scan(data)[0]


def normal(text: str) -> str:
    """Whitespace collapsed; a word hyphenated at a line end (WeasyPrint's hyphenation
    character U+2010, not the hyphen-minus of compounds) joined again."""
    return re.sub(r"\s+", " ", re.sub("\u2010\\s+", "", text)).strip()


def outline(pdf: pikepdf.Pdf) -> list[Entry]:
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found: list[Entry] = []

    def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            destination = item.destination
            if isinstance(destination, pikepdf.Array):
                page = pages.get(destination[0].objgen, -1)
            else:
                page = -1
            found.append(Entry(level, str(item.title), page))
            walk(item.children, level + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return found


def figures(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """The /Figure elements of the structure tree."""
    found: list[pikepdf.Dictionary] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                found.append(node)
            if "/K" in node:
                walk(node.K)
        elif isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)

    walk(pdf.Root.StructTreeRoot.get("/K"))
    return found


def tagging_problems(pdf: pikepdf.Pdf) -> list[str]:
    root = pdf.Root
    found = []
    if "/StructTreeRoot" not in root:
        found.append("no StructTreeRoot")
    if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
        found.append("/MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")).split("-")[0].lower() != "de":
        found.append(f"/Lang is {root.get('/Lang')!r}, not de")
    if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
        found.append("DisplayDocTitle is not set")
    with pdf.open_metadata() as meta:
        if meta.get(PDFUA) != "1":
            found.append(f"XMP pdfuaid:part is {meta.get(PDFUA)!r}, not 1")
    if "/StructTreeRoot" in root:
        for number, figure in enumerate(figures(pdf), 1):
            if not str(figure.get("/Alt", "")).strip():
                found.append(f"figure {number} of the structure tree has no /Alt")
    return found


def outline_problems(entries: list[Entry], expected: list[str]) -> list[str]:
    titles = [entry.title for entry in entries]
    if titles == expected:
        return []
    return [f"outline {titles} is not the headings {expected}"]


def heading_page_problems(entries: list[Entry], texts: list[str]) -> list[str]:
    """Each outline entry points at a page whose text shows that heading."""
    return [
        f"heading {entry.title!r} is not on page {entry.page + 1}, where the outline points"
        for entry in entries
        if entry.page < 0 or normal(entry.title) not in texts[entry.page]
    ]


def orphan_problems(entries: list[Entry], texts: list[str], running: tuple[str, ...]) -> list[str]:
    """Headings with nothing after them on their page but the running header and footer
    (`running`: its fixed texts, e.g. the concept's name or "Entwurf"; the chapter titles and
    "Seite x von y" are known)."""
    chapters = tuple(entry.title for entry in entries if entry.level == 1)
    found = []
    for entry in entries:
        if entry.page < 0:
            continue
        text = texts[entry.page]
        at = text.find(normal(entry.title))  # the running header comes last in the text
        if at < 0:
            continue
        rest = re.sub(r"Seite \d+ von \d+", "", text[at + len(normal(entry.title)) :])
        for fixed in (*running, *chapters):
            rest = rest.replace(normal(fixed), "")
        if not rest.strip():
            found.append(f"heading {entry.title!r} alone at the end of page {entry.page + 1}")
    return found


def toc_numbers(entries: list[Entry], texts: list[str]) -> dict[str, int | None]:
    """The page number the table of contents gives for each entry of levels 1–2 (None: not
    listed). The contents are the pages before the first heading."""
    first = min((entry.page for entry in entries if entry.page >= 0), default=0)
    contents = " ".join(texts[:first])
    numbers: dict[str, int | None] = {}
    for entry in entries:
        if entry.level > TOC_LEVELS:
            continue
        pattern = re.escape(normal(entry.title)) + r"\s*(?:\.\s*)+(\d+)"
        match = re.search(pattern, contents)
        numbers[entry.title] = int(match.group(1)) if match else None
        if match:  # the next entry is searched after this one (titles may repeat)
            contents = contents[match.end() :]
    return numbers


def toc_problems(entries: list[Entry], texts: list[str]) -> list[str]:
    pages = {entry.title: entry.page + 1 for entry in entries}
    return [
        f"contents give page {number} for {title!r}, it is on page {pages[title]}"
        if number is not None
        else f"contents do not list {title!r} with a page number"
        for title, number in toc_numbers(entries, texts).items()
        if number != pages[title]
    ]


def overflow_problems(data: bytes) -> list[str]:
    """Text that begins right of the text area (a table wider than the page is clipped)."""
    return _overflows(_scan(data)[1])


def _overflows(outside: list[list[str]]) -> list[str]:
    return [
        f"page {number}: text outside the text area: {texts[:5]}"
        for number, texts in enumerate(outside, 1)
        if texts
    ]


def _scan(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Each page's text and the pieces of it that begin right of the text area."""
    texts, outside = [], []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        limit = float(page.mediabox.width) - RIGHT_MARGIN
        found: list[str] = []
        texts.append(normal(page.extract_text(visitor_text=_visitor(limit, found)) or ""))
        outside.append(found)
    return texts, outside


def _visitor(limit: float, found: list[str]):  # noqa: ANN202 - pypdf's callback
    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip() and cm[0] * tm[4] + cm[2] * tm[5] + cm[4] > limit:
            found.append(text.strip())

    return visit


def problems(data: bytes, expected_headings: list[str], running: tuple[str, ...] = ()) -> list[str]:
    """Everything wrong with the PDF `data` whose sections are `expected_headings`
    (`running`: the fixed texts of its running header, see `orphan_problems`)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = tagging_problems(pdf)
        entries = outline(pdf)
    texts, outside = _scan(data)
    found += outline_problems(entries, expected_headings)
    found += heading_page_problems(entries, texts)
    found += toc_problems(entries, texts)
    found += orphan_problems(entries, texts, running)
    found += _overflows(outside)
    return found
