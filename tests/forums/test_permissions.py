"""Every write of the forums, tried as anonymous, participant, the district's moderator, a
moderator of another district, planner and admin (F21, F30).

The topics are kept in the back office's snippets by planners and the moderators of the
topic's district. Visitors without back-office access are sent to the admin's sign-in; a
moderator of another district is refused (Wagtail sends a refused request to the dashboard)
on the district's topics and on a new topic for that district; the IT admin has no part in
the forums. Writing comments on a topic is the participation base's walk
(tests/participation/test_permissions.py). The walk is tests/permission_walk.py."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from kek.forums.models import Topic

from .. import permission_walk as pw
from ..permission_walk import ADMIN_LOGIN, ALLOWED, DASHBOARD, EDITED_TITLE, NEW_TITLE, Entry
from .world import topic

pytestmark = pytest.mark.django_db

MAINTAINERS = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "moderator": ALLOWED,
               "other_moderator": DASHBOARD, "planner": ALLOWED,
               "admin_user": DASHBOARD}  # fmt: skip
# Wagtail gives snippet choosers no creation form: walked for the refused roles only.
CHOOSER = {**MAINTAINERS, "other_moderator": ALLOWED}


@dataclass
class World:
    region: object
    topic: Topic


@pytest.fixture
def world(nordsachsen) -> World:
    return World(nordsachsen, topic(nordsachsen, "Ein Thema zum Ändern"))


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot([Topic, Topic.history.model], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def topic_form(w: World, title: str = NEW_TITLE) -> dict:
    return {"district": w.region.pk, "title": title, "description": "Worum es geht.",
            "subject": "", "opens_at": "", "closes_at": "", "position": 0}  # fmt: skip


def snippet(action: str, *args) -> str:
    return reverse(f"wagtailsnippets_forums_topic:{action}", args=args)


ENTRIES = [
    Entry(
        id="topic-add",
        covers="url:wagtailsnippets_forums_topic:add",
        url=lambda w: snippet("add"),
        data=topic_form,
        happened=lambda w: Topic.objects.filter(title=NEW_TITLE).exists(),
        outcomes=MAINTAINERS,
    ),
    Entry(
        id="topic-chooser-create",
        covers="url:wagtailsnippetchoosers_forums_topic:create",
        url=lambda w: reverse("wagtailsnippetchoosers_forums_topic:create"),
        data=topic_form,
        happened=lambda w: Topic.objects.filter(title=NEW_TITLE).exists(),
        outcomes=CHOOSER,
        writable=False,
    ),
    Entry(
        id="topic-edit",
        covers="url:wagtailsnippets_forums_topic:edit",
        url=lambda w: snippet("edit", w.topic.pk),
        data=lambda w: topic_form(w, EDITED_TITLE),
        happened=lambda w: Topic.objects.get(pk=w.topic.pk).title == EDITED_TITLE,
        outcomes=MAINTAINERS,
    ),
    Entry(
        id="topic-delete",
        covers="url:wagtailsnippets_forums_topic:delete",
        url=lambda w: snippet("delete", w.topic.pk),
        happened=lambda w: not Topic.objects.filter(pk=w.topic.pk).exists(),
        outcomes=MAINTAINERS,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)
