"""The Projektkatalog: every project of the version as one table (the first Table, the one the
XLSX puts first), then a table per field of action. Projects and the sub-goals they serve come
from kek.projects.summaries.projects_with_goals, the fields from kek.goals.queries.tree: a
fixed number of queries, whatever the size of the catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kek.charts.texts import format_number
from kek.goals.models import Concept, FieldOfAction
from kek.goals.queries import tree
from kek.projects.models import Project
from kek.projects.summaries import projects_with_goals

from ..blocks import project_row
from ..document import Block, Document, Note, Paragraph, Section, Table
from . import common

KIND = "projektkatalog"
TITLE = "Projektkatalog"
COLUMNS = ("Nr.", "Projekt", "Teilziele", "Federführung", "Status", "Umsetzung", "Zeitraum",
           "Kosten (geschätzt)")  # fmt: skip
WIDTHS = (1.2, 5, 1.6, 3.2, 1.8, 1.5, 2.2, 2)


@dataclass
class Catalogue:
    """The version's projects with the sub-goals they serve, and its fields of action."""

    projects: list[Project]
    fields: list[FieldOfAction]

    @classmethod
    def load(cls, concept: Concept, fields: list[FieldOfAction] | None = None) -> Catalogue:
        projects = list(projects_with_goals(concept).order_by("number"))
        return cls(projects, fields if fields is not None else list(tree(concept)))

    def by_subgoal(self) -> dict[int, list[Project]]:
        found: dict[int, list[Project]] = {}
        for project in self.projects:
            for sub in project.subgoals.all():
                found.setdefault(sub.pk, []).append(project)
        return found

    def of_field(self, field: FieldOfAction) -> list[Project]:
        subgoals = {sub.pk for goal in field.goals.all() for sub in goal.subgoals.all()}
        return [p for p in self.projects if any(s.pk in subgoals for s in p.subgoals.all())]

    @property
    def has_examples(self) -> bool:
        return any(p.is_example for p in self.projects)


def row(project: Project) -> tuple[str, ...]:
    """The project-list block's row, then progress, period and cost."""
    return (
        *project_row(project),
        f"{project.effective_progress} %",
        period(project),
        f"{format_number(float(project.cost_estimate), 0)} €" if project.cost_estimate else "",
    )


def period(project: Project) -> str:
    start, end = project.start_date, project.end_date
    if start and end:
        return f"{start:%m/%Y}–{end:%m/%Y}"
    if start:
        return f"ab {start:%m/%Y}"
    return f"bis {end:%m/%Y}" if end else ""


def table(concept: Concept, projects: list[Project], caption: str) -> Table:
    return Table(
        caption=caption,
        columns=COLUMNS,
        rows=tuple(row(p) for p in projects),
        source=f"Projektkatalog {concept.title}, Fassung {concept.version}",
        numeric=(5, 7),
        widths=WIDTHS,
    )


def full_table(concept: Concept, catalogue: Catalogue) -> Block:
    if not catalogue.projects:
        return Note("Der Projektkatalog dieser Fassung enthält noch keine Projekte.")
    return table(concept, catalogue.projects, f"Projektkatalog {concept.title}: alle Projekte")


def field_sections(concept: Concept, catalogue: Catalogue, prefix: str = "") -> list[Section]:
    sections = []
    for index, field in enumerate(catalogue.fields, 1):
        projects = catalogue.of_field(field)
        name = f"Handlungsfeld {field.number}: {field.title}"
        block: Block = (
            table(concept, projects, f"Projekte im {name}")
            if projects
            else Note(f"Im {name} gibt es noch keine Projekte.")
        )
        number = f"{prefix}.{index}" if prefix else ""
        sections.append(Section(name, number, blocks=[block], key=f"projekte-{field.slug}"))
    return sections


def assemble(concept: Concept, snapshot: Any = None) -> Document:
    concept = common.load_concept(concept)
    catalogue = Catalogue.load(concept)
    intro: list[Block] = [
        Paragraph(
            f"Der Projektkatalog zum {concept.title} listet die Projekte, mit denen die Ziele "
            f"umgesetzt werden: {len(catalogue.projects)} Projekte mit den Teilzielen, denen "
            "sie dienen, ihrer Federführung, ihrem Stand und ihrem Zeitraum."
        ),
        full_table(concept, catalogue),
    ]
    if catalogue.has_examples:
        intro.append(Note(common.EXAMPLE_NOTE))
    sections = [
        Section("Alle Projekte", "1", blocks=intro, key="alle-projekte"),
        Section(
            "Projekte nach Handlungsfeldern",
            "2",
            children=field_sections(concept, catalogue, "2"),
            key="projekte-nach-handlungsfeldern",
        ),
    ]
    sources = common.Sources()
    return common.document(KIND, concept, TITLE, sections, sources)
