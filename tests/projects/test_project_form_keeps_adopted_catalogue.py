"""Issue 11: the back office's project form refuses to change an adopted version's catalogue
(add or drop the project, change which of its sub-goals the project serves), with the reason;
the same change in a Fortschreibung's draft is accepted."""

import pytest
from django.urls import reverse

from kek.goals.models import SubGoal
from kek.goals.versions import new_version
from kek.projects.models import Project

from .admin_forms import project_form

pytestmark = pytest.mark.django_db
REASON = "ist beschlossen und kann nicht mehr geändert werden"


@pytest.fixture
def project(concept):
    return Project.objects.filter(concepts=concept).order_by("number").first()


def edit(client, project, **fields):
    url = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    return client.post(url, project_form(project, **fields))


def test_dropping_a_project_from_the_adopted_catalogue_is_refused(client, planner, project):
    client.force_login(planner)
    response = edit(client, project, concepts=[])
    assert response.status_code == 200 and REASON in response.content.decode()
    assert Project.objects.filter(pk=project.pk, concepts__is_current=True).exists()


def test_other_sub_goals_of_the_adopted_version_are_refused(client, planner, project, concept):
    other = SubGoal.objects.filter(concept=concept).exclude(projects=project).first()
    client.force_login(planner)
    response = edit(client, project, subgoals=[other.pk])
    assert response.status_code == 200 and REASON in response.content.decode()
    assert other not in Project.objects.get(pk=project.pk).subgoals.all()


def test_the_fortschreibungs_draft_takes_the_same_changes(client, planner, project, concept):
    draft = new_version(concept)
    project = Project.objects.get(pk=project.pk)
    kept = [s.pk for s in project.subgoals.filter(concept=concept)]
    other = SubGoal.objects.filter(concept=draft).exclude(projects=project).first()
    client.force_login(planner)
    response = edit(client, project, subgoals=[*kept, other.pk])
    assert response.status_code == 302, response.content.decode()[:2000]
    assert other in Project.objects.get(pk=project.pk).subgoals.all()
