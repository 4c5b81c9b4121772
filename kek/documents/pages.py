"""The editorial chapters of the Endbericht (F27): a `ReportPage` ("Endbericht", below the
district's start page) with one `ChapterPage` per editorial chapter. A chapter's StreamField
blocks (`blocks`) render on the web page and in the documents alike.

The web page "Endbericht" shows the Langfassung as it stands (the same `document.Document`
the PDF and DOCX are made from) with a table of contents and the downloads of the last
complete builds; it shows the version the public pages show (the current one, or the draft a
planner previews, `goals.queries.current_concept`)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import HttpRequest
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from kek.core.routes import route_url
from kek.goals.models import Concept
from kek.goals.queries import current_concept

from . import blocks
from .document import Block, Figure, Section
from .html import Numbering

LONG_REPORT = "kek.documents.assemble.final_report"
REPORT_KINDS = ("endbericht-langfassung", "endbericht-kurzfassung")
START_LINK = "documents/report/_start_link.html"
DOWNLOAD_ROUTE = "document_download"  # kek.documents.public


class ReportPage(Page):
    """The web page "Endbericht": the Langfassung as it stands, with its downloads."""

    intro = models.TextField(
        "Einleitung",
        blank=True,
        help_text="Ein kurzer Text über dem Inhaltsverzeichnis (ohne Formatierung).",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.DistrictHomePage"]
    subpage_types = ["documents.ChapterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Endbericht"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent().specific
        concept = current_concept(home)
        sections = report_sections(self, concept) if concept else []
        # The same anchors in "Auf dieser Seite" (chapters, sub-chapters) and in the text.
        numbering = Numbering()
        context.update(
            concept=concept,
            sections=sections,
            numbering=numbering,
            contents=[
                (
                    numbering.anchor(section),
                    section,
                    [(numbering.anchor(child), child) for child in section.children],
                )
                for section in sections
            ],
            downloads=downloads(concept, home) if concept else [],
            has_figures=any(isinstance(b, Figure) for b in all_blocks(sections)),
        )
        return context


class ChapterPage(Page):
    """An editorial chapter; `slot` places it in the report's skeleton."""

    class Slot(models.TextChoices):
        TASK = "aufgabe", "1 Aufgabe und Vorgehen"
        LOCATION = "makrolage", "2 Makrolage"
        CONDITIONS = "rahmenbedingungen", "3 Sozioökonomische Rahmenbedingungen (Einleitung)"
        GOALS = "zielsystem", "4 Zielsystem (Einleitung)"
        OUTLOOK = "ausblick", "5 Ausblick: Umsetzung und Evaluierung (Einleitung)"

    slot = models.CharField(
        "Kapitel im Endbericht",
        max_length=20,
        choices=Slot.choices,
        help_text="Wo dieser Text im Endbericht steht; mehrere Seiten eines Kapitels folgen "
        "in der Reihenfolge des Seitenbaums.",
    )
    body = StreamField(
        blocks.BODY_BLOCKS,
        blank=True,
        verbose_name="Inhalt",
        help_text="Text, Bilder und Bausteine mit Live-Daten (Diagramm, Zielsystem, "
        "Projektliste, SWOT-Matrix); sie erscheinen gleich auf der Webseite und im PDF.",
    )

    content_panels = [*Page.content_panels, FieldPanel("slot"), FieldPanel("body")]
    parent_page_types = ["documents.ReportPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Kapitel des Endberichts"
        verbose_name_plural = "Kapitel des Endberichts"

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        report = self.get_parent().specific
        concept = current_concept(report.get_parent().specific)
        found = page_blocks(self, {"concept": concept}) if concept else []
        context.update(
            concept=concept,
            report=report,
            blocks=found,
            has_figures=any(isinstance(b, Figure) for b in found),
        )
        return context


def report_link(home: Any, concept: Concept | None) -> dict[str, Any]:
    """The start page's link to the web page "Endbericht" (context of its start-page part)."""
    return {"report_page": ReportPage.objects.live().child_of(home).first()}


def page_blocks(page: ChapterPage, context: dict[str, Any]) -> list[Block]:
    """A chapter's StreamField blocks in order, as document blocks."""
    result: list[Block] = []
    for child in page.body:
        result.extend(child.block.to_document(child.value, context))
    return result


# ------------------------------------------------------------------------------ the report


def report_sections(report: ReportPage, concept: Concept) -> list[Section]:
    """The Langfassung's chapters; before its assembly exists, the editorial chapters."""
    if importlib.util.find_spec(LONG_REPORT) is not None:
        module = importlib.import_module(LONG_REPORT)
        return list(module.long(concept).sections)
    chapters = ChapterPage.objects.live().child_of(report).order_by("path")
    return [
        Section(
            title=chapter.title,
            number=slot_number(chapter.slot),
            blocks=page_blocks(chapter, {"concept": concept}),
        )
        for chapter in chapters
    ]


def slot_number(slot: str) -> str:
    label = ChapterPage.Slot(slot).label if slot in ChapterPage.Slot.values else ""
    return label.split(" ", 1)[0] if label[:1].isdigit() else ""


def walk(sections: list[Section]) -> list[tuple[int, Section]]:
    return [entry for section in sections for entry in section.walk()]


def all_blocks(sections: list[Section]) -> list[Block]:
    return [block for _, section in walk(sections) for block in section.blocks]


# ---------------------------------------------------------------------------- the downloads


@dataclass(frozen=True)
class Download:
    label: str  # "Endbericht – Langfassung"
    format: str  # "PDF"
    url: str
    size: int
    name: str  # the file name the download gets
    built: Any  # when the build finished
    data_date: str  # "Datenstand: …" of the build
    refreshing: bool  # a newer build is queued or running


def downloads(concept: Concept, home: Any) -> list[Download]:
    """The files of the newest complete build of each report kind (none before the first)."""
    from .kinds import FORMAT_LABELS, KINDS
    from .models import Build

    builds = Build.objects.filter(concept=concept, kind__in=REPORT_KINDS, snapshot__isnull=True)
    done = builds.filter(state=Build.State.DONE).order_by("-frozen", "-finished_at", "-pk")
    pending = set(
        builds.filter(state__in=[Build.State.QUEUED, Build.State.RUNNING]).values_list(
            "kind", flat=True
        )
    )
    newest: dict[str, Any] = {}
    for found in done.prefetch_related("files"):
        newest.setdefault(found.kind, found)
    result = []
    for kind in REPORT_KINDS:
        build = newest.get(kind)
        if build is None:
            continue
        label = KINDS[kind].label if kind in KINDS else kind
        for file in sorted(build.files.all(), key=lambda f: f.format):
            url = route_url(DOWNLOAD_ROUTE, home, concept.version, kind, file.format)
            result.append(
                Download(
                    label=label,
                    format=FORMAT_LABELS.get(file.format, file.format.upper()),
                    url=url,
                    size=file.size,
                    name=file.name,
                    built=build.finished_at,
                    data_date=build.data_date,
                    refreshing=kind in pending,
                )
            )
    return result
