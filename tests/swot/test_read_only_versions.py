"""Issue 11: the SWOT items of an adopted version, with their evidence, are a record. A planner's
edit, delete or new item there is refused on the server with the German reason and changes
nothing; the item is shown read-only, evidence included."""

import html

import pytest
from django.urls import reverse

from kek.goals.versions import new_version
from kek.swot.models import SwotItem

from ..http import formset
from .test_history_goal_links import item_form

pytestmark = pytest.mark.django_db

REASON = "Version 1 ist beschlossen und kann nicht mehr geändert werden."


def url(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_swot_swotitem:{action}", args=args)


def page(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def item(concept):
    return SwotItem.objects.filter(concept=concept, document_evidence__isnull=False).first()


def state(item) -> tuple:
    item = SwotItem.objects.get(pk=item.pk)
    return (
        item.title,
        sorted(item.goals.values_list("pk", flat=True)),
        sorted(item.document_evidence.values_list("title", flat=True)),
        item.indicator_evidence.count(),
        item.history.count(),
    )


def test_it_refuses_a_planners_edit_of_an_item_of_the_adopted_version(client, planner, item):
    before = state(item)
    client.force_login(planner)
    data = item_form(item, [], documents=["Neue Studie"]) | {"title": "Umgeschrieben"}

    response = client.post(url("edit", item.pk), data)

    assert response.status_code == 403
    assert REASON in page(response)
    assert state(item) == before


def test_it_shows_the_item_with_its_evidence_read_only(client, planner, item):
    client.force_login(planner)
    response = client.get(url("edit", item.pk))
    assert response["Location"] == url("inspect", item.pk)
    shown = page(client.get(response["Location"]))
    assert REASON in shown and item.title in shown
    assert "Belege: Dokumente und Studien" in shown
    assert item.document_evidence.first().title in shown
    assert f'href="{url("edit", item.pk)}"' not in shown


def test_it_refuses_deleting_an_item_of_the_adopted_version(client, planner, item):
    client.force_login(planner)
    response = client.post(url("delete", item.pk))
    assert response.status_code == 403 and REASON in page(response)
    assert SwotItem.objects.filter(pk=item.pk).exists()


def test_a_new_item_goes_only_into_a_draft(client, planner, concept):
    client.force_login(planner)
    data = {
        "concept": concept.pk, "kind": "strength", "position": 1, "topic": "",
        "title": "Neu im Beschluss", "explanation": "", "goals": [],
        **formset("indicator_evidence", []), **formset("document_evidence", []),
        **formset("expert_talks", []),
    }  # fmt: skip
    form = page(client.get(url("add")))
    start = form.index('<select name="concept"')
    assert f'<option value="{concept.pk}"' not in form[start : form.index("</select>", start)]
    assert client.post(url("add"), data).status_code == 200
    assert not SwotItem.objects.filter(title="Neu im Beschluss").exists()

    draft = new_version(concept)
    assert client.post(url("add"), data | {"concept": draft.pk}).status_code == 302
    assert SwotItem.objects.get(title="Neu im Beschluss").concept == draft


def test_the_copy_in_the_draft_may_change(client, planner, concept, item):
    draft = new_version(concept)
    copy = SwotItem.objects.get(concept=draft, key=item.key)
    client.force_login(planner)
    inspect = page(client.get(url("inspect", item.pk)))
    assert f'href="{url("edit", copy.pk)}"' in inspect

    response = client.post(url("edit", copy.pk), item_form(copy, []) | {"title": "Neu gefasst"})
    assert response.status_code == 302
    assert SwotItem.objects.get(pk=copy.pk).title == "Neu gefasst"
    assert SwotItem.objects.get(pk=item.pk).title == item.title
