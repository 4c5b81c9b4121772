"""One history view per object in the back office (issue 16): Wagtail's "Verlauf" of every
snippet with a history lists who changed what and when, old → new, child rows included."""

import html

import pytest
from django.urls import reverse

from kek.goals.models import StrategicGoal
from kek.goals.versions import new_version
from kek.projects.models import Milestone

from ..projects.admin_forms import project_form
from ..projects.factories import MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def goal_form(goal: StrategicGoal, title: str) -> dict:
    return {
        "field": goal.field_id,
        "title": title,
        "description": goal.description,
        "position": goal.position,
        "slug": goal.slug,
        "sdgs": list(goal.sdgs.values_list("pk", flat=True)),
        "is_example": "on" if goal.is_example else "",
    }


def test_the_history_of_a_goal_shows_who_changed_the_title_from_what_to_what(
    planner_client, concept
):
    draft = new_version(concept)  # only a draft changes (issue 11)
    goal = StrategicGoal.objects.get(concept=draft, number="1.2")
    old = goal.title
    edit = reverse("wagtailsnippets_goals_strategicgoal:edit", args=[goal.pk])
    assert planner_client.post(edit, goal_form(goal, "Innovation fördern")).status_code == 302

    history = page(
        planner_client.get(reverse("wagtailsnippets_goals_strategicgoal:history", args=[goal.pk]))
    )
    assert "Änderungsverlauf" in history
    assert "planerin" in history
    assert f"<strong>Titel:</strong> „{old}“ → „Innovation fördern“" in history
    # The edit page's panel links to it.
    assert reverse("wagtailsnippets_goals_strategicgoal:history", args=[goal.pk]) in page(
        planner_client.get(edit)
    )


def test_the_history_of_a_project_includes_its_milestones(planner_client, concept):
    project = ProjectFactory(concept=concept, number="9.1", title="Radweg")
    kept = MilestoneFactory(project=project, title="Planung")
    changed = MilestoneFactory(project=project, title="Ausschreibung")
    rows = [
        {"id": kept.pk, "date": kept.date.isoformat(), "title": kept.title, "ORDER": "1"},
        {"id": changed.pk, "date": changed.date.isoformat(), "title": "Vergabe", "ORDER": "2"},
        {"date": "2026-05-01", "title": "Baubeginn", "ORDER": "3"},
    ]
    edit = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    response = planner_client.post(edit, project_form(project, rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Milestone.objects.filter(project=project, title="Baubeginn").exists()
    # The unchanged milestone was saved again by the form, but nothing of it changed.
    assert kept.history.count() == 1

    url = reverse("wagtailsnippets_projects_project:history", args=[project.pk])
    history = page(planner_client.get(url))
    assert "geändert: Meilenstein „Vergabe“" in history
    assert "<strong>Meilenstein:</strong> „Ausschreibung“ → „Vergabe“" in history
    assert "angelegt: Meilenstein „Baubeginn“" in history
    assert history.count("planerin") >= 2


def test_an_import_batch_that_nobody_may_edit_still_shows_its_history(planner_client):
    from kek.statistics.models import ImportBatch

    batch = ImportBatch.objects.create(file_name="a.csv", content_hash="0" * 64)
    batch.status = ImportBatch.Status.DONE
    batch.save()
    url = reverse("wagtailsnippets_statistics_importbatch:history", args=[batch.pk])
    history = page(planner_client.get(url))
    assert "<strong>Status:</strong> „Wartet“ → „Abgeschlossen“" in history
