"""Every write of the follows, tried as anonymous, participant, moderator (of this and of
another district), planner and admin (F25, F30): following, unfollowing and the notification
settings need an account (anonymous visitors are sent to the public sign-in), and each
account changes only its own rows; the one-click unsubscribe link needs none (its signed
token names the account). The walk is tests/permission_walk.py."""

from dataclasses import dataclass

import pytest

from kek.follows import subjects, tokens
from kek.follows.models import Follow, Frequency, Notification, NotificationSetting
from kek.projects.models import Project

from .. import permission_walk as pw
from ..permission_walk import ALLOWED, PUBLIC_LOGIN, Entry

pytestmark = pytest.mark.django_db

SIGNED_IN = {"anonymous": PUBLIC_LOGIN, "participant": ALLOWED, "moderator": ALLOWED,
             "other_moderator": ALLOWED, "planner": ALLOWED, "admin_user": ALLOWED}  # fmt: skip
PUBLIC = {role: ALLOWED for role in SIGNED_IN}


@dataclass
class World:
    project: Project
    owner: object  # the account whose unsubscribe link is walked
    actor: object = None  # the signed-in role's account


@pytest.fixture
def world(nordsachsen, person) -> World:
    project = Project.objects.filter(region=nordsachsen).order_by("number").first()
    owner = person("abonnentin")
    NotificationSetting.objects.create(user=owner, frequency=Frequency.IMMEDIATE)
    return World(project, owner)


@pytest.fixture
def user_for(request, world):
    """The role's account; it follows the project already (for the unfollow walk)."""

    def make(role):
        user = request.getfixturevalue(role)
        subjects.follow(user, world.project)
        world.actor = user
        return user

    return make


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot([Follow, NotificationSetting, Notification], ignore)


def unfollowed(w: World) -> bool:
    return w.actor is not None and not subjects.is_following(w.actor, w.project)


ENTRIES = [
    Entry(
        id="follow",
        covers="route:follow",
        url=lambda w: f"/beteiligung/folgen/goals.fieldofaction/{field_of(w).pk}/",
        happened=lambda w: subjects.is_following(w.actor, field_of(w)),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="unfollow",
        covers="route:unfollow",
        url=lambda w: f"/beteiligung/nicht-mehr-folgen/projects.project/{w.project.pk}/",
        happened=unfollowed,
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="notification-settings",
        covers="route:notification_settings",
        url=lambda w: "/beteiligung/benachrichtigungen/",
        data=lambda w: {"frequency": "täglich"},
        happened=lambda w: NotificationSetting.objects.filter(frequency="täglich").exists(),
        outcomes=SIGNED_IN,
    ),
    Entry(
        id="unsubscribe",
        covers="route:unsubscribe",
        url=lambda w: f"/beteiligung/benachrichtigungen/abbestellen/{tokens.make(w.owner.pk)}/",
        happened=lambda w: NotificationSetting.objects.get(user=w.owner).frequency == "aus",
        outcomes=PUBLIC,
    ),
]


def field_of(w: World):
    from kek.goals.models import FieldOfAction

    fields = FieldOfAction.objects.filter(
        concept__region_id=w.project.region_id, concept__is_current=True
    )
    return fields.order_by("position").first()


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


def test_an_account_unfollows_only_its_own_follow(client, world, participant, planner):
    subjects.follow(participant, world.project)
    subjects.follow(planner, world.project)
    client.force_login(participant)
    client.post(f"/beteiligung/nicht-mehr-folgen/projects.project/{world.project.pk}/")
    assert not subjects.is_following(participant, world.project)
    assert subjects.is_following(planner, world.project)
