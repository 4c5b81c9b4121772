"""The other documents of a version (Zielsystem, SWOT-Analyse, Projektkatalog,
Evaluierungsbericht), the cover of a draft, the fingerprint, and a number of queries that does
not grow with the content."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kek.documents.assemble import catalogue, evaluation_report, final_report, goal_system, swot
from kek.documents.document import Table

pytestmark = pytest.mark.django_db


def tables(document) -> list[Table]:
    return [b for _, s in document.walk() for b in s.blocks if isinstance(b, Table)]


def test_a_draft_is_marked_entwurf_and_names_no_adoption(concept_in_draft):
    for assemble in (catalogue.assemble, goal_system.assemble):
        document = assemble(concept_in_draft, None)
        assert document.draft is True
        assert document.cover.status == "Entwurf" and document.cover.adoption == ""


def test_the_zielsystem_has_every_field_goal_and_subgoal(concept):
    document = goal_system.assemble(concept, None)
    assert document.file_stem == "KEK-Nordsachsen-2030-Zielsystem-Fassung-1"
    overview = tables(document)[0]
    numbers = [row[0] for row in overview.rows]
    subgoals = concept.fields_of_action.values_list("goals__subgoals__number", flat=True)
    assert set(subgoals) <= set(numbers) and "1.1" in numbers
    fields = [s for s in document.sections if s.title.startswith("Handlungsfeld")]
    assert len(fields) == 4 and all(f.children for f in fields)
    assert "24.03.2021" in document.cover.adoption


def test_the_swot_analysis_has_the_conditions_then_the_quadrants(concept):
    document = swot.assemble(concept, None)
    assert [s.title for s in document.sections] == [
        "Sozioökonomische Rahmenbedingungen", "SWOT-Analyse", "Quellenverzeichnis",
    ]  # fmt: skip
    order = ["Stärken", "Schwächen", "Chancen", "Risiken"]
    quadrants = [t.caption.split(" – ")[0] for t in tables(document.sections[1].children[0])]
    assert quadrants and quadrants == [kind for kind in order if kind in quadrants]
    assert "dl-de/by-2-0" in {row[4] for row in document.sections[2].blocks[0].rows}


def test_the_catalogue_puts_all_projects_first_then_one_table_per_field(concept):
    document = catalogue.assemble(concept, None)
    first, *per_field = tables(document)
    numbers = sorted(concept.projects.values_list("number", flat=True))
    assert [row[0] for row in first.rows] == numbers
    assert len(per_field) == 4
    assert {row[0] for t in per_field for row in t.rows} == set(numbers)
    nachfolge = next(row for row in first.rows if row[0] == "P1.01")
    assert nachfolge[4:] == ("In Umsetzung", nachfolge[5], "09/2021–12/2025", "180.000 €")


def test_the_evaluation_report_shows_the_frozen_statuses_and_the_change(concept):
    from kek.projects.snapshots import take_report

    take_report(concept, "Bericht 2025")
    second = take_report(concept, "Bericht 2026")
    document = evaluation_report.assemble(concept, second)
    day = dt.date.today().isoformat()
    assert document.file_stem == f"KEK-Nordsachsen-2030-Evaluierungsbericht-{day}-Fassung-1"
    titles = [s.title for s in document.sections]
    assert titles[-2:] == ["Veränderungen seit dem vorigen Bericht", "Methode der Bewertung"]
    indicators = next(t for t in tables(document) if t.caption == "Zielindikatoren")
    assert len(indicators.rows) == len(second.results["indicators"]) > 0
    changes = document.sections[-2].blocks[0].text
    assert "„Bericht 2025“" in changes and "0 Zielindikator(en)" in changes
    levels = [s.title for s in document.sections[1].children]
    assert levels == ["Konzept und Handlungsfelder", "Strategische Ziele", "Teilziele", "Projekte"]


def test_the_fingerprint_stays_for_the_same_data_and_follows_a_goal_title(concept):
    from kek.goals.models import StrategicGoal

    first = final_report.long(concept).fingerprint()
    assert final_report.long(concept).fingerprint() == first
    goal = StrategicGoal.objects.filter(concept=concept).order_by("position").first()
    StrategicGoal.objects.filter(pk=goal.pk).update(title="Ein neuer Titel")
    assert final_report.long(concept).fingerprint() != first


def cells(document) -> set[str]:
    return {str(cell) for table in tables(document) for row in table.rows for cell in row}


def add_content(concept) -> None:
    """A field of action, goals, sub-goals, projects with target indicators and measured
    values, a SWOT item with evidence that motivates the new goals, and statistical
    indicators."""
    from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal
    from kek.projects.models import Measurement, Project, TargetIndicator
    from kek.statistics.models import Indicator, Topic
    from kek.swot.models import DocumentEvidence, IndicatorEvidence, SwotItem

    field = FieldOfAction.objects.create(concept=concept, title="Neues Feld", vision="Leitbild")
    item = SwotItem.objects.create(concept=concept, kind="strength", title="Neue Stärke",
                                   topic=Topic.objects.first())  # fmt: skip
    IndicatorEvidence.objects.create(item=item, indicator=Indicator.objects.get(code="BEVDICHTE"))
    DocumentEvidence.objects.create(item=item, title="Neue Studie", year=2024)
    for parent in [field, *concept.fields_of_action.exclude(pk=field.pk)]:
        goal = StrategicGoal.objects.create(field=parent, title=f"Neues Ziel in {parent.pk}")
        item.goals.add(goal)
        for number in range(2):
            sub = SubGoal.objects.create(goal=goal, title=f"Neues Teilziel {number}")
            project = Project.objects.create(
                region=concept.region, number=f"N{sub.pk}", title=f"Projekt {sub.pk}"
            )
            concept.projects.add(project)
            sub.projects.add(project)
            indicator = TargetIndicator.objects.create(
                project=project, title=f"Wert {sub.pk}", baseline_value=1, baseline_year=2020,
                target_value=10, target_year=2030,
            )  # fmt: skip
            Measurement.objects.create(indicator=indicator, date=dt.date(2024, 12, 31), value=4)
    add_statistics(concept, Topic.objects.first())


def add_statistics(concept, topic) -> None:
    """Statistical indicators of a topic that the Endbericht shows, each from its own import,
    with values of Germany, the Land, the districts and the municipalities in two years."""
    from kek.regions.models import Region
    from kek.statistics.models import ImportBatch, Indicator, Observation

    home = concept.region
    levels = [Region.Level.COUNTRY, Region.Level.STATE, Region.Level.DISTRICT]
    regions = list(
        Region.objects.filter(level__in=levels)
        | Region.objects.filter(level=Region.Level.MUNICIPALITY, ags__startswith=home.ags)
    )
    for number in range(3):
        indicator = Indicator.objects.create(
            code=f"NEU{number}", name=f"Neuer Indikator {number}", unit="%", topic=topic,
            table_code=f"99999-0{number}",
        )  # fmt: skip
        batch = ImportBatch.objects.create(file_name=f"neu{number}.csv", content_hash=f"{number}")
        Observation.objects.bulk_create(
            Observation(
                indicator=indicator, region=region, period=year, value=index + number, batch=batch
            )
            for index, region in enumerate(regions)
            for year in ("2023", "2024")
        )


@pytest.mark.parametrize("kind", ["long", "short"])
def test_the_number_of_queries_does_not_grow_with_goals_projects_and_indicators(
    concept_in_draft, kind
):
    assemble = getattr(final_report, kind)
    assemble(concept_in_draft)  # caches of content types, sites and the like
    with CaptureQueriesContext(connection) as before:
        small = assemble(concept_in_draft)
    add_content(concept_in_draft)
    with CaptureQueriesContext(connection) as after:
        large = assemble(concept_in_draft)
    assert len(large.walk()) > len(small.walk())
    assert len(tables(large)) >= len(tables(small))
    if kind == "long":  # the new indicators in their topic's comparison table
        assert {"Neuer Indikator 2"} <= cells(large) - cells(small)
    assert len(after) <= len(before), [q["sql"][:120] for q in after.captured_queries]
