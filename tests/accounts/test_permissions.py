"""Every write of accounts and roles, tried as anonymous, participant, planner and admin (F30).

The back office's user and group views (kek/accounts/admin_users.py): the IT admin group
manages accounts and roles below its own rights (tests/accounts/test_admin_users.py has the
escalation cases); planners are sent back to the dashboard, everyone else to the login.

The public account pages (F25, allauth and kek/accounts/views.py): anyone signs up, confirms
an address or resets a password with the mailed key; signed-in users change their own profile,
e-mail and password and download their data; participants delete their own account, staff
cannot (the administration does). The walk is tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from kek.accounts.roles import PLANNER, group_name

from .. import permission_walk as pw
from ..http import formset
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
from .conftest import signup_data
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


ADMIN_ENTRIES = [
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


@pw.walk(ADMIN_ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


# ----------------------------------------------------------------------------- own account

ROLE_PASSWORD = "geheim-123"  # tests/accounts/factories.py
NEW_PASSWORD = "Von-der-Rechtepruefung-1"
NEW_EMAIL = "rechte-neu@example.org"
SIGNED_IN = {"participant": ALLOWED, "planner": ALLOWED, "admin": ALLOWED}
ANYONE = {"anonymous": ALLOWED, **SIGNED_IN}


@dataclass
class AccountWorld:
    waiting: object  # signed up, address not yet confirmed
    confirm_url: str
    forgetful: object  # asked for a password reset
    reset_url: str


@pytest.fixture
def account_world(db, client) -> AccountWorld:
    from allauth.account.forms import default_token_generator
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC
    from allauth.account.utils import user_pk_to_url_str

    waiting = UserFactory(username="wartend", email="wartend@example.org")
    address = EmailAddress.objects.create(user=waiting, email=waiting.email, primary=True)
    confirm_url = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
    forgetful = UserFactory(username="vergesslich", email="vergesslich@example.org")
    uid, key = user_pk_to_url_str(forgetful), default_token_generator.make_token(forgetful)
    # Opening the mailed link keeps the key in the session and sends on to the form's address.
    opened = client.get(reverse("account_reset_password_from_key", args=[uid, key]))
    assert opened.status_code == 302
    return AccountWorld(waiting, confirm_url, forgetful, opened["Location"])


def account_snapshot(ignore=frozenset()) -> dict:
    """Every table, and the accounts with their passwords (signing in changes only last_login)."""
    accounts = User.objects.order_by("pk").values(
        "username", "first_name", "last_name", "email", "is_superuser", "is_active", "password"
    )
    return pw.snapshot(None, ignore) | {"accounts": list(accounts)}


def has_new_password() -> bool:
    return any(user.check_password(NEW_PASSWORD) for user in User.objects.all())


def _event(kind: str) -> bool:
    from kek.accounts.models import AccountEvent

    return AccountEvent.objects.filter(kind=kind).exists()


def _email_added() -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(email=NEW_EMAIL).exists()


def _confirmed(w: AccountWorld) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=w.waiting, verified=True).exists()


def _profile_changed() -> bool:
    from kek.accounts.models import Profile

    return Profile.objects.filter(display_name=EDITED_TITLE).exists()


NEW_PASSWORDS = {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
ACCOUNT_ENTRIES = [
    Entry(
        id="account-signup",
        covers="url:account_signup",
        url=lambda w: reverse("account_signup"),
        data=lambda w: signup_data(email=NEW_EMAIL, display_name=NEW_TITLE),
        happened=lambda w: User.objects.filter(email=NEW_EMAIL).exists(),
        # Signed in already: sent on to the account page.
        outcomes={
            "anonymous": ALLOWED,
            "participant": "/konto/",
            "planner": "/konto/",
            "admin": "/konto/",
        },  # fmt: skip
    ),
    Entry(
        id="account-confirm-email",
        covers="url:account_confirm_email",
        url=lambda w: w.confirm_url,
        happened=_confirmed,
        outcomes=ANYONE,  # whoever holds the mailed key (another signed-in user is signed out)
    ),
    Entry(
        id="account-reset-password-from-key",
        covers="url:account_reset_password_from_key",
        url=lambda w: w.reset_url,
        data=lambda w: NEW_PASSWORDS,
        happened=lambda w: User.objects.get(pk=w.forgetful.pk).check_password(NEW_PASSWORD),
        outcomes=ANYONE,  # whoever holds the mailed key
    ),
    Entry(
        id="account-profile",
        covers="url:account",
        url=lambda w: reverse("account"),
        data=lambda w: {"display_name": EDITED_TITLE, "organisation": ""},
        happened=lambda w: _profile_changed(),
        outcomes={"anonymous": PUBLIC_LOGIN, **SIGNED_IN},
    ),
    Entry(
        id="account-email",
        covers="url:account_email",
        url=lambda w: reverse("account_email"),
        data=lambda w: {"email": NEW_EMAIL, "action_add": ""},
        happened=lambda w: _email_added(),
        outcomes={"anonymous": PUBLIC_LOGIN, **SIGNED_IN},
    ),
    Entry(
        id="account-change-password",
        covers="url:account_change_password",
        url=lambda w: reverse("account_change_password"),
        data=lambda w: {"oldpassword": ROLE_PASSWORD, **NEW_PASSWORDS},
        happened=lambda w: has_new_password(),
        outcomes={"anonymous": PUBLIC_LOGIN, **SIGNED_IN},
    ),
    Entry(
        id="account-set-password",
        covers="url:account_set_password",
        url=lambda w: reverse("account_set_password"),
        data=lambda w: NEW_PASSWORDS,
        happened=lambda w: has_new_password(),
        # Only for accounts without a password (tests/accounts/test_it_edits_the_profile.py);
        # the roles have one and are sent to the change form.
        outcomes={
            "anonymous": PUBLIC_LOGIN,
            "participant": "/konto/passwort/",
            "planner": "/konto/passwort/",
            "admin": "/konto/passwort/",
        },  # fmt: skip
    ),
    Entry(
        id="account-my-data",
        covers="url:my_data",
        url=lambda w: reverse("my_data"),
        happened=lambda w: _event("export"),
        outcomes={"anonymous": PUBLIC_LOGIN, **SIGNED_IN},
    ),
    Entry(
        id="account-delete",
        covers="url:delete_account",
        url=lambda w: reverse("delete_account"),
        data=lambda w: {"password": ROLE_PASSWORD},
        happened=lambda w: _event("delete"),
        outcomes={
            "anonymous": PUBLIC_LOGIN,
            "participant": ALLOWED,
            "planner": FORBIDDEN,
            "admin": FORBIDDEN,
        },  # fmt: skip
    ),
]
ENTRIES = [*ADMIN_ENTRIES, *ACCOUNT_ENTRIES]


@pw.walk(ACCOUNT_ENTRIES)
def test_each_role_may_change_only_its_own_account(
    client, account_world, user_for, entry, method, role
):
    pw.check_request(client, account_world, entry, method, role, user_for, account_snapshot)
