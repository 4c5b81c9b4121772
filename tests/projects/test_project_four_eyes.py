"""Issue 11: under the district's Vier-Augen-Prinzip a planner submits a project's draft instead
of publishing it, cannot approve their own submission, and a second planner's approval publishes
it. Without the rule a planner publishes directly."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from kek.goals.models import PublicationSettings
from kek.projects.models import Project

from ..accounts.factories import UserFactory
from .admin_forms import project_form

pytestmark = pytest.mark.django_db
TITLE = "Radweg an der Mulde – geprüft"


@pytest.fixture
def project(concept):
    PublicationSettings.objects.create(region=concept.region, four_eyes=True)
    return Project.objects.filter(concepts=concept).order_by("number").first()


def live_title(project) -> str:
    return Project.objects.get(pk=project.pk).title


def test_a_planner_submits_and_a_second_planner_releases(client, planner, project):
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    client.force_login(planner)
    assert 'name="action-publish"' not in client.get(edit).content.decode()
    response = client.post(edit, project_form(project, title=TITLE), follow=True)
    assert "Vier-Augen-Prinzip" in response.content.decode()
    assert live_title(project) != TITLE

    client.post(edit, {**project_form(project, publish=False, title=TITLE), "action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(project.pk), status="in_progress")
    assert state.workflow.name == "Vier-Augen-Prinzip"
    approve = reverse(
        "wagtailsnippets_projects_project:workflow_action",
        args=[project.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve)
    assert live_title(project) != TITLE  # nobody releases their own submission

    client.force_login(UserFactory(username="zweite", groups=["planner"]))
    client.post(approve)
    assert live_title(project) == TITLE


def test_without_the_rule_a_planner_publishes_directly(client, planner, project):
    PublicationSettings.objects.filter(region=project.region).update(four_eyes=False)
    client.force_login(planner)
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    assert 'name="action-publish"' in client.get(edit).content.decode()
    client.post(edit, project_form(project, title=TITLE))
    assert live_title(project) == TITLE
