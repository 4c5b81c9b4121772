"""The role groups carry German names in the back office (issue 11): Planung,
Administration, Moderation (SPEC §1); the roles' keys in code stay `planner`, `admin`,
`moderator`. The data migration renames existing groups and keeps their members and rights."""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from kek.accounts.roles import ADMIN, GROUP_NAMES, MODERATOR, PLANNER, group
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("kek.accounts.migrations.0003_german_group_names")


def test_it_names_the_role_groups_in_german():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Planung", "Administration", "Moderation"} <= names
    assert not names & {"planner", "admin", "moderator"}
    # Wagtail's own groups from its installation, with their page rights
    assert {"Seitenfreigabe", "Seitenredaktion"} <= names
    assert not names & {"Moderators", "Editors"}
    assert Group.objects.get(name="Seitenfreigabe").page_permissions.exists()
    assert {role: group(role).name for role in (PLANNER, ADMIN, MODERATOR)} == GROUP_NAMES


def test_it_shows_the_german_names_in_the_back_office(client):
    superuser = UserFactory(username="root", is_superuser=True)
    client.force_login(superuser)
    html = client.get(reverse("wagtailusers_groups:index")).content.decode()
    shown = set(re.findall(r'<a href="/admin/groups/edit/\d+/">\s*(.*?)\s*</a>', html))
    assert {"Planung", "Administration", "Moderation"} <= shown
    assert not shown & {"planner", "admin", "moderator"}


def test_it_keeps_the_roles_rights_under_the_german_names(planner, admin_user):
    assert planner.groups.get().name == "Planung"
    assert planner.has_perm("wagtailadmin.access_admin")
    assert admin_user.has_perm("auth.change_user") and not planner.has_perm("auth.change_user")


def test_it_renames_existing_groups_with_their_members_and_rights():
    Group.objects.filter(name__in=GROUP_NAMES.values()).delete()
    old = Group.objects.create(name="planner")
    permission = Permission.objects.get(codename="view_region")
    old.permissions.add(permission)
    member = UserFactory(username="alt")
    member.groups.add(old)
    Group.objects.create(name="admin")
    Group.objects.create(name="Planung")  # somebody's own group under the new name

    migration.create_groups(apps, None)

    renamed = Group.objects.get(pk=old.pk)
    assert renamed.name == "Planung"
    assert list(renamed.user_set.all()) == [member] and list(renamed.permissions.all()) == [
        permission
    ]
    assert Group.objects.filter(name="Planung (vorher)").exists()
    assert Group.objects.filter(name="Administration").exists()
    assert Group.objects.filter(name="Moderation").exists()
    assert not Group.objects.filter(name__in=["planner", "admin"]).exists()

    migration.back(apps, None)
    assert Group.objects.get(pk=old.pk).name == "planner"
    assert not Group.objects.filter(name="Moderation").exists()
