"""Issue 11: "Vorschau der Fortschreibung" shows a planner every public page with the draft;
everyone else, and the planner after ending it, sees the current version."""

import pytest
from django.urls import reverse

from kek.goals.models import StrategicGoal
from kek.goals.versions import new_version

pytestmark = pytest.mark.django_db
DRAFT_TITLE = "Ein Ziel, das nur der Entwurf hat"


@pytest.fixture
def draft(concept):
    copy = new_version(concept)
    goal = StrategicGoal.objects.get(concept=copy, number="1.1")
    goal.title = DRAFT_TITLE
    goal.save()
    return copy


def test_the_planner_previews_the_draft_on_public_pages_and_nobody_else(
    client, planner, draft, django_user_model
):
    client.force_login(planner)
    response = client.post(reverse("kek_preview_version", args=[draft.pk]))
    assert response.status_code == 302
    tree = client.get("/zielsystem/")
    assert DRAFT_TITLE in tree.content.decode()
    assert "Vorschau der Fortschreibung" in tree.content.decode()
    assert "no-store" in tree["Cache-Control"] or "no-cache" in tree["Cache-Control"]
    goal = StrategicGoal.objects.get(concept=draft, number="1.1")
    assert client.get(f"/ziele/1.1-{goal.slug}/").status_code == 200

    anonymous = type(client)()
    assert DRAFT_TITLE not in anonymous.get("/zielsystem/").content.decode()

    client.post(reverse("kek_preview_version", args=[draft.pk]), {"stop": "1"})
    assert DRAFT_TITLE not in client.get("/zielsystem/").content.decode()


def test_a_participant_cannot_start_a_preview(client, participant, draft):
    client.force_login(participant)
    response = client.post(reverse("kek_preview_version", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert DRAFT_TITLE not in client.get("/zielsystem/").content.decode()


def test_a_preview_session_of_someone_who_lost_the_right_shows_the_current_version(
    client, planner, draft
):
    client.force_login(planner)
    client.post(reverse("kek_preview_version", args=[draft.pk]))
    planner.groups.clear()
    assert DRAFT_TITLE not in client.get("/zielsystem/").content.decode()
