"""Every write of the process timeline, tried as anonymous, participant and planner (F18,
F30): the back office's snippet views of phases (with their milestones inline) and of
milestones (with their links). Wagtail sends whoever may not use the back office to its login
before a view runs; a refused request changes nothing, a permitted one what it should. The
walk is tests/permission_walk.py."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kek.process.models import Phase, TimelineEntry, TimelineLink

from .. import permission_walk as pw
from ..http import formset
from ..permission_walk import ADMIN_LOGIN, ALLOWED, EDITED_TITLE, NEW_TITLE, Entry

OUTCOMES = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED}
MODELS = (Phase, TimelineEntry, TimelineLink)


@dataclass
class World:
    phase: Phase
    entry: TimelineEntry


@pytest.fixture
def world(nordsachsen) -> World:
    phase = Phase.objects.filter(region=nordsachsen).order_by("position").first()
    entry = TimelineEntry.objects.filter(phase=phase).order_by("sort_order").first()
    TimelineLink.objects.create(entry=entry, title="Studie", url="https://example.org/studie")
    return World(phase, entry)


def snapshot(ignore=frozenset()) -> dict:
    history = [model.history.model for model in MODELS]
    return pw.snapshot([*MODELS, *history], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def entry_fields(entry: TimelineEntry | None, title: str) -> dict:
    return {
        "title": title,
        "date_from": entry.date_from.isoformat() if entry and entry.date_from else "2026-05-04",
        "from_precision": entry.from_precision if entry else "day",
        "date_until": "",
        "until_precision": "day",
        "state": entry.state if entry else "planned",
        "reason": "",
        "text": "",
        "concept": "",
    }


def phase_form(w: World, obj: Phase | None = None, title: str = NEW_TITLE) -> dict:
    rows = (
        [{"id": e.pk, **entry_fields(e, e.title), "ORDER": str(n)}
         for n, e in enumerate(obj.entries.all(), 1)]
        if obj
        else [{**entry_fields(None, NEW_TITLE), "ORDER": "1"}]
    )  # fmt: skip
    return {
        "region": w.phase.region_id,
        "title": title,
        "slug": obj.slug if obj else "rechtepruefung",
        "position": obj.position if obj else 20,
        "text": "",
        **formset("entries", rows),
    }


def entry_form(w: World, obj: TimelineEntry | None = None, title: str = NEW_TITLE) -> dict:
    links = (
        [{"id": link.pk, "title": link.title, "url": link.url} for link in obj.links.all()]
        if obj
        else [{"title": "Protokoll", "url": "https://example.org/"}]
    )
    return {"phase": w.phase.pk, **entry_fields(obj, title), **formset("links", links)}


def snippet(model: str, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_process_{model}:{action}", args=args)


def chooser(model: str) -> str:
    return reverse(f"wagtailsnippetchoosers_process_{model}:create")


ENTRIES = [
    Entry(
        id="phase-add",
        covers="url:wagtailsnippets_process_phase:add",
        url=lambda w: snippet("phase", "add"),
        data=phase_form,
        happened=lambda w: (
            Phase.objects.filter(title=NEW_TITLE).exists()
            and TimelineEntry.objects.filter(title=NEW_TITLE, phase__title=NEW_TITLE).exists()
        ),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="phase-chooser-create",
        covers="url:wagtailsnippetchoosers_process_phase:create",
        url=lambda w: chooser("phase"),
        data=phase_form,
        happened=lambda w: Phase.objects.filter(title=NEW_TITLE).exists(),
        outcomes=OUTCOMES,
        writable=False,
    ),
    Entry(
        id="phase-edit",
        covers="url:wagtailsnippets_process_phase:edit",
        url=lambda w: snippet("phase", "edit", w.phase.pk),
        data=lambda w: phase_form(w, w.phase, EDITED_TITLE),
        happened=lambda w: (
            Phase.objects.get(pk=w.phase.pk).title == EDITED_TITLE
            and TimelineLink.objects.filter(entry=w.entry).exists()
        ),  # the inline keeps links
        outcomes=OUTCOMES,
    ),
    Entry(
        id="phase-delete",
        covers="url:wagtailsnippets_process_phase:delete",
        url=lambda w: snippet("phase", "delete", w.phase.pk),
        happened=lambda w: not Phase.objects.filter(pk=w.phase.pk).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="timelineentry-add",
        covers="url:wagtailsnippets_process_timelineentry:add",
        url=lambda w: snippet("timelineentry", "add"),
        data=entry_form,
        happened=lambda w: TimelineLink.objects.filter(
            entry__title=NEW_TITLE, title="Protokoll"
        ).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="timelineentry-chooser-create",
        covers="url:wagtailsnippetchoosers_process_timelineentry:create",
        url=lambda w: chooser("timelineentry"),
        data=entry_form,
        happened=lambda w: TimelineEntry.objects.filter(title=NEW_TITLE).exists(),
        outcomes=OUTCOMES,
        writable=False,
    ),
    Entry(
        id="timelineentry-edit",
        covers="url:wagtailsnippets_process_timelineentry:edit",
        url=lambda w: snippet("timelineentry", "edit", w.entry.pk),
        data=lambda w: entry_form(w, w.entry, EDITED_TITLE),
        happened=lambda w: TimelineEntry.objects.get(pk=w.entry.pk).title == EDITED_TITLE,
        outcomes=OUTCOMES,
    ),
    Entry(
        id="timelineentry-delete",
        covers="url:wagtailsnippets_process_timelineentry:delete",
        url=lambda w: snippet("timelineentry", "delete", w.entry.pk),
        happened=lambda w: not TimelineEntry.objects.filter(pk=w.entry.pk).exists(),
        outcomes=OUTCOMES,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


def test_a_planner_edits_a_phase_and_its_milestones_on_one_form(client, world, planner):
    client.force_login(planner)
    data = phase_form(world, world.phase, EDITED_TITLE)
    data["entries-0-title"] = "Demografiestudie 2017"
    response = client.post(snippet("phase", "edit", world.phase.pk), data)
    assert response.status_code == 302
    world.entry.refresh_from_db()
    assert world.entry.title == "Demografiestudie 2017"
    assert world.entry.history.latest("history_date").history_user == planner


def test_a_cancelled_milestone_without_reason_is_refused_in_the_form(client, world, planner):
    client.force_login(planner)
    data = entry_form(world, world.entry, EDITED_TITLE)
    data["state"] = "cancelled"
    response = client.post(snippet("timelineentry", "edit", world.entry.pk), data)
    assert response.status_code == 200
    assert "warum der Meilenstein abgesagt ist" in response.content.decode()
    assert TimelineEntry.objects.get(pk=world.entry.pk).state == "done"
