"""The live blocks of the editorial chapters (F26, F27) as document blocks, from the shipped
Nordsachsen data: the goal tree, the project list, the SWOT matrix and the chart say what the
database says for the concept version shown."""

import pytest

from kek.documents.blocks import ChartBlock, GoalTreeBlock, ProjectListBlock, SwotMatrixBlock
from kek.documents.document import Figure, Note, Paragraph, Table
from kek.goals.models import FieldOfAction, StrategicGoal
from kek.projects.models import Project
from kek.swot.models import SwotItem

pytestmark = pytest.mark.django_db


def test_the_goal_tree_numbers_every_goal_and_subgoal_of_the_version(concept):
    blocks = GoalTreeBlock().to_document({"field": ""}, {"concept": concept})
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    visions = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert [v.split(" – ", 1)[0] for v in visions] == [
        f"Handlungsfeld {f.number} „{f.title}“" for f in fields
    ]
    assert all(
        v.endswith(f"Leitbild {concept.horizon_year}: {f.vision}")
        for v, f in zip(visions, fields, strict=True)
    )
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.caption for t in tables] == [f"Handlungsfeld {f.number}: {f.title}" for f in fields]
    first = tables[0]
    goals = StrategicGoal.objects.filter(field=fields[0]).order_by("position")
    expected = []
    for goal in goals:
        expected.append(goal.number)
        expected += [sub.number for sub in goal.subgoals.order_by("position")]
    assert [row[0] for row in first.rows] == expected
    assert any("Beispielinhalt" in row[1] for row in first.rows) == any(
        goal.is_example for goal in goals
    )


def test_the_goal_tree_as_an_overview_of_fields_or_of_strategic_goals(concept):
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    [table] = GoalTreeBlock().to_document({"field": "", "levels": "fields"}, {"concept": concept})
    assert [row[2] for row in table.rows] == [f.vision for f in fields]
    assert [row[0] for row in table.rows] == [f.number for f in fields]
    blocks = GoalTreeBlock().to_document({"field": "", "levels": "goals"}, {"concept": concept})
    numbers = [row[0] for b in blocks if isinstance(b, Table) for row in b.rows]
    goals = StrategicGoal.objects.filter(concept=concept)
    assert sorted(numbers) == sorted(goals.values_list("number", flat=True))


def test_the_goal_tree_of_one_field_and_of_a_field_the_version_lacks(concept):
    field = FieldOfAction.objects.filter(concept=concept).order_by("position").last()
    blocks = GoalTreeBlock().to_document({"field": str(field.key)}, {"concept": concept})
    assert [b.caption for b in blocks if isinstance(b, Table)] == [
        f"Handlungsfeld {field.number}: {field.title}"
    ]
    missing = GoalTreeBlock().to_document(
        {"field": "00000000-0000-0000-0000-000000000000"}, {"concept": concept}
    )
    assert isinstance(missing[0], Note)


def test_the_project_list_filters_by_field_and_status(concept):
    field = FieldOfAction.objects.filter(concept=concept).order_by("position").first()
    everything = ProjectListBlock().to_document({"field": "", "status": ""}, {"concept": concept})
    assert [row[0] for row in everything[0].rows] == sorted(
        Project.objects.filter(concepts=concept).values_list("number", flat=True)
    )
    of_field = ProjectListBlock().to_document(
        {"field": str(field.key), "status": Project.Status.IN_PROGRESS}, {"concept": concept}
    )
    expected = (
        Project.objects.filter(
            concepts=concept, subgoals__goal__field=field, status=Project.Status.IN_PROGRESS
        )
        .distinct()
        .order_by("number")
    )
    table = of_field[0]
    assert isinstance(table, Table) and expected.exists()
    assert [row[0] for row in table.rows] == [p.number for p in expected]
    assert {row[4] for row in table.rows} == {"In Umsetzung"}
    assert field.title in table.caption
    none = ProjectListBlock().to_document(
        {"field": str(field.key), "status": Project.Status.STOPPED}, {"concept": concept}
    )
    assert isinstance(none[0], Note) and "keine Projekte" in none[0].text


def test_the_swot_matrix_has_four_quadrants_and_filters_by_topic(concept):
    item = SwotItem.objects.filter(concept=concept, topic__isnull=False).first()
    every = SwotMatrixBlock().to_document({"topic": ""}, {"concept": concept})
    assert [t.caption for t in every] == ["Stärken", "Schwächen", "Chancen", "Risiken"]
    shown = {row[0].removesuffix(" (Beispielinhalt)") for t in every for row in t.rows}
    assert shown >= set(SwotItem.objects.filter(concept=concept).values_list("title", flat=True))
    one = SwotMatrixBlock().to_document({"topic": item.topic.slug}, {"concept": concept})
    titles = {row[0].removesuffix(" (Beispielinhalt)") for t in one for row in t.rows}
    assert item.title in titles
    others = SwotItem.objects.filter(concept=concept).exclude(topic=item.topic)
    assert not titles & set(others.values_list("title", flat=True))
    assert all(t.caption.endswith(f" – {item.topic.name}") for t in one)


def test_the_chart_shows_the_population_of_the_district_land_and_germany(concept):
    value = {"indicator": "BEVSTD", "chart": "vergleich", "caption": ""}
    [figure] = ChartBlock().to_document(value, {"concept": concept})
    assert isinstance(figure, Figure)
    rows = {row["region"]: row["value"] for row in figure.chart.rows}
    assert rows["Nordsachsen"] == 199422
    assert set(rows) == {"Nordsachsen", "Sachsen", "Deutschland"}
    assert figure.caption == figure.chart.title and "199.422" in figure.chart.description
    assert "Tabelle 12411-01-01-4" in figure.source and "Datenstand 31.12.2024" in figure.source


def test_the_chart_says_why_it_is_missing(concept):
    # The shipped population table has one reference date only: no time series.
    value = {"indicator": "BEVSTD", "chart": "zeitreihe", "caption": "Bevölkerung"}
    [note] = ChartBlock().to_document(value, {"concept": concept})
    assert isinstance(note, Note) and "nur einem Zeitraum" in note.text
