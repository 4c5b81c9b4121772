"""What every document of a concept version shares: the cover (district, title, version,
status, adoption, data date), the "Entwurf" mark, the file name, and the sources collected
for the Quellenverzeichnis while a document is assembled."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Max
from django.utils import timezone

from kek.committees.resolutions import sentence
from kek.core.periods import format_date, format_period, newest
from kek.goals.models import Concept
from kek.projects.models import Project
from kek.statistics.figures import LICENCE_NAME, SOURCE_LINE
from kek.statistics.models import ImportBatch, Indicator
from kek.swot.evidence import data_date
from kek.swot.models import DocumentEvidence

from ..document import Block, Cover, Document, Note, Section, Table

LICENCE = "dl-de/by-2-0"
STATUSES: dict[str, str] = {
    Concept.Status.ADOPTED: "Beschlossene Fassung",
    Concept.Status.DRAFT: "Entwurf",
    Concept.Status.CONSULTATION: "In Beteiligung (Entwurf)",
    Concept.Status.SUPERSEDED: "Abgelöste Fassung",
}
FINAL = (Concept.Status.ADOPTED, Concept.Status.SUPERSEDED)
EXAMPLE_NOTE = (
    "Mit „Beispielinhalt“ gekennzeichnete Inhalte stammen noch nicht aus dem beschlossenen "
    "Konzept; die Kreisentwicklung ersetzt oder bestätigt sie."
)
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                          "ß": "ss"})  # fmt: skip


def load_concept(concept: Concept) -> Concept:
    """The version again with its district and what the adoption sentence reads (the caller's
    object may be stale: a build runs later)."""
    return Concept.objects.with_adoption().select_related("region").get(pk=concept.pk)


def is_draft(concept: Concept) -> bool:
    return concept.status not in FINAL


def district_name(concept: Concept) -> str:
    region = concept.region
    return f"{region.kind or 'Landkreis'} {region.name}"


def ascii_stem(*parts: str) -> str:
    """ "KEK Nordsachsen 2030", "Endbericht – Langfassung" → "KEK-Nordsachsen-2030-Endbericht-
    Langfassung" (umlauts transliterated, anything else not ASCII dropped)."""
    text = " ".join(parts).translate(_UMLAUTS)
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain))


def file_stem(concept: Concept, name: str) -> str:
    return ascii_stem(concept.title, name, f"Fassung {concept.version}")


# ----------------------------------------------------------------------------- sources


@dataclass
class TableSource:
    code: str
    title: str
    periods: set[str] = field(default_factory=set)
    batch: ImportBatch | None = None
    source: str = SOURCE_LINE


@dataclass
class Sources:
    """The statistics tables and the studies a document uses, for its Quellenverzeichnis and
    its data date."""

    tables: dict[str, TableSource] = field(default_factory=dict)
    documents: dict[tuple[str, str, str], DocumentEvidence] = field(default_factory=dict)

    def add_indicator(self, indicator: Indicator, period: str | None, batch: Any = None) -> None:
        code = indicator.table_code or indicator.statistic_code or indicator.code
        entry = self.tables.setdefault(code, TableSource(code, table_title(indicator)))
        if period:
            entry.periods.add(period)
        if batch is not None and (entry.batch is None or batch.pk > entry.batch.pk):
            entry.batch = batch
            entry.source = batch.source or SOURCE_LINE

    def add_document(self, evidence: DocumentEvidence) -> None:
        key = (evidence.title, evidence.author, str(evidence.year or ""))
        self.documents.setdefault(key, evidence)

    @property
    def data_period(self) -> str | None:
        """The newest period of all statistics used."""
        return newest(period for entry in self.tables.values() for period in entry.periods)

    def section(self) -> Section:
        blocks: list[Block] = []
        if self.tables:
            blocks.append(self.statistics_table())
        if self.documents:
            blocks.append(self.documents_table())
        if not blocks:
            blocks.append(Note("Dieses Dokument verwendet keine Statistiken oder Studien."))
        return Section("Quellenverzeichnis", key="quellenverzeichnis", blocks=blocks)

    def statistics_table(self) -> Table:
        rows = []
        for code in sorted(self.tables):
            entry = self.tables[code]
            fetched = data_date(entry.batch) if entry.batch is not None else ""
            newest_period = newest(entry.periods)
            when = format_period(newest_period) if newest_period else "k. A."
            rows.append((code, entry.title, f"{when}{f' ({fetched})' if fetched else ''}",
                         entry.source, LICENCE))  # fmt: skip
        return Table(
            caption="Verwendete Tabellen der amtlichen Statistik",
            columns=("Tabelle", "Titel", "Datenstand", "Quelle", "Lizenz"),
            rows=tuple(rows),
            source=f"Lizenz: {LICENCE_NAME}",
            widths=(2, 4, 3, 4, 2),
        )

    def documents_table(self) -> Table:
        rows = []
        for key in sorted(self.documents):
            evidence = self.documents[key]
            rows.append(
                (evidence.title, evidence.author, str(evidence.year or ""), evidence.url or "")
            )
        return Table(
            caption="Studien und Dokumente der SWOT-Analyse",
            columns=("Titel", "Verfasst von", "Jahr", "Link"),
            rows=tuple(rows),
            widths=(5, 3, 1, 4),
        )


def table_title(indicator: Indicator) -> str:
    return indicator.statistic_name or indicator.name


# ----------------------------------------------------------------------------- cover


def catalogue_day(concept: Concept) -> date | None:
    """The day the version's project catalogue last changed."""
    last = Project.objects.filter(concepts=concept).aggregate(last=Max("updated_at"))["last"]
    return timezone.localdate(last) if last else None


def data_date_text(sources: Sources, catalogue: date | None) -> str:
    parts = []
    if period := sources.data_period:
        parts.append(f"Statistik {format_period(period)}")
    if catalogue is not None:
        parts.append(f"Projekte {format_date(catalogue)}")
    return f"Datenstand: {', '.join(parts)}" if parts else ""


def cover(concept: Concept, title: str, sources: Sources, catalogue: date | None) -> Cover:
    return Cover(
        district=district_name(concept),
        concept=concept.title,
        title=title,
        version=f"Fassung {concept.version}",
        status=STATUSES.get(concept.status, concept.get_status_display()),
        # A draft is not yet adopted, whatever agenda item it may point at.
        adoption=sentence(concept.adoption) if concept.status in FINAL else "",
        data_date=data_date_text(sources, catalogue),
    )


def document(
    kind: str,
    concept: Concept,
    title: str,
    sections: list[Section],
    sources: Sources,
    *,
    stem: str | None = None,
    catalogue: bool = True,
) -> Document:
    """The document with its cover; `stem` names the file (default: the title)."""
    day = catalogue_day(concept) if catalogue else None
    return Document(
        kind=kind,
        cover=cover(concept, title, sources, day),
        sections=sections,
        draft=is_draft(concept),
        file_stem=file_stem(concept, stem or title),
    )
