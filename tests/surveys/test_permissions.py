"""Every write of the surveys, tried as anonymous, participant, moderator, moderator of another
district, planner and admin (F23, F30), on the shared walk of tests/permission_walk.py.

Answering (the survey's own address) needs an account unless the survey allows anonymous
answers; every signed-in role may answer. The back office's survey snippets and "Ergebnisse
veröffentlichen" are for planners: Wagtail sends those without back-office access to its
login and those with it but without the permission (admins, moderators where they may enter
the back office) to the dashboard; a refused request changes nothing. The exports are GET only
(test_export.py)."""

from dataclasses import dataclass

import pytest
import rules
from django.urls import reverse

from kek.accounts.roles import MODERATOR, group_name
from kek.surveys.models import Answer, Choice, Question, Response, Survey

from .. import permission_walk as pw
from ..permission_walk import (
    ADMIN_LOGIN,
    ALLOWED,
    DASHBOARD,
    EDITED_TITLE,
    NEW_TITLE,
    PUBLIC_LOGIN,
    Entry,
)
from .world import admin_form, answers, survey

pytestmark = pytest.mark.django_db


class _Moderator:
    """Enough of a moderator's account for the role predicates (no database needed)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_anonymous = False
    groups = None  # not read: the cache below answers
    _group_names_cache = frozenset({group_name(MODERATOR)})


# Moderators enter the back office (the moderation queue) where kek.accounts lets them.
MODERATOR_MEETS = (
    DASHBOARD if rules.has_perm("wagtailadmin.access_admin", _Moderator()) else ADMIN_LOGIN
)
STAFF = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "moderator": MODERATOR_MEETS,
         "other_moderator": MODERATOR_MEETS, "planner": ALLOWED,
         "admin_user": DASHBOARD}  # fmt: skip
SIGNED_IN = {"anonymous": PUBLIC_LOGIN, "participant": ALLOWED, "moderator": ALLOWED,
             "other_moderator": ALLOWED, "planner": ALLOWED, "admin_user": ALLOWED}  # fmt: skip
EVERYONE = {**SIGNED_IN, "anonymous": ALLOWED}


@dataclass
class World:
    region: object
    survey: Survey
    anonymous: Survey


@pytest.fixture
def world(nordsachsen) -> World:
    return World(
        nordsachsen,
        survey(nordsachsen, phase="open"),
        survey(nordsachsen, title="Offen für alle", anonymous_allowed=True),
    )


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot([Survey, Question, Choice, Response, Answer, Answer.choices.through], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_surveys_survey:{action}", args=args)


def answered(found: Survey) -> bool:
    return Response.objects.filter(survey=found).exists()


ENTRIES = [
    Entry(
        id="survey-add",
        covers="url:wagtailsnippets_surveys_survey:add",
        url=lambda w: snippet("add"),
        data=lambda w: admin_form(w.region, NEW_TITLE),
        happened=lambda w: Survey.objects.filter(title=NEW_TITLE).exists(),
        outcomes=STAFF,
    ),
    Entry(
        id="survey-chooser-create",
        covers="url:wagtailsnippetchoosers_surveys_survey:create",
        url=lambda w: reverse("wagtailsnippetchoosers_surveys_survey:create"),
        data=lambda w: admin_form(w.region, NEW_TITLE),
        happened=lambda w: Survey.objects.filter(title=NEW_TITLE).exists(),
        outcomes=STAFF,
        writable=False,
    ),
    Entry(
        id="survey-edit",
        covers="url:wagtailsnippets_surveys_survey:edit",
        url=lambda w: snippet("edit", w.survey.pk),
        data=lambda w: admin_form(w.region, EDITED_TITLE),
        happened=lambda w: Survey.objects.get(pk=w.survey.pk).title == EDITED_TITLE,
        outcomes=STAFF,
    ),
    Entry(
        id="survey-delete",
        covers="url:wagtailsnippets_surveys_survey:delete",
        url=lambda w: snippet("delete", w.survey.pk),
        happened=lambda w: not Survey.objects.filter(pk=w.survey.pk).exists(),
        outcomes=STAFF,
    ),
    Entry(
        id="survey-publish-results",
        covers="url:kek_survey_publish_results",
        url=lambda w: reverse("kek_survey_publish_results", args=[w.survey.pk]),
        data=lambda w: {"aktion": "veroeffentlichen"},
        happened=lambda w: Survey.objects.get(pk=w.survey.pk).results_published_at is not None,
        outcomes=STAFF,
        methods=("get", "post"),
    ),
    Entry(
        id="survey-answer",
        covers="route:survey",
        url=lambda w: f"/beteiligung/umfragen/{w.survey.pk}/",
        data=lambda w: answers(w.survey),
        happened=lambda w: answered(w.survey),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="survey-answer-anonymous-allowed",
        covers="route:survey",
        url=lambda w: f"/beteiligung/umfragen/{w.anonymous.pk}/",
        data=lambda w: answers(w.anonymous),
        happened=lambda w: answered(w.anonymous),
        outcomes=EVERYONE,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)
