"""Every write of the SWOT analysis, tried as anonymous, participant and planner (F11, F30).

Writes are the back office's snippet views of SWOT items and the decisions on suggestions
(recalculate, accept, reject). Wagtail sends whoever may not use the back office to its login
before a view runs; a refused request changes nothing, a permitted one what it should. The
`kek swot-suggest` command checks the `--user` it acts for in the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import CommandError
from django.urls import reverse

from kek.statistics.models import Indicator
from kek.swot.models import (
    DocumentEvidence,
    ExpertTalk,
    IndicatorEvidence,
    SwotItem,
    SwotSuggestion,
)

from ..http import formset, write_url_names
from .world import AHEAD, import_table

NEW_TITLE = "Von der Rechteprüfung angelegt"
EDITED_TITLE = "Von der Rechteprüfung geändert"
ADMIN_LOGIN = "/admin/login/"
ROLES = ["anonymous", "participant", "planner"]
SWOT_MODELS = (SwotItem, IndicatorEvidence, DocumentEvidence, ExpertTalk, SwotSuggestion)


@dataclass
class World:
    concept: object
    item: SwotItem
    suggestion: SwotSuggestion


@pytest.fixture
def world(concept) -> World:
    import_table(AHEAD)  # data for a new suggestion, not yet computed
    item = SwotItem.objects.filter(concept=concept).first()
    indicator = Indicator.objects.get(code="BEVDICHTE")
    suggestion = SwotSuggestion.objects.create(
        region=concept.region,
        indicator=indicator,
        kind="weakness",
        rule="weakness-clearly-worse",
        numbers={"period": "2024-12-31"},
        explanation="Schwäche (Vorschlag): von Hand angelegt.",
        fingerprint="rechtepruefung",
    )
    return World(concept, item, suggestion)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def snapshot() -> dict:
    """Every row of the SWOT tables (items, evidence, history, links, suggestions)."""
    models = [*SWOT_MODELS, SwotItem.history.model, SwotItem.goals.through]
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in models
    }


def item_form(w: World, obj: SwotItem | None = None, title: str = NEW_TITLE) -> dict:
    indicator = Indicator.objects.get(code="BEVDICHTE")
    evidence = (
        [{"id": e.pk, "indicator": e.indicator_id} for e in obj.indicator_evidence.all()]
        if obj
        else []
    )
    documents = [{"id": d.pk, "title": d.title} for d in obj.document_evidence.all()] if obj else []
    talks = [{"id": t.pk, "bodies": t.bodies} for t in obj.expert_talks.all()] if obj else []
    return {
        "concept": w.concept.pk,
        "kind": obj.kind if obj else "opportunity",
        "topic": obj.topic_id if obj and obj.topic_id else "",
        "position": obj.position if obj else 9,
        "title": title,
        "explanation": "",
        "goals": [g.pk for g in obj.goals.all()] if obj else [],
        **formset("indicator_evidence", evidence or [{"indicator": indicator.pk}]),
        **formset("document_evidence", documents),
        **formset("expert_talks", talks),
    }


@dataclass(frozen=True)
class Endpoint:
    id: str
    url: Callable[[World], str]
    data: Callable[[World], dict]
    happened: Callable[[World], bool]
    writable: bool = True  # the snippet chooser's "create" URL has no form: refused roles only


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_swot_swotitem:{action}", args=args)


def decided(w: World, status: str) -> bool:
    return SwotSuggestion.objects.get(pk=w.suggestion.pk).status == status


ENDPOINTS = [
    Endpoint(
        "swotitem-add",
        lambda w: snippet("add"),
        item_form,
        lambda w: SwotItem.objects.filter(title=NEW_TITLE).exists(),
    ),
    Endpoint(
        "swotitem-chooser-create",
        lambda w: reverse("wagtailsnippetchoosers_swot_swotitem:create"),
        item_form,
        lambda w: SwotItem.objects.filter(title=NEW_TITLE).exists(),
        writable=False,
    ),
    Endpoint(
        "swotitem-edit",
        lambda w: snippet("edit", w.item.pk),
        lambda w: item_form(w, w.item, EDITED_TITLE),
        lambda w: SwotItem.objects.get(pk=w.item.pk).title == EDITED_TITLE,
    ),
    Endpoint(
        "swotitem-delete",
        lambda w: snippet("delete", w.item.pk),
        lambda w: {},
        lambda w: not SwotItem.objects.filter(pk=w.item.pk).exists(),
    ),
    Endpoint(
        "suggestions-refresh",
        lambda w: reverse("kek_swot_refresh"),
        lambda w: {"gebiet": w.concept.region.ags},
        lambda w: SwotSuggestion.objects.filter(indicator__code="SWOTQ").exists(),
    ),
    Endpoint(
        "suggestion-accept",
        lambda w: reverse("kek_swot_accept", args=[w.suggestion.pk]),
        lambda w: {},
        lambda w: decided(w, "accepted"),
    ),
    Endpoint(
        "suggestion-reject",
        lambda w: reverse("kek_swot_reject", args=[w.suggestion.pk]),
        lambda w: {"reason": "Für die Rechteprüfung abgelehnt"},
        lambda w: decided(w, "rejected"),
    ),
]


def walk():
    return pytest.mark.parametrize(
        ("endpoint", "role"),
        [
            pytest.param(endpoint, role, id=f"{endpoint.id}-{role}")
            for endpoint in ENDPOINTS
            for role in ROLES
            if endpoint.writable or role != "planner"
        ],
    )


def test_the_walk_covers_every_write_url_of_the_swot_back_office():
    """Read from the URL configuration, so that a new write view cannot slip past this file."""
    walked = {
        "wagtailsnippets_swot_swotitem:add",
        "wagtailsnippets_swot_swotitem:edit",
        "wagtailsnippets_swot_swotitem:delete",
        "wagtailsnippetchoosers_swot_swotitem:create",
        "kek_swot_refresh",
        "kek_swot_accept",
        "kek_swot_reject",
    }
    found = write_url_names("_swot_") - {"kek_swot_suggestions"}  # the list only reads
    assert found == walked


@walk()
def test_each_role_may_write_only_what_it_is_allowed_to(client, world, request, endpoint, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    before = snapshot()
    url = endpoint.url(world)
    response = client.post(url, endpoint.data(world))
    if role == "planner":
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert urlparse(response["Location"]).path != ADMIN_LOGIN
        assert endpoint.happened(world), "the permitted change did not happen"
        assert snapshot() != before
        return
    assert response.status_code == 302
    location = urlparse(response["Location"])
    assert location.path == ADMIN_LOGIN
    assert parse_qs(location.query)["next"] == [url]
    assert not endpoint.happened(world)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["participant"])
def test_the_command_refuses_a_user_without_the_permission(kek, nordsachsen, request, role):
    user = request.getfixturevalue(role)
    before = snapshot()
    with pytest.raises(CommandError, match="keine Berechtigung"):
        kek("swot-suggest", "--district", "14730", "--user", user.username)
    assert snapshot() == before


def test_the_command_runs_for_the_planner(kek, world, planner, capsys):
    kek("swot-suggest", "--district", "14730", "--user", planner.username)
    assert SwotSuggestion.objects.filter(indicator__code="SWOTQ", status="open").exists()
    assert "Nordsachsen: 1 neue Vorschläge" in capsys.readouterr().out
