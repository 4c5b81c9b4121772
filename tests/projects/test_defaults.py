"""The example catalogue shipped for Nordsachsen (default content) and its evaluation."""

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings

from kek.committees.models import AgendaItem
from kek.evaluation import methods as m
from kek.goals.models import Concept, FieldOfAction
from kek.projects import catalogue_io
from kek.projects.evaluation import evaluate_concept, indicators_of
from kek.projects.models import Measurement, Project, TargetIndicator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

FILE = Path(settings.BASE_DIR) / "data" / "nordsachsen" / "catalogue.yaml"

EXPECTED = {
    ("open-sdg", "target"): {
        m.ON_TRACK,
        m.NEEDS_ACCELERATION,
        m.LIMITED_PROGRESS,
        m.DETERIORATION,
        m.TARGET_ACHIEVED,
        m.NOT_AVAILABLE,
    },
    ("open-sdg", "no target"): {m.ON_TRACK, m.DETERIORATION},
    ("dns", "target"): {m.SUN, m.SUN_CLOUD, m.CLOUD, m.THUNDERSTORM, m.NOT_RATED},
    ("trend", "no target"): {
        m.CLEAR_IMPROVEMENT,
        m.SLIGHT_IMPROVEMENT,
        m.STABLE,
        m.SLIGHT_WORSENING,
        m.CLEAR_WORSENING,
    },
}


def test_the_file_is_marked_as_example_content():
    catalogue = catalogue_io.read(FILE)
    assert 12 <= len(catalogue.projects) <= 15
    assert all(p.example for p in catalogue.projects)
    assert {p.subgoals[0].split(".")[0] for p in catalogue.projects} == {"1", "2", "3", "4"}
    assert {value.source for _, value in catalogue.measurements()} == {"Beispielwert"}
    assert {p.status for p in catalogue.projects} == set(catalogue_io.STATUSES)
    assert {
        (r.body, r.number, r.date, r.title) for r in [p.resolution for p in catalogue.projects]
    } == {
        (
            "Kreistag",
            "",
            dt.date(2021, 6, 30),
            "Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030",
        )
    }


@pytest.mark.django_db
def test_load_defaults_gives_every_status_of_every_method(kek, capsys):
    kek("load-defaults")
    assert "Projektkatalog: 15 Projekte, 19 Zielindikatoren" in capsys.readouterr().out
    concept = Concept.objects.get(region__ags="14730", is_current=True)

    evaluation = evaluate_concept(concept)

    seen = defaultdict(set)
    for indicator in indicators_of(concept):
        target = "target" if indicator.target_value is not None else "no target"
        seen[indicator.method, target].add(evaluation.indicators[indicator.pk]["status"])
    for group, statuses in EXPECTED.items():
        assert statuses <= seen[group], group
    goal_indicators = TargetIndicator.objects.filter(goal__concept=concept)
    assert 1 <= goal_indicators.count() <= 2
    assert evaluation.of(concept).indicators == 19
    fields = FieldOfAction.objects.filter(concept=concept)
    assert fields.count() == 4
    for field in fields:
        assert evaluation.of(field).projects >= 3, field


@pytest.mark.django_db
def test_the_catalogue_in_the_database_is_example_content(concept):
    projects = Project.objects.filter(concepts=concept)
    assert projects.count() == 15 and not projects.filter(is_example=False).exists()
    assert not projects.filter(subgoals__isnull=True).exists()
    measured = Measurement.objects.filter(indicator__project__concepts=concept)
    assert measured.exists() and not measured.exclude(source="Beispielwert").exists()
    # The catalogue's resolution is the Kreistag's agenda item of 30 June 2021 (committees.yaml)
    resolution = AgendaItem.objects.get(
        body__region=concept.region, meeting__start__date="2021-06-30"
    )
    assert resolution.name == "Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030"
    assert resolution.result == "beschlossen" and resolution.number == ""
    assert projects.filter(resolution=resolution).count() == 15


@pytest.mark.django_db
def test_loading_again_keeps_the_planners_catalogue(concept, kek, capsys):
    Project.objects.get(concepts=concept, number="P1.01").delete()
    renamed = Project.objects.get(concepts=concept, number="P1.02")
    renamed.title = "Umbenannt"
    renamed.save()
    capsys.readouterr()
    kek("load-defaults")
    assert "Projektkatalog: vorhanden, nicht verändert." in capsys.readouterr().out
    assert not Project.objects.filter(concepts=concept, number="P1.01").exists()
    assert Project.objects.get(pk=renamed.pk).title == "Umbenannt"
    assert Project.objects.filter(concepts=concept).count() == 14
