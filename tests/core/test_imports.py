"""The shared kit of the imports (kek.core.imports): removal plans, guards, dry runs."""

from collections import Counter

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kek.core.imports import (
    ImportRefused,
    Removal,
    count_text,
    kind_name,
    plan_removal,
    remove,
    rolled_back,
    same_as,
)
from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal
from kek.projects.models import Measurement, Project, TargetIndicator
from kek.statistics.models import ImportBatch

from ..rows import row_counts

pytestmark = pytest.mark.django_db


def test_kinds_are_named_in_german_also_for_link_tables():
    assert kind_name(SubGoal, 1) == "Teilziel" and kind_name(SubGoal, 2) == "Teilziele"
    assert kind_name(Project.subgoals.through, 1) == "Verknüpfung Projekt ↔ Teilziel"
    counts = Counter({Project: 2, Project.subgoals.through: 3, Measurement: 0})
    assert count_text(counts) == "2 Projekte, 3 Verknüpfungen Projekt ↔ Teilziel"


def test_a_plan_counts_what_would_go_and_writes_nothing(concept):
    field = FieldOfAction.objects.get(concept=concept, number="3")
    goals = StrategicGoal.objects.filter(field=field).count()
    subgoals = SubGoal.objects.filter(goal__field=field).count()
    links = Project.subgoals.through.objects.filter(subgoal__goal__field=field).count()
    before = row_counts()

    plan = plan_removal([field])

    assert plan.objects == [field] and plan.kept == []
    assert plan.removed() == {FieldOfAction: 1}
    assert plan.counts[StrategicGoal] == goals and plan.counts[SubGoal] == subgoals
    assert plan.dependents()[Project.subgoals.through] == links > 0
    assert row_counts() == before


def test_what_has_measurements_stays_whole_and_a_resolution_keeps_a_project(concept):
    field = FieldOfAction.objects.get(concept=concept, number="4")
    goal = StrategicGoal.objects.get(concept=concept, number="4.1")
    assert Measurement.objects.filter(indicator__goal=goal).exists()
    other = StrategicGoal.objects.get(concept=concept, number="4.2")
    project = Project.objects.filter(concepts=concept, resolution__isnull=False).first()
    TargetIndicator.objects.filter(project=project).delete()  # so only the resolution keeps it

    plan = plan_removal([field, goal, other, project])

    assert [(k.obj, k.reasons) for k in plan.kept] == [
        (field, ("hat Messwerte",)),
        (project, ("hat einen Beschluss",)),
    ]
    assert plan.kept[0].parts == [goal, other] and plan.objects == []
    assert str(plan.kept[0]).startswith("Handlungsfeld 4 Infrastruktur & Mobilität: hat Messw")
    assert remove(plan) == Counter() and FieldOfAction.objects.filter(pk=field.pk).exists()


def test_a_measurement_itself_is_never_removed(concept):
    measurement = Measurement.objects.filter(indicator__project__concepts=concept).first()
    plan = plan_removal([measurement])
    assert plan.kept[0].reasons == ("Messwerte entfernt ein Import nie",)


def test_a_confirmed_plan_refuses_a_different_one(concept):
    field = FieldOfAction.objects.get(concept=concept, number="3")
    agreed = plan_removal([field])
    same_as(agreed)(plan_removal([field]))
    with pytest.raises(ImportRefused, match="seit der Zusammenfassung geändert"):
        same_as(agreed)(Removal([], Counter(), []))


def test_a_dry_run_returns_the_result_and_leaves_no_row_and_no_file(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def save() -> str:
        batch = ImportBatch(file_name="probe.csv", content_hash="0" * 64)
        batch.file.save("probe.csv", ContentFile(b"x"), save=True)
        assert default_storage.exists(batch.file.name)
        return batch.file.name

    before = ImportBatch.objects.count()
    name = rolled_back(save)

    assert name.startswith("statistik/importe/probe")
    assert ImportBatch.objects.count() == before
    assert not default_storage.exists(name)
