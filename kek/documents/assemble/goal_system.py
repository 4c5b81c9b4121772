"""The Zielsystem: per field of action its Leitbild, strategic goals and sub-goals, the SWOT
items that motivate each goal and the projects that serve it. The goal tree comes from
kek.goals.queries.tree (a fixed number of queries); the Langfassung's chapter 4 and the
Kurzfassung's pages per field use the same builders."""

from __future__ import annotations

from typing import Any

from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.goals.queries import tree
from kek.projects.models import Project
from kek.swot.models import SwotItem

from ..blocks import labelled
from ..document import Block, BulletList, Document, Note, Paragraph, Section, Table
from . import common
from .catalogue import Catalogue
from .swot import SwotData

KIND = "zielsystem"
TITLE = "Zielsystem"


def has_examples(fields: list[FieldOfAction]) -> bool:
    goals = [goal for field in fields for goal in field.goals.all()]
    subgoals = [sub for goal in goals for sub in goal.subgoals.all()]
    return any(obj.is_example for obj in [*fields, *goals, *subgoals])


def vision(concept: Concept, field: FieldOfAction) -> list[Block]:
    blocks: list[Block] = []
    if field.vision:
        blocks.append(Paragraph(f"Leitbild {concept.horizon_year}: {field.vision}"))
    if field.description:
        blocks.append(Paragraph(field.description))
    sdgs = [str(sdg.number) for sdg in field.sdgs.all()]
    if sdgs:
        blocks.append(Paragraph(f"Nachhaltigkeitsziele der Vereinten Nationen (SDG): "
                                f"{', '.join(sdgs)}"))  # fmt: skip
    return blocks


def field_name(field: FieldOfAction) -> str:
    return f"Handlungsfeld {field.number}: {labelled(field)}"


def field_sections(
    concept: Concept,
    fields: list[FieldOfAction],
    prefix: str = "",
    *,
    swot: dict[int, list[SwotItem]] | None = None,
    catalogue: Catalogue | None = None,
) -> list[Section]:
    """A section per field with a sub-section per strategic goal (numbered prefix.n.m, or
    unnumbered without prefix)."""
    projects = catalogue.by_subgoal() if catalogue is not None else None
    sections = []
    for index, field in enumerate(fields, 1):
        number = f"{prefix}.{index}" if prefix else ""
        goals = [
            goal_section(concept, goal, f"{number}.{j}" if number else "", swot, projects)
            for j, goal in enumerate(field.goals.all(), 1)
        ]
        blocks = vision(concept, field)
        if not goals:
            blocks.append(Note("In diesem Handlungsfeld sind noch keine strategischen Ziele "
                               "eingetragen."))  # fmt: skip
        sections.append(
            Section(
                field_name(field),
                number,
                blocks=blocks,
                children=goals,
                key=f"handlungsfeld-{field.slug}",
            )  # fmt: skip
        )
    return sections


def goal_section(
    concept: Concept,
    goal: StrategicGoal,
    number: str,
    swot: dict[int, list[SwotItem]] | None,
    projects: dict[int, list[Project]] | None,
) -> Section:
    blocks: list[Block] = []
    if goal.description:
        blocks.append(Paragraph(goal.description))
    subgoals = list(goal.subgoals.all())
    columns = ("Nr.", "Teilziel") + (("Projekte",) if projects is not None else ())
    rows = [
        (sub.number, labelled(sub))
        + ((", ".join(p.number for p in projects.get(sub.pk, [])),) if projects is not None else ())
        for sub in subgoals
    ]
    blocks.append(
        Table(
            caption=f"Teilziele des strategischen Ziels {goal.number}",
            columns=columns,
            rows=tuple(rows) or (("", "Noch keine Teilziele eingetragen.", "")[: len(columns)],),
            widths=(1, 6, 2)[: len(columns)],
        )
    )
    if swot is not None:
        reasons = swot.get(goal.pk, [])
        if reasons:
            blocks.append(Paragraph("Begründung aus der SWOT-Analyse:"))
            blocks.append(BulletList(tuple(swot_line(item) for item in reasons)))
    if projects is not None:
        serving = unique(p for sub in subgoals for p in projects.get(sub.pk, []))
        if serving:
            blocks.append(Paragraph("Projekte, die dem Ziel dienen:"))
            blocks.append(BulletList(tuple(f"{p.number} {labelled(p)} ({p.get_status_display()})"
                                           for p in serving)))  # fmt: skip
    return Section(f"Strategisches Ziel {goal.number}: {labelled(goal)}", number, blocks=blocks,
                   key=f"ziel-{goal.slug}")  # fmt: skip


def swot_line(item: SwotItem) -> str:
    topic = f" ({item.topic.name})" if item.topic else ""
    return f"{item.get_kind_display()}: {labelled(item)}{topic}"


def unique(projects: Any) -> list[Project]:
    seen: dict[int, Project] = {}
    for project in projects:
        seen.setdefault(project.pk, project)
    return sorted(seen.values(), key=lambda p: p.number)


def overview(concept: Concept, fields: list[FieldOfAction]) -> Table:
    """All fields with their strategic goals and sub-goals, numbered: the goal tree at a glance."""
    rows = []
    for field in fields:
        rows.append((field.number, f"Handlungsfeld: {labelled(field)}"))
        for goal in field.goals.all():
            rows.append((goal.number, labelled(goal)))
            rows += [(sub.number, labelled(sub)) for sub in goal.subgoals.all()]
    return Table(
        caption=f"Das Zielsystem des {concept.title}",
        columns=("Nr.", "Handlungsfeld, strategisches Ziel, Teilziel"),
        rows=tuple(rows) or (("", "Noch keine Handlungsfelder eingetragen."),),
        widths=(1, 8),
    )


def assemble(concept: Concept, snapshot: Any = None) -> Document:
    concept = common.load_concept(concept)
    fields = list(tree(concept))
    swot = SwotData.load(concept)
    intro: list[Block] = [
        Paragraph(
            f"Das Zielsystem des {concept.title} gliedert sich in {len(fields)} Handlungsfelder. "
            f"Jedes hat ein Leitbild für das Jahr {concept.horizon_year}, strategische Ziele "
            "und Teilziele; die Teilziele werden über die Projekte des Projektkatalogs umgesetzt."
        ),
        overview(concept, fields),
    ]
    if has_examples(fields):
        intro.append(Note(common.EXAMPLE_NOTE))
    sections = [
        Section("Überblick", "", blocks=intro, key="ueberblick"),
        *field_sections(concept, fields, swot=swot.by_goal()),
    ]
    return common.document(KIND, concept, TITLE, sections, common.Sources(), catalogue=False)
