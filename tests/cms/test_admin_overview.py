"""Issue 11: the back office's start page gives a planner the KEK overview: current version,
drafts and those waiting for release, open SWOT suggestions, values waiting for review, and
the last imports."""

import html

import pytest

from kek.goals.versions import new_version, submit
from kek.swot.models import SwotSuggestion

pytestmark = pytest.mark.django_db


def start_page(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_planner_sees_versions_drafts_suggestions_reviews_and_imports(client, planner, concept):
    draft = new_version(concept, planner)
    submit(draft, planner)
    open_suggestions = SwotSuggestion.objects.filter(
        region=concept.region, status=SwotSuggestion.Status.OPEN
    ).count()
    client.force_login(planner)

    page = start_page(client)

    overview = page[page.index("KEK auf einen Blick") :]
    assert f"{concept.title}, Version 1</a> (beschlossen am 24. März 2021" in overview
    assert "Version 2</a> – liegt zur Freigabe vor (von planerin)" in overview
    assert (
        f'Offene SWOT-Vorschläge: <a href="/admin/kek/swot/vorschlaege/">{open_suggestions}'
        in overview
    )
    assert "Messwerte zur Prüfung:" in overview
    assert "Projektkatalog „catalogue.yaml“" in overview or "Statistik „" in overview


def test_the_overview_is_not_shown_without_the_planners_rights(client, participant):
    client.force_login(participant)
    assert "KEK auf einen Blick" not in client.get("/admin/", follow=True).content.decode()
