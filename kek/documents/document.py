"""The document model: what a generated document says, independent of its format.

Pure module (no Django). The assembly functions (`kek.documents.assemble`) fill it from live
data; the renderers (`pdf`, `docx`, `xlsx`) and the web page "Endbericht" read it, so every
format says the same. `fingerprint()` is the content part of a build's input hash: it covers
every text, number and chart spec the document shows, and not the day it is built.

Texts are plain text (escaped by every renderer) except `RichText.html`, which is sanitised
HTML from the editorial pages (p, h3, h4, b/strong, i/em, a, ul, ol, li, br).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, is_dataclass
from datetime import date
from typing import Any

from kek.charts.specs import Chart


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text (generated sentences with their numbers)."""

    text: str


@dataclass(frozen=True)
class RichText:
    """Editorial text: sanitised HTML."""

    html: str


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    """A highlighted remark, e.g. "Beispielinhalt" or "Entwurf"."""

    text: str


@dataclass(frozen=True)
class KeyFigures:
    """Headline figures: (label, value) pairs, e.g. ("Einwohner am 31.12.2024", "199.422")."""

    items: tuple[tuple[str, str], ...]
    source: str = ""


@dataclass(frozen=True)
class Table:
    """A table of display strings (numbers already formatted in German). `numeric` are the
    indices of right-aligned columns; `widths` optional relative column widths."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str = ""
    numeric: tuple[int, ...] = ()
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart: SVG in the PDF, PNG in the DOCX, interactive on the web. Every renderer shows
    its data table (`chart.rows` under `chart.columns`) and the source line."""

    chart: Chart
    caption: str
    source: str


@dataclass(frozen=True)
class Picture:
    """An editorial image: a local file (`path`), its text alternative and caption."""

    path: str
    alt: str
    caption: str = ""
    source: str = ""


Block = Paragraph | RichText | BulletList | Note | KeyFigures | Table | Figure | Picture


@dataclass
class Section:
    """A chapter or sub-chapter. Its heading level is its depth (1 = chapter); `number` is
    shown before the title ("3.2") and may be empty (Anlage, Quellenverzeichnis)."""

    title: str
    number: str = ""
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    key: str = ""  # the anchor; renderers derive one from number and title when empty
    new_page: bool = False  # for sub-chapters; chapters always start on a new page

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self, depth: int = 1) -> list[tuple[int, Section]]:
        """This section and all below it, in reading order, with their depths."""
        found = [(depth, self)]
        for child in self.children:
            found.extend(child.walk(depth + 1))
        return found


@dataclass(frozen=True)
class Cover:
    district: str  # "Landkreis Nordsachsen"
    concept: str  # "KEK Nordsachsen 2030"
    title: str  # "Endbericht – Langfassung"
    version: str  # "Fassung 1"
    status: str  # "Beschlossene Fassung", "Entwurf" …
    adoption: str  # "beschlossen am 24.03.2021 vom Kreistag (TOP 5)", or ""
    data_date: str  # "Datenstand: Statistik 31.12.2024, Projekte 01.12.2026"


@dataclass
class Document:
    kind: str  # a kinds.KIND name, e.g. "endbericht-langfassung"
    cover: Cover
    sections: list[Section]
    draft: bool  # marked "Entwurf" on every page
    file_stem: str  # "KEK-Nordsachsen-2030-Endbericht-Langfassung-Fassung-1"; the day is added

    @property
    def title(self) -> str:
        """The document title of the PDF metadata and the DOCX core properties."""
        return f"{self.cover.title} – {self.cover.concept}"

    def walk(self) -> list[tuple[int, Section]]:
        return [entry for section in self.sections for entry in section.walk()]

    def file_name(self, built: date, extension: str) -> str:
        return f"{self.file_stem}-{built.isoformat()}.{extension}"

    def fingerprint(self) -> str:
        """SHA-256 of everything the document shows (chart specs included)."""
        text = json.dumps(_plain(self), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Chart):
        return {"spec": value.static_spec(), "title": value.title, "text": value.description,
                "rows": value.rows, "columns": value.columns}  # fmt: skip
    if is_dataclass(value) and not isinstance(value, type):
        return {"type": type(value).__name__, **{k: _plain(v) for k, v in vars(value).items()}}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


__all__ = [
    "Block",
    "BulletList",
    "Cover",
    "Document",
    "Figure",
    "KeyFigures",
    "Note",
    "Paragraph",
    "Picture",
    "RichText",
    "Section",
    "Table",
]
