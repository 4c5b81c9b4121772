"""The SWOT-Analyse Sozioökonomische Rahmenbedingungen: the analysis of the conditions per
topic, then per topic the four quadrants with their items and evidence (indicator comparisons
pulled live, studies, expert talks) and the strategic goals that answer them.

`SwotData.load` reads the items and their evidence figures once (kek.swot.views.items_of,
kek.swot.evidence.figures); the Langfassung uses the same sections."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kek.goals.models import Concept
from kek.swot.evidence import Figure as EvidenceFigure
from kek.swot.evidence import figures
from kek.swot.models import KIND_PLURALS, Kind, SwotItem
from kek.swot.queries import TopicBlock, blocks, items_of

from ..blocks import labelled
from ..document import Block, Document, Figure, Note, Paragraph, Section, Table
from . import common
from .conditions import Statistics, topic_sections

KIND = "swot-analyse"
TITLE = "SWOT-Analyse Sozioökonomische Rahmenbedingungen"


@dataclass
class SwotData:
    items: list[SwotItem]
    figures: dict[int, EvidenceFigure] = field(default_factory=dict)

    @classmethod
    def load(cls, concept: Concept) -> SwotData:
        items = list(items_of(concept))
        evidence = [ev for item in items for ev in item.indicator_evidence.all()]
        return cls(items, figures(concept.region, evidence))

    @property
    def indicator_ids(self) -> set[int]:
        return {ev.indicator_id for item in self.items for ev in item.indicator_evidence.all()}

    @property
    def has_examples(self) -> bool:
        return any(item.is_example for item in self.items)

    def by_goal(self) -> dict[int, list[SwotItem]]:
        """The items that motivate each strategic goal (by the goal's id)."""
        found: dict[int, list[SwotItem]] = {}
        for item in self.items:
            for goal in item.goals.all():
                found.setdefault(goal.pk, []).append(item)
        return found

    def figures_of(self, item: SwotItem) -> list[EvidenceFigure]:
        return [
            self.figures[ev.pk] for ev in item.indicator_evidence.all() if ev.pk in self.figures
        ]


def swot_sections(
    swot: SwotData, stats: Statistics | None, sources: common.Sources, prefix: str
) -> list[Section]:
    """One section per topic with SWOT items, numbered prefix.1 …"""
    return [
        topic_swot(swot, block, stats, sources, f"{prefix}.{index}")
        for index, block in enumerate(blocks(swot.items), 1)
    ]


def topic_swot(
    swot: SwotData, block: TopicBlock, stats: Statistics | None, sources: common.Sources,
    number: str,
) -> Section:  # fmt: skip
    """The topic's quadrants with items as tables (empty ones named in one sentence), then the
    charts of their indicator evidence (each chart once)."""
    result: list[Block] = []
    charts: dict[str, Figure] = {}
    empty = [quadrant.label for quadrant in block.quadrants if not quadrant.items]
    for quadrant in block.quadrants:
        if not quadrant.items:
            continue
        rows = []
        for index, item in enumerate(quadrant.items, 1):
            rows.append((str(index), labelled(item), evidence_text(swot, item, stats, sources)))
            for found in swot.figures_of(item):
                if found.chart is not None:
                    source = f"{found.source}; Datenstand {found.data_date}; Lizenz dl-de/by-2-0"
                    key = repr((found.chart.title, found.chart.rows))
                    charts.setdefault(key, Figure(found.chart, f"{found.chart.title}: "
                                                  f"{item.title}", source))  # fmt: skip
        result.append(
            Table(
                caption=f"{quadrant.label} – {block.name}",
                columns=("Nr.", Kind(quadrant.kind).label, "Erläuterung und Belege"),
                rows=tuple(rows),
                widths=(1, 4, 8),
            )
        )
    if empty:
        result.append(Paragraph(f"Ohne Einträge im Themenfeld {block.name}: {', '.join(empty)}."))
    return Section(
        f"SWOT {block.name}", number, blocks=[*result, *charts.values()], key=f"swot-{block.slug}"
    )


def evidence_text(
    swot: SwotData, item: SwotItem, stats: Statistics | None, sources: common.Sources
) -> str:
    """The item's explanation, its evidence and the goals that answer it, as one cell."""
    parts = [item.explanation] if item.explanation else []
    for found in swot.figures_of(item):
        parts.append(f"Beleg: {found.as_text()}")
        data = stats.data.get(found.indicator.pk) if stats is not None else None
        if stats is not None and data is not None:
            stats.use(data, sources)
        else:
            sources.add_indicator(found.indicator, found.evidence.period or None)
    for document in item.document_evidence.all():
        sources.add_document(document)
        year = f" ({document.year})" if document.year else ""
        author = f", {document.author}" if document.author else ""
        parts.append(f"Studie: {document.title}{author}{year}")
    for talk in item.expert_talks.all():
        when = f"{talk.date:%d.%m.%Y}" if talk.date else talk.when_text
        parts.append(f"Fachgespräch {when}: {talk.bodies}".replace("  ", " "))
    goals = [goal.number for goal in item.goals.all()]
    if goals:
        parts.append(f"Strategische Ziele: {', '.join(goals)}")
    return " · ".join(parts)


def matrix(swot: SwotData) -> list[Block]:
    """The four quadrants with the titles of their items (all topics), for short documents."""
    tables: list[Block] = []
    for kind in Kind.values:
        titles = [labelled(i) for i in swot.items if i.kind == kind]
        tables.append(
            Table(
                caption=KIND_PLURALS[kind],
                columns=(KIND_PLURALS[kind],),
                rows=tuple((t,) for t in titles) or (("keine Einträge",),),
            )
        )
    return tables


def assemble(concept: Concept, snapshot: Any = None) -> Document:
    concept = common.load_concept(concept)
    sources = common.Sources()
    swot = SwotData.load(concept)
    stats = Statistics.load(concept)
    stats.evidence_ids = swot.indicator_ids
    analysis = Section(
        "Sozioökonomische Rahmenbedingungen",
        "1",
        blocks=[
            Paragraph(
                f"Die Analyse der Rahmenbedingungen für {common.district_name(concept)}"
                " aus den aktuellen Daten der amtlichen Statistik: je Themenfeld der "
                "Kreis im Vergleich mit dem Land und Deutschland."
            )
        ],  # fmt: skip
        children=topic_sections(stats, sources, "1"),
    )
    intro: list[Block] = [Paragraph(
        "Stärken und Schwächen beschreiben die heutige Lage des Landkreises, Chancen und "
        "Risiken die Entwicklungen von außen. Jeder Eintrag nennt seine Belege und die "
        "strategischen Ziele, die darauf antworten."
    )]  # fmt: skip
    if swot.has_examples:
        intro.append(Note(common.EXAMPLE_NOTE))
    children = swot_sections(swot, stats, sources, "2")
    if not children:
        intro.append(Note("In dieser Fassung gibt es noch keine SWOT-Einträge."))
    sections = [
        analysis,
        Section("SWOT-Analyse", "2", blocks=intro, children=children),
        sources.section(),
    ]
    return common.document(KIND, concept, TITLE, sections, sources, stem="SWOT-Analyse",
                           catalogue=False)  # fmt: skip
