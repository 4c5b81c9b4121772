"""Issue 11, end to end through the back office and the public site: the Kreistag adopted
version 1 with its catalogue and SWOT; the office works on a Fortschreibung; the public keeps
seeing version 1 until the planner publishes version 2, and then nothing is missing."""

import html

import pytest
from django.urls import reverse

from kek.goals.models import Concept, StrategicGoal
from kek.projects.models import EvaluationSnapshot, Project
from kek.swot.models import SwotItem

from ..accounts.factories import UserFactory
from ..goals.test_admin import goal_form

pytestmark = pytest.mark.django_db

NEW_TITLE = "Wirtschaftsstandort Nordsachsen gemeinsam stärken"


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url, follow=True)
    assert response.status_code == status, (url, response.status_code)
    return html.unescape(response.content.decode())


@pytest.fixture
def adopted(concept, client, planner):
    """Version 1 with an evaluation report taken in the back office and a project lead."""
    client.force_login(planner)
    add = reverse("wagtailsnippets_projects_evaluationsnapshot:add")
    response = client.post(add, {"concept": concept.pk, "title": "Bericht 2025", "note": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    lead = UserFactory(username="wirtschaftsamt")
    lead.led_projects.add(Project.objects.get(number="P1.01"))
    client.logout()
    return concept, lead


def test_a_fortschreibung_keeps_catalogue_dashboard_addresses_leads_swot_and_reports(
    client, planner, adopted
):
    v1, lead = adopted
    goal = StrategicGoal.objects.get(concept=v1, number="1.1")
    old_goal_url = f"/ziele/1.1-{goal.slug}/"
    project = Project.objects.get(number="P1.01")
    project_url = f"/projekte/{project.public_ref}/"
    before = {
        "projects": set(v1.projects.values_list("number", flat=True)),
        "swot": sorted(SwotItem.objects.filter(concept=v1).values_list("kind", "title")),
        "catalogue": page(client, "/projekte/").count('href="/projekte/p'),
        "dashboard_projects": page(client, "/dashboard/").count("Projekte"),
    }
    assert len(before["projects"]) == 15 and before["swot"]

    # The office starts the Fortschreibung and rewords a goal in the draft.
    client.force_login(planner)
    assert client.post(reverse("kek_new_version", args=[v1.pk])).status_code == 302
    v2 = Concept.objects.get(region=v1.region, version=2)
    draft_goal = StrategicGoal.objects.get(concept=v2, key=goal.key)
    edit = reverse("wagtailsnippets_goals_strategicgoal:edit", args=[draft_goal.pk])
    assert client.post(edit, goal_form(draft_goal, title=NEW_TITLE)).status_code == 302
    # The adopted version refuses the same edit.
    refused = reverse("wagtailsnippets_goals_strategicgoal:edit", args=[goal.pk])
    client.post(refused, goal_form(goal, title="Heimlich geändert"))
    goal.refresh_from_db()
    assert goal.title != "Heimlich geändert"

    # The public still sees version 1; the planner's preview shows the draft.
    client.logout()
    assert NEW_TITLE not in page(client, "/zielsystem/")
    client.force_login(planner)
    assert NEW_TITLE not in page(client, "/zielsystem/")
    client.post(reverse("kek_preview_version", args=[v2.pk]))
    preview = page(client, "/zielsystem/")
    assert NEW_TITLE in preview and "Vorschau der Fortschreibung" in preview
    assert page(client, "/projekte/").count('href="/projekte/p') == before["catalogue"]
    client.post(reverse("kek_preview_version", args=[v2.pk]), {"stop": "1"})
    assert NEW_TITLE not in page(client, "/zielsystem/")

    # Publishing shows what changes and needs the confirmation and the adoption.
    publish = reverse("kek_publish_version", args=[v2.pk])
    review = page(client, publish)
    assert "Umformulierte Ziele (1)" in review and NEW_TITLE in review
    response = client.post(
        publish, {"confirm": "on", "adopted_on": "2026-11-30", "adopted_by": "Kreistag"}
    )
    assert response.status_code == 302
    client.logout()

    # Nothing is lost for the public.
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert v2.is_current and v1.status == Concept.Status.SUPERSEDED
    assert NEW_TITLE in page(client, "/zielsystem/")
    assert set(v2.projects.values_list("number", flat=True)) == before["projects"]
    assert page(client, "/projekte/").count('href="/projekte/p') == before["catalogue"]
    assert page(client, "/dashboard/").count("Projekte") == before["dashboard_projects"]
    assert project.title in page(client, project_url)
    assert NEW_TITLE in page(client, old_goal_url)  # same key, same address
    assert (
        sorted(SwotItem.objects.filter(concept=v2).values_list("kind", "title")) == (before["swot"])
    )
    reports = page(client, "/evaluierung/")
    assert "Bericht 2025" in reports and "(zu Version 1)" in reports
    report = EvaluationSnapshot.objects.get(title="Bericht 2025")
    assert report.concept == v1
    assert "Bericht 2025" in page(client, f"/evaluierung/{report.pk}/")
    client.force_login(lead)
    mine = page(client, reverse("my_projects"))
    assert project.title in mine
