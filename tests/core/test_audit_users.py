"""Users and roles on record (issue 16): who gave whom which rights, old → new; passwords
never, signing in never (kek.core.models)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from kek.accounts.roles import ADMIN, PLANNER, group_name
from kek.core.auditlog import Filters, LogPage, all_sources
from kek.core.changes import entries

from ..accounts.factories import UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = UserFactory(username="root", is_superuser=True)
    client.force_login(user)
    return user


def edit_data(user, **fields) -> dict:
    data = {
        "username": user.username,
        "email": "kollege@example.org",
        "first_name": "Karl",
        "last_name": "Kollege",
        "is_active": "on",
        "groups": [str(g.pk) for g in user.groups.all()],
    }
    return data | fields


def test_granting_a_role_in_the_back_office_is_recorded_with_old_and_new_groups(client, superuser):
    colleague = UserFactory(username="kollege", groups=[PLANNER])
    groups = [str(Group.objects.get(name=group_name(role)).pk) for role in (PLANNER, ADMIN)]
    url = reverse("wagtailusers_users:edit", args=[colleague.pk])
    assert client.post(url, edit_data(colleague, groups=groups)).status_code == 302

    record = colleague.history.first()
    assert (record.history_type, record.history_user, record.history_actor) == (
        "~",
        superuser,
        "root",
    )
    newest = entries(User.objects.get(pk=colleague.pk))[0]
    assert ("Gruppen", "Planung", "Administration, Planung") in newest.changes


def test_the_protokoll_lists_user_changes_under_their_own_kind(superuser):
    colleague = UserFactory(username="kollege")
    colleague.is_superuser = True
    colleague.save()
    listed = LogPage(all_sources(), Filters(kinds=("auth.user",)))[0:10]
    assert listed[0].kind == "Benutzer" and listed[0].label == "kollege"
    assert ("Administrator-Status", "nein", "ja") in listed[0].changes


def test_passwords_are_never_recorded_but_a_change_is_noted():
    assert "password" not in {f.name for f in User.history.model._meta.fields}
    user = UserFactory(username="kollege")
    user.set_password("ein-neues-Passwort-2026")
    user.save()
    assert user.history.first().history_change_reason == "Passwort geändert"
    assert not hasattr(user, "_change_reason")


def test_signing_in_writes_no_user_record(client):
    user = UserFactory(username="kollege", groups=[PLANNER])
    before = user.history.count()
    assert client.login(username="kollege", password="geheim-123")
    assert user.history.count() == before


def test_group_rights_are_recorded():
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Prüfgruppe")
    group.permissions.add(Permission.objects.get(codename="view_region"))
    group = Group.objects.get(pk=group.pk)
    group.permissions.clear()
    first, second = list(group.history.order_by("history_id"))
    assert {p.permission_id for p in first.permissions.all()} == {
        Permission.objects.get(codename="view_region").pk
    }
    assert second.history_type == "~" and not second.permissions.exists()
