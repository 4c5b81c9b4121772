"""The back-office lists of the goal system and the SWOT show and filter by concept version,
in German: the version of every row, a "Konzeptversion" filter on every list, yes/no as
"ja"/"nein" (issue 11: with a Fortschreibung each goal is listed twice)."""

import html
import re

import pytest
from django.urls import reverse

from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import new_version
from kek.swot.models import SwotItem

pytestmark = pytest.mark.django_db

LISTS = {
    FieldOfAction: "wagtailsnippets_goals_fieldofaction:list",
    StrategicGoal: "wagtailsnippets_goals_strategicgoal:list",
    SubGoal: "wagtailsnippets_goals_subgoal:list",
    SwotItem: "wagtailsnippets_swot_swotitem:list",
}


def cells(page: str) -> list[str]:
    body = page[page.index('<table class="listing"') :]
    body = body[: body.index("</table>")]
    return [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td\s*>(.*?)</td>", body, re.S)]


@pytest.mark.parametrize("model", list(LISTS))
def test_it_lists_and_filters_by_version(client, planner, concept, model):
    draft = new_version(concept)
    client.force_login(planner)
    url = reverse(LISTS[model])

    page = html.unescape(client.get(url).content.decode())
    shown = cells(page)
    assert "KEK Nordsachsen 2030 (Version 1, Beschlossen)" in shown
    assert "KEK Nordsachsen 2030 (Version 2, Entwurf)" in shown
    assert {"ja", "nein"} & set(shown) and not {"True", "False"} & set(shown)
    assert re.search(r'for="id_concept"[^>]*>\s*Konzeptversion\s*<', page)
    assert ">\n            Concept\n" not in page

    only_draft = cells(html.unescape(client.get(url, {"concept": draft.pk}).content.decode()))
    assert "KEK Nordsachsen 2030 (Version 2, Entwurf)" in only_draft
    assert "KEK Nordsachsen 2030 (Version 1, Beschlossen)" not in only_draft
    by_status = cells(html.unescape(client.get(url, {"version_status": "draft"}).content.decode()))
    assert by_status == only_draft


def test_the_parent_filter_names_the_version(client, planner, concept):
    new_version(concept)
    client.force_login(planner)
    page = html.unescape(client.get(reverse(LISTS[StrategicGoal])).content.decode())
    field = FieldOfAction.objects.get(concept=concept, number="1")
    assert f"{field} – KEK Nordsachsen 2030, Version 1</option>" in page
    assert f"{field} – KEK Nordsachsen 2030, Version 2</option>" in page


def test_the_concept_list_shows_the_current_version_as_ja(client, planner, concept):
    new_version(concept)
    client.force_login(planner)
    shown = cells(client.get(reverse("wagtailsnippets_goals_concept:list")).content.decode())
    assert shown.count("ja") == 1 and shown.count("nein") == 1
