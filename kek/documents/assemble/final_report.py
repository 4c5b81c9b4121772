"""The Endbericht in the structure of the real report: 1 Aufgabe und Vorgehen, 2 Makrolage,
3 Sozioökonomische Rahmenbedingungen with the SWOT analysis, 4 Zielsystem, 5 Ausblick:
Umsetzung und Evaluierung, Anlage (Projektkatalog) and Quellenverzeichnis. The editorial
chapters (`kek.documents.editorial`) open each chapter; everything else comes from the live
data, read once per document (`Parts.load`), so the number of queries does not grow with the
number of goals, projects or indicators.

`long` is the Langfassung, `short` the Kurzfassung (about 10–15 pages: the same skeleton,
headline figures, one page per field of action)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kek.goals.models import Concept, FieldOfAction
from kek.goals.queries import tree
from kek.process.queries import phases_of
from kek.projects.evaluation import Evaluation, evaluate_concept
from kek.projects.summaries import catalogue_summary

from ..blocks import labelled
from ..document import Block, Document, KeyFigures, Note, Paragraph, RichText, Section, Table
from ..editorial import chapter_blocks
from . import common
from .catalogue import Catalogue, full_table
from .conditions import Statistics, comparison_table, district_map, headline_figures, topic_sections
from .evaluation_report import live_status, method_blocks
from .goal_system import field_sections, has_examples, vision
from .swot import SwotData, matrix, swot_sections

LONG, SHORT = "endbericht-langfassung", "endbericht-kurzfassung"


@dataclass
class Parts:
    """The live data of one Endbericht, each read once."""

    concept: Concept
    fields: list[FieldOfAction]
    stats: Statistics
    swot: SwotData
    catalogue: Catalogue
    evaluation: Evaluation

    @classmethod
    def load(cls, concept: Concept) -> Parts:
        fields = list(tree(concept))
        swot = SwotData.load(concept)
        stats = Statistics.load(concept)
        stats.evidence_ids = swot.indicator_ids
        return cls(
            concept=concept,
            fields=fields,
            stats=stats,
            swot=swot,
            catalogue=Catalogue.load(concept, fields),
            evaluation=evaluate_concept(concept),
        )

    @property
    def has_examples(self) -> bool:
        return has_examples(self.fields) or self.swot.has_examples or self.catalogue.has_examples

    def editorial(self, slot: str) -> list[Block]:
        data = {d.code: d for d in self.stats.data.values()}
        return chapter_blocks(
            self.concept.region_id, slot, {"concept": self.concept, "indicator_data": data}
        )


# ----------------------------------------------------------------------------- chapters


def task_chapter(parts: Parts) -> Section:
    blocks = parts.editorial("aufgabe")
    if parts.has_examples:
        blocks.append(Note(common.EXAMPLE_NOTE))
    children = []
    timeline = timeline_table(parts.concept)
    if timeline is not None:
        children.append(Section("Der Weg zum KEK", "1.1", blocks=[timeline], key="projektverlauf"))
    return Section("Aufgabe und Vorgehen", "1", blocks=blocks, children=children, key="aufgabe")


def timeline_table(concept: Concept) -> Table | None:
    """The district's process timeline (phases and milestones), when it has one."""
    rows = []
    for phase in phases_of(concept.region):
        for entry in phase.entries.all():
            state = entry.get_state_display()
            if entry.reason:
                state += f" ({entry.reason})"
            rows.append((phase.title, entry.title, entry.when_text, state))
    if not rows:
        return None
    return Table(
        caption=f"Der Weg zum {concept.title}: Phasen und Meilensteine",
        columns=("Phase", "Meilenstein", "Zeit", "Stand"),
        rows=tuple(rows),
        source=f"Projektverlauf, {common.district_name(concept)}",
        widths=(3, 5, 3, 3),  # "Stand": e.g. "abgesagt (Pandemie)"
    )


def location_chapter(parts: Parts, sources: common.Sources) -> Section:
    blocks = parts.editorial("makrolage")
    figures = headline_figures(parts.stats, sources)
    if figures is not None:
        blocks.append(figures)
    blocks += district_map(parts.stats, sources)
    return Section("Makrolage", "2", blocks=blocks, key="makrolage")


def conditions_chapter(parts: Parts, sources: common.Sources) -> Section:
    children = topic_sections(parts.stats, sources, "3")
    number = f"3.{len(children) + 1}"
    swot_intro: list[Block] = [Paragraph(
        "Aus der Analyse der Rahmenbedingungen, den Fachgesprächen und Studien ergibt sich "
        "die SWOT-Analyse: Stärken und Schwächen des Landkreises, Chancen und Risiken seiner "
        "Entwicklung, je Themenfeld mit ihren Belegen."
    )]  # fmt: skip
    swot = swot_sections(parts.swot, parts.stats, sources, number)
    if not swot:
        swot_intro.append(Note("In dieser Fassung gibt es noch keine SWOT-Einträge."))
    children.append(Section("SWOT-Analyse", number, blocks=swot_intro, children=swot, key="swot"))
    return Section(
        "Sozioökonomische Rahmenbedingungen",
        "3",
        blocks=parts.editorial("rahmenbedingungen"),
        children=children,
        key="rahmenbedingungen",
    )


def goals_intro(parts: Parts) -> Paragraph:
    goals = [goal for field in parts.fields for goal in field.goals.all()]
    subgoals = sum(len(goal.subgoals.all()) for goal in goals)
    return Paragraph(
        f"Das Zielsystem des {parts.concept.title} gliedert sich in {len(parts.fields)} "
        f"Handlungsfelder mit {len(goals)} strategischen Zielen und {subgoals} Teilzielen. "
        f"Jedes Handlungsfeld hat ein Leitbild für das Jahr {parts.concept.horizon_year}; zu "
        "jedem strategischen Ziel stehen die Einträge der SWOT-Analyse, die es begründen, und "
        "die Projekte, die ihm dienen."
    )


def goals_chapter(parts: Parts) -> Section:
    children = field_sections(
        parts.concept, parts.fields, "4", swot=parts.swot.by_goal(), catalogue=parts.catalogue
    )
    blocks = parts.editorial("zielsystem") or [goals_intro(parts)]
    if not children:
        blocks.append(Note("In dieser Fassung sind noch keine Handlungsfelder eingetragen."))
    return Section("Zielsystem", "4", blocks=blocks, children=children, key="zielsystem")


def catalogue_figures(concept: Concept) -> list[Block]:
    summary = catalogue_summary(concept)["catalogue"]
    items = [("Projekte im Projektkatalog", str(summary["projects"]))]
    items += [(str(label), str(count)) for label, count in summary["by_status"]]
    reports = summary["reports"]
    text = (
        f"Der Projektkatalog umfasst {summary['projects']} Projekte. Ihr Stand wird laufend "
        "von den federführenden Stellen gemeldet; die Zielindikatoren werden mit jedem neuen "
        "Messwert und jeder neuen amtlichen Statistik neu bewertet."
    )
    if reports:
        text += f" Bisher wurden {reports} Evaluierungsbericht(e) festgehalten."
    return [Paragraph(text), KeyFigures(tuple(items), source=f"Projektkatalog {concept.title}")]


def outlook_chapter(parts: Parts, number: str = "5", short: bool = False) -> Section:
    concept = parts.concept
    status = live_status(concept, parts.evaluation, parts.fields)
    children = [
        Section("Umsetzung", f"{number}.1", blocks=catalogue_figures(concept), key="umsetzung"),
        Section(
            "Aktueller Stand der Zielerreichung", f"{number}.2", blocks=status, key="stand"
        ),  # fmt: skip
    ]
    if not short:
        children.append(
            Section(
                "Methode der Evaluierung", f"{number}.3", blocks=method_blocks(), key="methode"
            )  # fmt: skip
        )
    return Section(
        "Ausblick: Umsetzung und Evaluierung",
        number,
        blocks=text_only(parts.editorial("ausblick")) if short else parts.editorial("ausblick"),
        children=children,
        key="ausblick",
    )


def annex(parts: Parts) -> Section:
    return Section(
        "Anlage: Projektkatalog",
        blocks=[full_table(parts.concept, parts.catalogue)],
        key="anlage-projektkatalog",
    )


def long(concept: Concept, snapshot: Any = None) -> Document:
    concept = common.load_concept(concept)
    parts = Parts.load(concept)
    sources = common.Sources()
    sections = [
        task_chapter(parts),
        location_chapter(parts, sources),
        conditions_chapter(parts, sources),
        goals_chapter(parts),
        outlook_chapter(parts),
        annex(parts),
    ]
    sections.append(sources.section())
    return common.document(LONG, concept, "Endbericht – Langfassung", sections, sources)


# ----------------------------------------------------------------------------- Kurzfassung


def text_only(blocks: list[Block]) -> list[Block]:
    """The editorial text without its tables, figures and their notes (the Kurzfassung shows
    its own)."""
    return [block for block in blocks if isinstance(block, RichText)]


def short_conditions(parts: Parts, sources: common.Sources) -> Section:
    """The key indicators of every topic in one table, then the SWOT matrix."""
    found = []
    for topic in parts.stats.topics:
        for summary in topic.indicators[:2]:
            data = parts.stats.data[summary.indicator.pk]
            parts.stats.use(data, sources)
            found.append(data)
    blocks: list[Block] = text_only(parts.editorial("rahmenbedingungen"))
    if found:
        blocks.append(comparison_table(found, "Ausgewählte Indikatoren", parts.stats.home))
    children = [Section("SWOT-Analyse", "3.1", blocks=matrix(parts.swot), key="swot")]
    return Section("Sozioökonomische Rahmenbedingungen", "3", blocks=blocks, children=children,
                   key="rahmenbedingungen")  # fmt: skip


def short_goals(parts: Parts) -> Section:
    """One page per field of action: Leitbild, strategic goals with their sub-goals, projects."""
    by_subgoal = parts.catalogue.by_subgoal()
    children = []
    for index, field in enumerate(parts.fields, 1):
        blocks = vision(parts.concept, field)
        rows = []
        for goal in field.goals.all():
            rows.append((goal.number, labelled(goal)))
            rows += [(sub.number, labelled(sub)) for sub in goal.subgoals.all()]
        blocks.append(
            Table(
                caption=f"Ziele im Handlungsfeld {field.number}",
                columns=("Nr.", "Strategisches Ziel / Teilziel"),
                rows=tuple(rows) or (("", "Noch keine Ziele eingetragen."),),
                widths=(1, 8),
            )
        )
        projects = parts.catalogue.of_field(field)
        if projects:
            served = sum(
                1 for g in field.goals.all() for s in g.subgoals.all() if by_subgoal.get(s.pk)
            )
            blocks.append(Paragraph(
                f"{len(projects)} Projekte dienen den Zielen dieses Handlungsfelds ({served} "
                f"Teilziele mit Projekten): {', '.join(p.number for p in projects)}."
            ))  # fmt: skip
        children.append(
            Section(
                f"Handlungsfeld {field.number}: {labelled(field)}",
                f"4.{index}",
                blocks=blocks,
                new_page=True,
                key=f"handlungsfeld-{field.slug}",
            )  # fmt: skip
        )
    return Section("Zielsystem", "4", blocks=text_only(parts.editorial("zielsystem")),
                   children=children, key="zielsystem")  # fmt: skip


def short(concept: Concept, snapshot: Any = None) -> Document:
    concept = common.load_concept(concept)
    parts = Parts.load(concept)
    sources = common.Sources()
    task = text_only(parts.editorial("aufgabe"))
    if parts.has_examples:
        task.append(Note(common.EXAMPLE_NOTE))
    location: list[Block] = text_only(parts.editorial("makrolage"))
    figures = headline_figures(parts.stats, sources)
    if figures is not None:
        location.insert(0, figures)
    location += district_map(parts.stats, sources)
    sections = [
        Section("Aufgabe und Vorgehen", "1", blocks=task, key="aufgabe"),
        Section("Makrolage", "2", blocks=location, key="makrolage"),
        short_conditions(parts, sources),
        short_goals(parts),
        outlook_chapter(parts, short=True),
    ]
    sections.append(sources.section())
    return common.document(SHORT, concept, "Endbericht – Kurzfassung", sections, sources)
