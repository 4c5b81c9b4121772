"""Every write of the proposals, tried as anonymous, participant, the author, a moderator of
the district, a moderator of another district and a planner (F22, F30), on the shared walk of
tests/permission_walk.py.

Public writes need an account (anonymous visitors are sent to sign in): any signed-in account
submits and supports, but not its own proposal; only the author edits. The back office's state
and answer and "Antwort veröffentlichen" are for the district's moderators and planners:
Wagtail sends visitors without back-office access to its login and answers a refused
moderator of another district with the dashboard. Proposal boxes are the planners' snippets.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone

from kek.proposals.models import Proposal, ProposalBox, State, Support

from .. import permission_walk as pw
from ..permission_walk import (
    ADMIN_LOGIN,
    ALLOWED,
    DASHBOARD,
    EDITED_TITLE,
    FORBIDDEN,
    NEW_TITLE,
    PUBLIC_LOGIN,
    Entry,
)
from .world import BASE, first_goal, proposal

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant", "author", "moderator", "other_moderator", "planner")
SIGNED_IN = {role: ALLOWED for role in ROLES} | {"anonymous": PUBLIC_LOGIN}
AUTHOR_ONLY = {role: FORBIDDEN for role in ROLES} | {
    "anonymous": PUBLIC_LOGIN, "author": ALLOWED,
}  # fmt: skip
OTHERS = SIGNED_IN | {"author": FORBIDDEN}
BACK_OFFICE = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "author": ADMIN_LOGIN,
               "moderator": ALLOWED, "other_moderator": DASHBOARD, "planner": ALLOWED}  # fmt: skip
PLANNERS = BACK_OFFICE | {"moderator": DASHBOARD}


@dataclass
class World:
    region: object
    box: ProposalBox
    fresh: Proposal  # not answered: the author may edit
    answered: Proposal  # an answer written, not yet published
    spare: ProposalBox  # without proposals (a box with proposals is protected from deletion)


@pytest.fixture
def world(box, author) -> World:
    fresh = proposal(box, author)
    answered = proposal(
        box, author, title="Beantwortet", answer="Wir prüfen das.", answered_at=timezone.now()
    )
    spare = ProposalBox.objects.create(district=box.district, title="Leere Box")
    return World(box.district, box, fresh, answered, spare)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot([ProposalBox, Proposal, Support, Proposal.projects.through], ignore)


def proposal_form(w: World, title: str = NEW_TITLE) -> dict:
    return {"title": title, "text": "Ein Text.", "topic": f"g:{first_goal(w.region).key}",
            "municipality": ""}  # fmt: skip


def box_form(w: World, title: str = NEW_TITLE) -> dict:
    return {"district": w.region.pk, "title": title, "intro": "", "opens_at": "",
            "closes_at": ""}  # fmt: skip


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_proposals_proposalbox:{action}", args=args)


def get(found: Proposal) -> Proposal:
    return Proposal.objects.get(pk=found.pk)


ENTRIES = [
    Entry(
        id="proposal-new",
        covers="route:proposal_new",
        url=lambda w: f"{BASE}neu/",
        data=proposal_form,
        happened=lambda w: Proposal.objects.filter(title=NEW_TITLE).exists(),
        outcomes=SIGNED_IN,
        methods=("get", "post"),
    ),
    Entry(
        id="proposal-edit",
        covers="route:proposal_edit",
        url=lambda w: f"{BASE}{w.fresh.pk}/bearbeiten/",
        data=lambda w: proposal_form(w, EDITED_TITLE),
        happened=lambda w: get(w.fresh).title == EDITED_TITLE,
        outcomes=AUTHOR_ONLY,
        methods=("get", "post"),
    ),
    Entry(
        id="proposal-support",
        covers="route:proposal_support",
        url=lambda w: f"{BASE}{w.fresh.pk}/unterstuetzen/",
        happened=lambda w: get(w.fresh).supports_count == 1,
        outcomes=OTHERS,
    ),
    Entry(
        id="proposal-answer",
        covers="url:kek_proposal_answer",
        url=lambda w: reverse("kek_proposal_answer", args=[w.fresh.pk]),
        data=lambda w: {
            "released": "on",
            "state": State.REVIEW,
            "answer": "Geprüft.",
            "reason": "",
        },  # fmt: skip
        happened=lambda w: get(w.fresh).state == State.REVIEW,
        outcomes=BACK_OFFICE,
        methods=("get", "post"),
    ),
    Entry(
        id="proposal-publish",
        covers="url:kek_proposal_publish",
        url=lambda w: reverse("kek_proposal_publish", args=[w.answered.pk]),
        happened=lambda w: get(w.answered).answer_published_at is not None,
        outcomes=BACK_OFFICE,
        methods=("get", "post"),
    ),
    Entry(
        id="proposalbox-add",
        covers="url:wagtailsnippets_proposals_proposalbox:add",
        url=lambda w: snippet("add"),
        data=box_form,
        happened=lambda w: ProposalBox.objects.filter(title=NEW_TITLE).exists(),
        outcomes=PLANNERS,
    ),
    Entry(
        id="proposalbox-chooser-create",
        covers="url:wagtailsnippetchoosers_proposals_proposalbox:create",
        url=lambda w: reverse("wagtailsnippetchoosers_proposals_proposalbox:create"),
        data=box_form,
        happened=lambda w: ProposalBox.objects.filter(title=NEW_TITLE).exists(),
        outcomes=PLANNERS,
        writable=False,
    ),
    Entry(
        id="proposalbox-edit",
        covers="url:wagtailsnippets_proposals_proposalbox:edit",
        url=lambda w: snippet("edit", w.box.pk),
        data=lambda w: box_form(w, EDITED_TITLE),
        happened=lambda w: ProposalBox.objects.get(pk=w.box.pk).title == EDITED_TITLE,
        outcomes=PLANNERS,
    ),
    Entry(
        id="proposalbox-delete",
        covers="url:wagtailsnippets_proposals_proposalbox:delete",
        url=lambda w: snippet("delete", w.spare.pk),
        happened=lambda w: not ProposalBox.objects.filter(pk=w.spare.pk).exists(),
        outcomes=PLANNERS,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)
