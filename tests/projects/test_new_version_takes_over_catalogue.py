"""Issue 11: a Fortschreibung takes the whole catalogue over. A project is one thing across
versions (same number, address, leads, milestones, measurements); the new version records which
of its sub-goals each project serves; goal indicators are copied with their measured values;
evaluation reports stay with their version."""

import pytest

from kek.goals.models import SubGoal
from kek.goals.versions import new_version
from kek.projects.models import Attachment, Measurement, Milestone, Project, TargetIndicator
from kek.projects.snapshots import take_report

pytestmark = pytest.mark.django_db


def served(concept) -> dict[str, set]:
    """Project number → keys of the version's sub-goals it serves."""
    return {
        p.number: {s.key for s in p.subgoals.filter(concept=concept)}
        for p in Project.objects.filter(concepts=concept)
    }


def goal_indicators(concept) -> list[tuple]:
    rows = TargetIndicator.objects.filter(
        subgoal__concept=concept
    ) | TargetIndicator.objects.filter(goal__concept=concept)
    return sorted(
        (
            str(i.key),
            (i.goal or i.subgoal).key,
            i.title,
            tuple(i.measurements.values_list("date", "value")),
        )
        for i in rows
    )


def test_the_new_version_lists_every_project_with_its_sub_goals_in_the_new_version(concept):
    counts = (Project.objects.count(), Milestone.objects.count(), Attachment.objects.count())
    measured = Measurement.objects.filter(indicator__project__isnull=False).count()

    copy = new_version(concept)

    assert served(copy) == served(concept) and len(served(copy)) == 15
    for project in Project.objects.filter(concepts=copy):
        assert set(project.subgoals.filter(concept=copy)) <= set(
            SubGoal.objects.filter(concept=copy)
        )
    # Nothing of the projects is copied: one project, one address, its own milestones.
    assert (
        Project.objects.count(),
        Milestone.objects.count(),
        Attachment.objects.count(),
    ) == counts
    assert Measurement.objects.filter(indicator__project__isnull=False).count() == measured


def test_goal_indicators_are_copied_to_the_new_goals_with_their_measured_values(concept):
    old = goal_indicators(concept)
    assert old, "the example catalogue has indicators of goals"

    copy = new_version(concept)

    assert goal_indicators(copy) == old
    first = TargetIndicator.objects.filter(subgoal__concept=copy).first() or (
        TargetIndicator.objects.filter(goal__concept=copy).first()
    )
    assert first.owner.concept_id == copy.pk


def test_reports_stay_with_their_version_and_the_draft_changes_only_itself(concept):
    report = take_report(concept, "Bericht 2025")
    copy = new_version(concept)
    project = Project.objects.filter(concepts=copy).first()
    project.subgoals.remove(*project.subgoals.filter(concept=copy))
    project.save()

    assert report.concept == concept and not copy.snapshots.exists()
    assert served(concept)[project.number]  # version 1 keeps its assignment
    assert served(copy)[project.number] == set()
