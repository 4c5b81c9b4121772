"""The list filters by field of action, state and municipality and sorts by newest, most
supported and recently answered, through a plain GET form (F22); it pages by 20."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.goals.models import FieldOfAction
from kek.proposals.models import Proposal, State, municipalities_of

from .world import BASE, first_field, first_goal, proposal

pytestmark = pytest.mark.django_db


def titles(client, query="") -> list[str]:
    html = client.get(f"{BASE}?{query}").content.decode()
    found = [(html.find(f">{t}</a>"), t) for t in ("Alpha", "Beta", "Gamma")]
    return [t for position, t in sorted(found) if position >= 0]


@pytest.fixture
def three(box, nordsachsen):
    now = timezone.now()
    fields = list(
        FieldOfAction.objects.filter(concept__region=nordsachsen, concept__is_current=True)
    )
    goal = first_goal(nordsachsen)
    place = municipalities_of(nordsachsen).first()
    a = proposal(box, title="Alpha", field=fields[0])
    b = proposal(box, title="Beta", field=goal.field, goal_key=goal.key, state=State.REVIEW)
    c = proposal(box, title="Gamma", field=fields[1], municipality=place, state=State.REVIEW)
    for row, days, supports, answered in ((a, 3, 5, 1), (b, 2, 1, 2), (c, 1, 9, None)):
        Proposal.objects.filter(pk=row.pk).update(
            created_at=now - dt.timedelta(days=days),
            supports_count=supports,
            answer_published_at=now - dt.timedelta(days=answered) if answered else None,
        )
    return fields, goal, place


def test_sorting(client, three):
    assert titles(client) == ["Gamma", "Beta", "Alpha"]
    assert titles(client, "sortierung=neueste") == ["Gamma", "Beta", "Alpha"]
    assert titles(client, "sortierung=unterstuetzt") == ["Gamma", "Alpha", "Beta"]
    assert titles(client, "sortierung=beantwortet") == ["Alpha", "Beta", "Gamma"]


def test_filters(client, three):
    fields, goal, place = three
    assert titles(client, "stand=in_pruefung") == ["Gamma", "Beta"]
    assert titles(client, f"gemeinde={place.ags}") == ["Gamma"]
    assert titles(client, f"feld={fields[1].key}") == ["Gamma"]
    # a proposal on a strategic goal is found under the goal's field
    expected = ["Beta", "Alpha"] if goal.field == fields[0] else ["Beta"]
    assert titles(client, f"feld={goal.field.key}") == expected
    assert titles(client, "stand=aufgegriffen") == []
    assert (
        "Keine Vorschläge passen zu diesen Filtern."
        in client.get(f"{BASE}?stand=aufgegriffen").content.decode()
    )


def test_an_invalid_filter_is_ignored(client, three):
    assert titles(client, "stand=unsinn&feld=kaputt") == ["Gamma", "Beta", "Alpha"]


def test_the_form_works_without_javascript(client, three):
    html = client.get(BASE).content.decode()
    assert '<form method="get"' in html and 'name="sortierung"' in html
    assert 'name="feld"' in html and 'name="stand"' in html and 'name="gemeinde"' in html


def test_paging_keeps_the_filters(client, box, nordsachsen):
    for i in range(23):
        proposal(box, title=f"Nummer {i}", field=first_field(nordsachsen))
    html = client.get(f"{BASE}?sortierung=unterstuetzt").content.decode()
    assert "Seite 1 von 2" in html and "sortierung=unterstuetzt&amp;seite=2" in html
    second = client.get(f"{BASE}?sortierung=unterstuetzt&seite=2").content.decode()
    assert "Seite 2 von 2" in second and second.count('class="kek-proposal-list__item"') == 3
