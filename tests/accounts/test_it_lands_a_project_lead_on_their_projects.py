"""After signing in without `next`, a project lead lands on their projects (kek.accounts.landing,
registered by kek.projects), as before allauth."""

import pytest

from tests.projects.lead_world import build_world

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def test_a_project_lead_lands_on_their_projects(client):
    world = build_world()
    response = client.post(
        "/anmelden/", {"username": world.lead.username, "password": "geheim-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/meine-projekte/"
