"""Issue 11: under the district's Vier-Augen-Prinzip its pages go through the workflow of that
name: a planner submits a change instead of publishing it, cannot approve their own submission,
and a second planner's approval publishes it. Switching the rule off restores direct publishing."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from kek.goals.models import PublicationSettings

from ..accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
TITLE = "Über das Konzept – geprüft"


@pytest.fixture
def page(concept):
    """A standard page of the district (Impressum) under the Vier-Augen-Prinzip."""
    PublicationSettings.objects.create(region=concept.region, four_eyes=True)
    return Page.objects.get(slug="impressum").specific


def form(page, **changes) -> dict:
    return {"title": page.title, "slug": page.slug, **changes}


def live_title(page) -> str:
    return Page.objects.get(pk=page.pk).title


def test_a_planner_submits_a_second_planner_releases(client, planner, page):
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(planner)
    assert 'name="action-publish"' not in client.get(edit).content.decode()
    client.post(edit, {**form(page, title=TITLE), "action-publish": "1"})
    assert live_title(page) != TITLE
    client.post(edit, {**form(page, title=TITLE), "action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.workflow.name == "Vier-Augen-Prinzip"
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve)
    assert live_title(page) != TITLE  # nobody releases their own submission

    client.force_login(UserFactory(username="zweite", groups=["planner"]))
    client.post(approve)
    assert live_title(page) == TITLE


def test_without_the_rule_a_planner_publishes_again(client, planner, page):
    settings = PublicationSettings.objects.get(region=page.get_site().root_page.specific.region)
    settings.four_eyes = False
    settings.save()
    client.force_login(planner)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit, {**form(page, title=TITLE), "action-publish": "1"})
    assert live_title(page) == TITLE
