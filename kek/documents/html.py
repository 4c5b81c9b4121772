"""HTML of the document blocks, shared by the PDF (mode "print") and the web page "Endbericht"
(mode "web"): each block renders through `templates/documents/blocks/<type>.html` with a
context made here. `Numbering` gives figures and tables their running numbers ("Abbildung 3")
and sections unique anchors, the same in the table of contents and in the text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nh3
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from kek.charts.render import to_svg

from .chart_table import data_table
from .document import (
    Block,
    BulletList,
    Figure,
    KeyFigures,
    Note,
    Paragraph,
    Picture,
    RichText,
    Section,
    Table,
)

PRINT, WEB = "print", "web"
MODES = (PRINT, WEB)
TEMPLATES = {
    Paragraph: "paragraph",
    RichText: "rich_text",
    BulletList: "bullet_list",
    Note: "note",
    KeyFigures: "key_figures",
    Table: "table",
    Figure: "figure",
    Picture: "picture",
}
RICH_TAGS = {"p", "h3", "h4", "b", "strong", "i", "em", "a", "ul", "ol", "li", "br"}
WIDE_TABLE = 6  # more columns than this: smaller font in print
TOGETHER = 12  # a figure's data table of at most this many rows stays on its page in print
_UNIT = re.compile(r"(?<=\d) (?=(?:€|%|‰|km²|ha|t)(?:\s|$))")
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_RICH_HEADING = re.compile(r"<(/?)h([3-6])\b", re.IGNORECASE)


@dataclass
class Numbering:
    """Running numbers of figures and tables and the anchors of sections, in reading order."""

    figures: int = 0
    tables: int = 0
    _numbers: dict[int, int] = field(default_factory=dict)
    _anchors: dict[int, str] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)

    def number(self, block: Figure | Table) -> int:
        key = id(block)
        if key not in self._numbers:
            if isinstance(block, Figure):
                self.figures += 1
                self._numbers[key] = self.figures
            else:
                self.tables += 1
                self._numbers[key] = self.tables
        return self._numbers[key]

    def anchor(self, section: Section) -> str:
        key = id(section)
        if key not in self._anchors:
            words = f"{section.number.replace('.', '-')} {section.title}"
            base = section.key or "kapitel-" + (slugify(words) or "ohne-titel")
            anchor, n = base, 1
            while anchor in self._used:
                n += 1
                anchor = f"{base}-{n}"
            self._used.add(anchor)
            self._anchors[key] = anchor
        return self._anchors[key]


def render_blocks(
    blocks: Iterable[Block], mode: str, numbering: Numbering, depth: int | None = None
) -> SafeString:
    """The blocks as HTML; `depth`: the heading level of the section they stand in (editorial
    h3/h4 then become the next levels below it)."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")
    parts = [render_block(block, mode, numbering, depth) for block in blocks]
    return mark_safe("\n".join(parts))  # noqa: S308 - each part is a rendered template


def render_block(block: Block, mode: str, numbering: Numbering, depth: int | None) -> str:
    name = TEMPLATES[type(block)]
    context = {"block": block, "mode": mode, **_CONTEXT[name](block, mode, numbering, depth)}
    return render_to_string(f"documents/blocks/{name}.html", context)


def render_section(
    section: Section, level: int, mode: str, numbering: Numbering, toc_depth: int = 2
) -> SafeString:
    """A section with its heading `h<level>`, its blocks and its sub-sections below it."""
    context = {
        "section": section,
        "level": min(level, 6),
        "anchor": numbering.anchor(section),
        "mode": mode,
        "body": render_blocks(section.blocks, mode, numbering, level),
        "children": [
            render_section(child, level + 1, mode, numbering, toc_depth)
            for child in section.children
        ],
    }
    return mark_safe(render_to_string("documents/blocks/section.html", context))  # noqa: S308


# --- block contexts ---------------------------------------------------------------------------


def _nothing(block: Any, mode: str, numbering: Numbering, depth: int | None) -> dict[str, Any]:
    return {}


def _rich_text(block: RichText, mode: str, numbering: Numbering, depth: int | None) -> dict:
    return {"html": mark_safe(sanitised(block.html, depth))}  # noqa: S308 - cleaned by nh3


def _table(block: Table, mode: str, numbering: Numbering, depth: int | None) -> dict:
    number = numbering.number(block)
    caption = f"Tabelle {number}: {block.caption}"
    return {"number": number, "caption": caption, **table_context(block)}


def _figure(block: Figure, mode: str, numbering: Numbering, depth: int | None) -> dict:
    number = numbering.number(block)
    table = data_table(block.chart, caption=f"Daten zu Abbildung {number}")
    context: dict[str, Any] = {
        "number": number,
        "caption": f"Abbildung {number}: {block.caption}",
        "chart_id": f"abbildung-{number}",
        "together": TOGETHER,
        "data": table_context(table),
        "data_caption": table.caption,
        "source": source_line(block.source),
    }
    if mode == PRINT:
        context["svg"] = mark_safe(svg_with_title(to_svg(block.chart), block.chart.description))  # noqa: S308
    return context


def _picture(block: Picture, mode: str, numbering: Numbering, depth: int | None) -> dict:
    path = Path(block.path)
    return {
        "src": path.resolve().as_uri() if mode == PRINT else media_url(path),
        "source": source_line(block.source),
    }


def _with_source(block: KeyFigures, mode: str, numbering: Numbering, depth: int | None) -> dict:
    return {"source": source_line(block.source)}


_CONTEXT = {
    "paragraph": _nothing,
    "rich_text": _rich_text,
    "bullet_list": _nothing,
    "note": _nothing,
    "key_figures": _with_source,
    "table": _table,
    "figure": _figure,
    "picture": _picture,
}


# --- helpers ----------------------------------------------------------------------------------


def table_context(table: Table) -> dict[str, Any]:
    """Header and rows with the alignment of each cell, column widths in percent."""
    numeric = set(table.numeric)
    total = sum(table.widths)
    widths = [f"{100 * w / total:.2f}" for w in table.widths] if total else []
    return {
        "header": [(label, i in numeric) for i, label in enumerate(table.columns)],
        "rows": [[_cell(cell, i in numeric) for i, cell in enumerate(row)] for row in table.rows],
        "widths": widths if len(widths) == len(table.columns) else [],
        "wide": len(table.columns) > WIDE_TABLE,
        "source": source_line(table.source),
    }


def _cell(text: str, numeric: bool) -> tuple[str, bool]:
    """A cell and its alignment; a number keeps its unit ("45.000.000 €" with a no-break
    space), so the unit never stands alone on a line."""
    return (_UNIT.sub("\u00a0", text) if numeric else text), numeric


def source_line(source: str) -> str:
    """ "Quelle: …", unless the text already names itself a source."""
    source = source.strip()
    if not source or source.lower().startswith(("quelle", "kartengrundlage", "daten")):
        return source
    return f"Quelle: {source}"


def sanitised(text: str, depth: int | None = None) -> str:
    """Editorial HTML with only the elements the editorial text allows; its h3/h4 become the
    levels below `depth` (a section's heading level), so the outline has no gaps."""
    clean = nh3.clean(
        text,
        tags=RICH_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    if depth is None:
        return clean
    return _RICH_HEADING.sub(lambda m: f"<{m[1]}h{min(6, depth + int(m[2]) - 2)}", clean)


def svg_with_title(svg: str, title: str) -> str:
    """The SVG with `title` as its text alternative (first child `<title>`, role img)."""
    svg = svg.strip()
    if svg.startswith("<?xml"):
        svg = svg[svg.index("?>") + 2 :].strip()
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("no <svg> element in the chart")
    opening = match.group(0)
    if "role=" not in opening:
        opening = opening[:-1] + ' role="img">'
    head = f"{opening}<title>{html.escape(title)}</title>"
    return svg[: match.start()] + head + svg[match.end() :]


def media_url(path: Path) -> str:
    """The web address of a file below MEDIA_ROOT ("" for any other file)."""
    try:
        relative = path.resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    except ValueError:
        return ""
    return settings.MEDIA_URL + relative.as_posix()
