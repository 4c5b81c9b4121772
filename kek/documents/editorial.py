"""The editorial chapters of a district's Endbericht as document blocks: the live
`ChapterPage`s of a slot below its `ReportPage`, each page's StreamField blocks in order
(`blocks.to_document`)."""

from __future__ import annotations

from typing import Any

from kek.core.sites import homes_for_regions

from .document import Block
from .pages import ChapterPage, ReportPage, page_blocks


def report_page(region_id: int) -> ReportPage | None:
    home = homes_for_regions([region_id]).get(region_id)
    if home is None:
        return None
    return ReportPage.objects.live().child_of(home).first()


def chapters(region_id: int, slot: str) -> list[ChapterPage]:
    report = report_page(region_id)
    if report is None:
        return []
    found = ChapterPage.objects.live().child_of(report).filter(slot=slot)
    return list(found.order_by("path"))


def chapter_blocks(region_id: int, slot: str, context: dict[str, Any] | None = None) -> list[Block]:
    """What the editors wrote for one slot of the report, as document blocks."""
    pages = chapters(region_id, slot)
    return [block for page in pages for block in page_blocks(page, context or {})]
