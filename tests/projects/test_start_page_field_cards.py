"""The start page's cards of the fields of action show, like the dashboard's, each field's
headline status, its indicators' statuses and its implementation progress (issue 11)."""

import pytest

from kek.goals.models import FieldOfAction
from kek.projects.evaluation import evaluate_concept

pytestmark = pytest.mark.django_db


def section(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode().split('id="handlungsfelder"')[1].split("</section>")[0]


def test_it_shows_status_and_progress_in_each_field_card(client, concept):
    html = section(client)
    evaluation = evaluate_concept(concept)
    cards = html.split('<li class="kern-card">')[1:]
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    assert len(cards) == len(fields)
    for field, card in zip(fields, cards, strict=True):
        result = evaluation.of(field)
        assert f"Handlungsfeld {field.number}</p>" in card
        assert "Leitbild" in card  # the goals app's card, extended
        assert "Zielerreichung laut Zielindikatoren" in card
        assert result.label.text in card
        assert '<div class="kek-stack" aria-hidden="true">' in card
        assert f"{round(result.progress)} % umgesetzt" in card
        assert f"{result.rated} von {result.indicators} Zielindikatoren bewertbar" in card
        assert f'href="/dashboard/{field.slug}/"' in card
    # What the two mean, with the legend a link away.
    intro = html.split('<li class="kern-card">')[0]
    assert "Umsetzungsstand der Projekte" in intro
    assert 'href="/dashboard/#legende"' in intro


def test_it_keeps_the_cards_plain_without_a_catalogue(client, concept):
    from kek.projects.evaluation import models_q
    from kek.projects.models import Project, TargetIndicator

    Project.objects.filter(concepts=concept).delete()
    TargetIndicator.objects.filter(models_q(concept)).delete()
    html = section(client)
    assert "Keine Projekte zugeordnet" in html and "Keine Zielindikatoren" in html
    assert "Leitbild" in html
