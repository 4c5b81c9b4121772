"""Every write of the press series, tried as anonymous, participant and planner (F20, F30).

Writes are the back office's snippet views of press series and articles (add, edit, delete,
and the chooser's create URL Wagtail registers for every snippet). Wagtail sends whoever may
not use the back office to its login before a view runs; a refused request changes nothing, a
permitted one what it should. The walk is tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kek.goals.models import FieldOfAction
from kek.press.models import PressArticle, PressSeries

from .. import permission_walk as pw
from ..goals.factories import FieldOfActionFactory
from ..permission_walk import ADMIN_LOGIN, ALLOWED, EDITED_TITLE, NEW_TITLE, Entry

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "participant", "planner"]
OUTCOMES = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED}
PRESS_MODELS = (PressSeries, PressArticle)


@dataclass
class World:
    region: object
    series: PressSeries
    article: PressArticle
    field: FieldOfAction


@pytest.fixture
def world(concept) -> World:
    series = PressSeries.objects.get(region=concept.region)
    article = PressArticle.objects.get(series=series, part=1)
    field = FieldOfAction.objects.filter(concept=concept).first()
    return World(concept.region, series, article, field)


def snapshot(ignore=frozenset()) -> dict:
    """Every row of the press tables, their history and the field-of-action links."""
    return pw.snapshot(
        [
            *PRESS_MODELS,
            PressSeries.history.model,
            PressArticle.history.model,
            PressArticle.fields_of_action.through,
        ],
        ignore,
    )


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def series_form(w: World, title: str = NEW_TITLE) -> dict:
    return {"region": w.region.pk, "title": title, "period": "2024", "description": "",
            "position": 5}  # fmt: skip


def article_form(w: World, title: str = NEW_TITLE) -> dict:
    return {
        "region": w.region.pk,
        "series": w.series.pk,
        "part": 4,
        "title": title,
        "medium": "Oschatzer Allgemeine",
        "first_date": "",
        "last_date": "",
        "period": "Oktober 2020",
        "author": "",
        "teaser": "",
        "url": "",
        "fields_of_action": [w.field.pk],
    }


def snippet(model: str, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_press_{model}:{action}", args=args)


def entries_for(model: str, form, found, obj) -> list[Entry]:
    return [
        Entry(
            id=f"{model}-add",
            covers=f"url:wagtailsnippets_press_{model}:add",
            url=lambda w: snippet(model, "add"),
            data=form,
            happened=lambda w: found().filter(title=NEW_TITLE).exists(),
            outcomes=OUTCOMES,
        ),
        Entry(
            id=f"{model}-chooser-create",
            covers=f"url:wagtailsnippetchoosers_press_{model}:create",
            url=lambda w: reverse(f"wagtailsnippetchoosers_press_{model}:create"),
            data=form,
            happened=lambda w: found().filter(title=NEW_TITLE).exists(),
            outcomes=OUTCOMES,
            writable=False,
        ),
        Entry(
            id=f"{model}-edit",
            covers=f"url:wagtailsnippets_press_{model}:edit",
            url=lambda w: snippet(model, "edit", obj(w).pk),
            data=lambda w: form(w, EDITED_TITLE),
            happened=lambda w: found().get(pk=obj(w).pk).title == EDITED_TITLE,
            outcomes=OUTCOMES,
        ),
        Entry(
            id=f"{model}-delete",
            covers=f"url:wagtailsnippets_press_{model}:delete",
            url=lambda w: snippet(model, "delete", obj(w).pk),
            happened=lambda w: not found().filter(pk=obj(w).pk).exists(),
            outcomes=OUTCOMES,
        ),
    ]


ENTRIES = [
    *entries_for("pressseries", series_form, PressSeries.objects.all, lambda w: w.series),
    *entries_for("pressarticle", article_form, PressArticle.objects.all, lambda w: w.article),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


def test_a_planners_new_article_is_on_record_with_its_fields(client, world, planner):
    client.force_login(planner)
    response = client.post(snippet("pressarticle", "add"), article_form(world))
    assert response.status_code == 302, response.content.decode()[:2000]
    found = PressArticle.objects.get(title=NEW_TITLE)
    assert list(found.fields_of_action.all()) == [world.field]
    record = found.history.get()
    assert record.history_user == planner
    assert [r.fieldofaction_id for r in record.fields_of_action.all()] == [world.field.pk]
    assert "Oktober 2020" in client.get("/presse/").content.decode()


def test_the_form_refuses_a_field_of_another_district(client, world, planner):
    other = FieldOfActionFactory(concept__region__level="district")
    client.force_login(planner)
    data = {**article_form(world), "fields_of_action": [world.field.pk, other.pk]}
    response = client.post(snippet("pressarticle", "add"), data)
    assert response.status_code == 200
    assert (
        "Bitte nur Handlungsfelder desselben Landkreises verknüpfen." in response.content.decode()
    )
    assert not PressArticle.objects.filter(title=NEW_TITLE).exists()
    edit = client.get(snippet("pressarticle", "edit", world.article.pk)).content.decode()
    assert f"{world.field.number} {world.field.title}" in edit.replace("&amp;", "&")
    assert other.title not in edit  # only the article's district's fields are offered
