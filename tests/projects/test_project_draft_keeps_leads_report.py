"""Issue 11: a lead's report on the project page (status, progress, milestones) writes the
published project at once; a planner's draft begun before it does not overwrite it when the
draft is published, and the edit page shows the lead's values."""

import pytest
from django.urls import reverse

from kek.projects.models import Milestone, Project

from ..accounts.factories import UserFactory
from .admin_forms import project_form
from .lead_world import build_world, milestone_data, milestone_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]
DRAFT_TITLE = "Radweg an der Mulde (Entwurf der Planung)"


@pytest.fixture
def world(db):
    return build_world()


def planner_drafts(client, project) -> None:
    client.force_login(UserFactory(username="planung", groups=["planner"]))
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    rows = [
        {"id": m.pk, "date": m.date.isoformat(), "title": m.title} for m in project.milestones.all()
    ]
    response = client.post(edit, project_form(project, rows, publish=False, title=DRAFT_TITLE))
    assert response.status_code == 302


def lead_reports(client, world) -> None:
    client.force_login(world.lead)
    status = {"aktion": "status", "status-status": "completed", "status-progress": "100"}
    assert client.post(world.update_url(), status).status_code == 302
    milestones = milestone_data(
        world,
        [
            milestone_row(world.milestone, done="on"),
            {"date": "2025-09-30", "title": "Freigabe des Radwegs", "done": "on"},
        ],
    )
    assert client.post(world.update_url(), milestones).status_code == 302


def test_publishing_an_older_draft_keeps_the_leads_report(client, world):
    project = world.project
    planner_drafts(client, project)
    lead_reports(client, world)

    Project.objects.get(pk=project.pk).latest_revision.publish()
    row = Project.objects.get(pk=project.pk)
    assert row.title == DRAFT_TITLE  # the planner's change
    assert (row.status, row.progress) == ("completed", 100)  # the lead's report
    titles = set(Milestone.objects.filter(project=project).values_list("title", flat=True))
    assert "Freigabe des Radwegs" in titles


def test_the_edit_page_shows_the_leads_newer_status(client, world):
    project = world.project
    planner_drafts(client, project)
    lead_reports(client, world)
    client.force_login(UserFactory(username="planung2", groups=["planner"]))
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    html = client.get(edit).content.decode()
    assert DRAFT_TITLE in html
    assert '<option value="completed" selected>' in html
    assert "Freigabe des Radwegs" in html


def test_a_draft_begun_after_the_report_keeps_its_own_status(client, world):
    project = world.project
    lead_reports(client, world)
    planner_drafts(client, Project.objects.get(pk=project.pk))
    revision = Project.objects.get(pk=project.pk).latest_revision
    revision.content["status"] = "stopped"  # the planner stops the project in the draft
    revision.save()
    revision.publish()
    assert Project.objects.get(pk=project.pk).status == "stopped"
