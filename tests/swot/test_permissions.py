"""Every write of the SWOT analysis, tried as anonymous, participant and planner (F11, F30).

Writes are the back office's snippet views of SWOT items and the decisions on suggestions
(recalculate, accept, reject). Wagtail sends whoever may not use the back office to its login
before a view runs; a refused request changes nothing, a permitted one what it should. The
`kek swot-suggest` command checks the `--user` it acts for in the same way. The walk is
tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kek.goals.versions import new_version
from kek.statistics.models import Indicator
from kek.swot.models import (
    DocumentEvidence,
    ExpertTalk,
    IndicatorEvidence,
    SwotItem,
    SwotSuggestion,
)

from .. import permission_walk as pw
from ..http import formset
from ..permission_walk import ADMIN_LOGIN, ALLOWED, EDITED_TITLE, NEW_TITLE, Entry
from .world import AHEAD, import_table

ROLES = ["anonymous", "participant", "planner"]
# Wagtail sends whoever may not use the back office to its login; planners may write.
OUTCOMES = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED}
SWOT_MODELS = (SwotItem, IndicatorEvidence, DocumentEvidence, ExpertTalk, SwotSuggestion)


@dataclass
class World:
    concept: object
    item: SwotItem
    suggestion: SwotSuggestion
    fresh: SwotSuggestion  # of an indicator no item rests on yet


@pytest.fixture
def world(concept) -> World:
    import_table(AHEAD)  # data for a new suggestion, not yet computed
    draft = new_version(concept)  # only a draft's SWOT changes (issue 11)
    item = SwotItem.objects.filter(concept=draft).first()
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
    fresh = SwotSuggestion.objects.create(
        region=concept.region,
        indicator=Indicator.objects.get(code="ISV006"),
        kind="weakness",
        rule="weakness-behind-land",
        numbers={"period": "2024", "home_value": 80.0, "land_value": 60.0},
        explanation="Schwäche (Vorschlag): von Hand angelegt.",
        fingerprint="rechtepruefung-2",
    )
    return World(draft, item, suggestion, fresh)


def snapshot(ignore=frozenset()) -> dict:
    """Every row of the SWOT tables (items, evidence, history, links, suggestions)."""
    return pw.snapshot([*SWOT_MODELS, SwotItem.history.model, SwotItem.goals.through], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


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


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_swot_swotitem:{action}", args=args)


def decided(w: World, status: str) -> bool:
    return SwotSuggestion.objects.get(pk=w.suggestion.pk).status == status


ENTRIES = [
    Entry(
        id="swotitem-add",
        covers="url:wagtailsnippets_swot_swotitem:add",
        url=lambda w: snippet("add"),
        data=item_form,
        happened=lambda w: SwotItem.objects.filter(title=NEW_TITLE).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="swotitem-chooser-create",
        covers="url:wagtailsnippetchoosers_swot_swotitem:create",
        url=lambda w: reverse("wagtailsnippetchoosers_swot_swotitem:create"),
        data=item_form,
        happened=lambda w: SwotItem.objects.filter(title=NEW_TITLE).exists(),
        outcomes=OUTCOMES,
        writable=False,
    ),
    Entry(
        id="swotitem-edit",
        covers="url:wagtailsnippets_swot_swotitem:edit",
        url=lambda w: snippet("edit", w.item.pk),
        data=lambda w: item_form(w, w.item, EDITED_TITLE),
        happened=lambda w: SwotItem.objects.get(pk=w.item.pk).title == EDITED_TITLE,
        outcomes=OUTCOMES,
    ),
    Entry(
        id="swotitem-delete",
        covers="url:wagtailsnippets_swot_swotitem:delete",
        url=lambda w: snippet("delete", w.item.pk),
        happened=lambda w: not SwotItem.objects.filter(pk=w.item.pk).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="suggestions-refresh",
        covers="url:kek_swot_refresh",
        url=lambda w: reverse("kek_swot_refresh"),
        data=lambda w: {"gebiet": w.concept.region.ags},
        happened=lambda w: SwotSuggestion.objects.filter(indicator__code="SWOTQ").exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="suggestion-accept",
        covers="url:kek_swot_accept",
        url=lambda w: reverse("kek_swot_accept", args=[w.suggestion.pk]),
        data=lambda w: {"confirm": "1"},  # the draft has items on its indicator already
        happened=lambda w: decided(w, "accepted"),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="suggestions-bulk-accept",
        covers="url:kek_swot_bulk",
        url=lambda w: reverse("kek_swot_bulk"),
        data=lambda w: {"aktion": "accept", "gebiet": "14730", "vorschlag": [w.fresh.pk]},
        happened=lambda w: SwotSuggestion.objects.get(pk=w.fresh.pk).status == "accepted",
        outcomes=OUTCOMES,
    ),
    Entry(
        id="suggestions-bulk-reject",
        covers="url:kek_swot_bulk",
        url=lambda w: reverse("kek_swot_bulk"),
        data=lambda w: {
            "aktion": "reject",
            "gebiet": "14730",
            "reason": "Rechteprüfung",
            "vorschlag": [w.suggestion.pk, w.fresh.pk],
        },  # fmt: skip
        happened=lambda w: decided(w, "rejected"),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="suggestion-reject",
        covers="url:kek_swot_reject",
        url=lambda w: reverse("kek_swot_reject", args=[w.suggestion.pk]),
        data=lambda w: {"reason": "Für die Rechteprüfung abgelehnt"},
        happened=lambda w: decided(w, "rejected"),
        outcomes=OUTCOMES,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


COMMANDS = [pw.Command("swot-suggest", allowed=("planner",), refused=("participant",))]


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, world, user_for, command, role, outcome
):
    def done() -> bool:
        return SwotSuggestion.objects.filter(indicator__code="SWOTQ").exists()

    username = pw.UNKNOWN_USER if role == pw.UNKNOWN_USER else user_for(role).username
    pw.check_command(kek, command, ["--district", "14730"], done, username, outcome, snapshot)


def test_the_command_runs_for_the_planner(kek, world, planner, capsys):
    kek("swot-suggest", "--district", "14730", "--user", planner.username)
    assert SwotSuggestion.objects.filter(indicator__code="SWOTQ", status="open").exists()
    assert "Nordsachsen: 1 neue Vorschläge" in capsys.readouterr().out
