"""Issue 11: under the district's "Vier-Augen-Prinzip" a planner puts a version forward and a
second planner releases it; nobody publishes their own submission."""

import pytest
from django.urls import reverse

from kek.goals.models import Concept, PublicationSettings
from kek.goals.versions import new_version

from ..accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
ADOPTION = {"confirm": "on", "adopted_on": "2026-11-30", "adopted_by": "Kreistag"}


@pytest.fixture
def draft(concept):
    PublicationSettings.objects.create(region=concept.region, four_eyes=True)
    return new_version(concept)


def test_the_submitter_cannot_publish_and_a_second_planner_can(client, planner, draft):
    url = reverse("kek_publish_version", args=[draft.pk])
    client.force_login(planner)
    assert "Zur Freigabe vorlegen" in client.get(url).content.decode()
    refused = client.post(url, ADOPTION)
    assert refused.status_code == 400 and "Vier-Augen-Prinzip" in refused.content.decode()
    assert client.post(url, {"submit": "1"}).status_code == 302
    assert client.post(url, ADOPTION).status_code == 400
    draft.refresh_from_db()
    assert draft.submitted_by == planner and not draft.is_current

    second = UserFactory(username="zweite", groups=["planner"])
    client.force_login(second)
    assert "Freigeben und veröffentlichen" in client.get(url).content.decode()
    assert client.post(url, ADOPTION).status_code == 302
    draft.refresh_from_db()
    assert draft.is_current and draft.status == Concept.Status.ADOPTED


def test_without_the_rule_one_planner_publishes(client, planner, concept):
    draft = new_version(concept)
    client.force_login(planner)
    assert client.post(reverse("kek_publish_version", args=[draft.pk]), ADOPTION).status_code == 302
    draft.refresh_from_db()
    assert draft.is_current
