"""Links removed with what they point to are on record (issue 16): deleting a sub-goal removes
its links to projects by cascade, without a signal; the projects' history still shows it."""

import pytest
from django.db.models.deletion import Collector
from django.urls import reverse

from kek.core import history
from kek.core.changes import entries
from kek.goals.models import SubGoal
from kek.projects.models import Project

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(concept_in_draft):
    concept = concept_in_draft
    first, second = SubGoal.objects.filter(concept=concept).order_by("number")[:2]
    project = ProjectFactory(concept=concept, number="9.1", subgoals=[first, second])
    return project, first, second


def test_deleting_a_sub_goal_in_the_back_office_is_recorded_on_its_projects(
    client, planner, linked
):
    project, first, second = linked
    before = project.history.count()
    client.force_login(planner)
    url = reverse("wagtailsnippets_goals_subgoal:delete", args=[first.pk])
    assert client.post(url).status_code == 302

    assert project.history.count() == before + 1
    record = project.history.first()
    assert (record.history_type, record.history_user) == ("~", planner)
    # Names as they are now (the sibling was renumbered), a deleted one by its last record.
    second.refresh_from_db()
    old = ", ".join(sorted([str(first), str(second)]))
    assert ("Teilziele", old, str(second)) in entries(project)[0].changes


def test_an_import_removal_records_the_links_it_removes(linked, planner):
    project, first, second = linked
    link = Project.subgoals.through.objects.get(project=project, subgoal=second)
    collector = Collector(using="default")
    collector.collect([link])
    with history.recording_removed_links(collector, user=planner):
        collector.delete()
    record = project.history.first()
    assert {s.subgoal_id for s in record.subgoals.all()} == {first.pk}
    assert record.history_user == planner
