"""The links of a project (sub-goals, leads, municipalities) are on record (issue 16): an edit
in the back office is one record with the old and new sub-goals, and links written in bulk
are recorded too (kek.core.history.record_links)."""

import pytest
from django.urls import reverse
from simple_history.utils import bulk_update_with_history

from kek.core import history
from kek.core.changes import entries
from kek.goals.models import SubGoal
from kek.projects.models import Project

from .admin_forms import project_form
from .factories import ProjectFactory

pytestmark = pytest.mark.django_db
LINKS = "Teilziele"


@pytest.fixture
def subgoals(concept):
    return list(SubGoal.objects.filter(concept=concept).order_by("number")[:3])


def link_change(project) -> tuple[str, str, str]:
    return next(c for c in entries(project)[0].changes if c[0] == LINKS)


def test_changing_the_sub_goals_in_the_back_office_is_one_record_with_old_and_new(
    client, planner, concept_in_draft, subgoals
):
    concept = concept_in_draft
    first, second, third = subgoals
    project = ProjectFactory(concept=concept, number="9.1", subgoals=[first, second])
    project = Project.objects.get(pk=project.pk)
    before = project.history.count()
    client.force_login(planner)
    url = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    response = client.post(url, project_form(project, subgoals=[second.pk, third.pk]))
    assert response.status_code == 302

    assert project.history.count() == before + 1
    record = project.history.first()
    assert (record.history_type, record.history_user) == ("~", planner)
    assert {s.subgoal_id for s in record.subgoals.all()} == {second.pk, third.pk}
    assert link_change(project) == (
        LINKS,
        f"{first}, {second}",
        f"{second}, {third}",
    )


def test_links_written_in_bulk_are_recorded_for_the_projects_whose_links_changed(
    concept, subgoals, planner
):
    first, second, _ = subgoals
    changed = ProjectFactory(concept=concept, number="9.1", subgoals=[first])
    same = ProjectFactory(concept=concept, number="9.2", subgoals=[first])
    through = Project.subgoals.through
    through.objects.bulk_create([through(project_id=changed.pk, subgoal_id=second.pk)])
    counts = changed.history.count(), same.history.count()

    recorded = history.record_links(Project, [changed.pk, same.pk], user=planner)

    assert recorded == {changed.pk}
    assert (changed.history.count(), same.history.count()) == (counts[0] + 1, counts[1])
    assert changed.history.first().history_user == planner
    assert link_change(changed) == (LINKS, str(first), f"{first}, {second}")


def test_a_bulk_update_keeps_the_links_in_its_record(concept, subgoals):
    project = ProjectFactory(concept=concept, number="9.1", subgoals=subgoals[:2])
    project.title = "Neuer Titel"
    bulk_update_with_history([project], Project, ["title"])
    record = project.history.first()
    assert {s.subgoal_id for s in record.subgoals.all()} == {s.pk for s in subgoals[:2]}
    # So the record shows the title change, not a removal of every link.
    assert [c[0] for c in entries(project)[0].changes] == ["Titel"]
