"""Every write of accounts and roles, tried as anonymous, participant, planner and admin (F30).

The back office's user and group views (kek/accounts/admin_users.py): the IT admin group
manages accounts and roles below its own rights (tests/accounts/test_admin_users.py has the
escalation cases); planners are sent back to the dashboard, everyone else to the login. The
walk is tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from kek.accounts.roles import PLANNER, group_name

from .. import permission_walk as pw
from ..http import formset
from ..permission_walk import ADMIN_LOGIN, ALLOWED, DASHBOARD, EDITED_TITLE, NEW_TITLE, Entry
from .factories import UserFactory

User = get_user_model()
PASSWORD = "Kreisentwicklung-2026!"
NEW_USERNAME = "rechte-neu"
ROLE_FIXTURES = {"participant": "participant", "planner": "planner", "admin": "admin_user"}
OUTCOMES = {
    "anonymous": ADMIN_LOGIN,
    "participant": ADMIN_LOGIN,
    "planner": DASHBOARD,
    "admin": ALLOWED,
}
PERMISSION_FORMSETS = ("page_permissions", "collection_permissions", "document_permissions",
                       "image_permissions")  # fmt: skip


@dataclass
class World:
    colleague: object  # a planner whose account is edited
    group: Group  # a group without rights, edited and deleted


@pytest.fixture
def world(db) -> World:
    colleague = UserFactory(username="kollegin", groups=[PLANNER], first_name="Alt")
    return World(colleague, Group.objects.create(name="Prüfgruppe"))


@pytest.fixture
def user_for(request):
    return lambda role: request.getfixturevalue(ROLE_FIXTURES[role])


def snapshot(ignore=frozenset()) -> dict:
    """Groups, memberships and rights row by row; accounts without their sign-in time (which
    signing in changes)."""
    rows = pw.snapshot([Group, User.groups.through, Group.permissions.through], ignore)
    accounts = User.objects.order_by("pk").values(
        "username", "first_name", "last_name", "email", "is_superuser", "is_active", "password"
    )
    return rows | {"accounts": list(accounts)}


def planner_group() -> str:
    return str(Group.objects.get(name=group_name(PLANNER)).pk)


def new_user(w: World) -> dict:
    return {
        "username": NEW_USERNAME,
        "email": "neu@example.org",
        "first_name": "Neue",
        "last_name": "Person",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "groups": [planner_group()],
    }


def edited_user(w: World) -> dict:
    user = w.colleague
    return {
        "username": user.username,
        "email": "kollegin@example.org",
        "first_name": EDITED_TITLE,
        "last_name": "Nach",
        "is_active": "on",
        "groups": [planner_group()],
    }


def group_form(name: str) -> dict:
    data = {"name": name}
    for prefix in PERMISSION_FORMSETS:
        data |= formset(prefix, [])
    return data


ENTRIES = [
    Entry(
        id="user-add",
        covers="url:wagtailusers_users:add",
        url=lambda w: reverse("wagtailusers_users:add"),
        data=new_user,
        happened=lambda w: User.objects.filter(username=NEW_USERNAME).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="user-edit",
        covers="url:wagtailusers_users:edit",
        url=lambda w: reverse("wagtailusers_users:edit", args=[w.colleague.pk]),
        data=edited_user,
        happened=lambda w: User.objects.get(pk=w.colleague.pk).first_name == EDITED_TITLE,
        outcomes=OUTCOMES,
    ),
    Entry(
        id="group-add",
        covers="url:wagtailusers_groups:add",
        url=lambda w: reverse("wagtailusers_groups:add"),
        data=lambda w: group_form(NEW_TITLE),
        happened=lambda w: Group.objects.filter(name=NEW_TITLE).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="group-edit",
        covers="url:wagtailusers_groups:edit",
        url=lambda w: reverse("wagtailusers_groups:edit", args=[w.group.pk]),
        data=lambda w: group_form(EDITED_TITLE),
        happened=lambda w: Group.objects.filter(pk=w.group.pk, name=EDITED_TITLE).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="group-delete",
        covers="url:wagtailusers_groups:delete",
        url=lambda w: reverse("wagtailusers_groups:delete", args=[w.group.pk]),
        happened=lambda w: not Group.objects.filter(pk=w.group.pk).exists(),
        outcomes=OUTCOMES,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)
