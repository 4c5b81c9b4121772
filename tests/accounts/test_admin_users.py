"""Roles cannot escalate through the Wagtail admin's user and group views; password rules.

Through HTTP (issue 16): an `admin`-group user who is no superuser is refused, with a German
message, when creating a superuser, granting `admin` or rights they lack; nothing changes.
A superuser may do all of it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from kek.accounts.roles import ADMIN, PLANNER, group_name
from tests.accounts.factories import UserFactory

User = get_user_model()
PASSWORD = "Kreisentwicklung-2026!"
pytestmark = pytest.mark.django_db


@pytest.fixture
def it_admin(client):
    user = UserFactory(username="it", groups=[ADMIN])
    client.force_login(user)
    return user


@pytest.fixture
def superuser(client):
    user = UserFactory(username="root", is_superuser=True)
    client.force_login(user)
    return user


def new_user(**fields) -> dict:
    data = {
        "username": "neu",
        "email": "neu@example.org",
        "first_name": "Neue",
        "last_name": "Person",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    return data | fields


def group_ids(*roles: str) -> list[str]:
    return [str(Group.objects.get(name=group_name(role)).pk) for role in roles]


def errors(response) -> str:
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return " ".join(str(e) for field in form.errors.values() for e in field)


def edit_data(user, **fields) -> dict:
    data = {
        "username": user.username,
        "email": user.email or "x@example.org",
        "first_name": user.first_name or "Vor",
        "last_name": user.last_name or "Nach",
        "is_active": "on",
        "groups": [str(g.pk) for g in user.groups.all()],
    }
    return data | fields


def test_admin_cannot_create_a_superuser(client, it_admin) -> None:
    response = client.post(reverse("wagtailusers_users:add"), new_user(is_superuser="on"))
    assert "Nur Superuser können Superuser-Rechte vergeben." in errors(response)
    assert not User.objects.filter(username="neu").exists()


def test_admin_cannot_grant_the_admin_role(client, it_admin) -> None:
    response = client.post(reverse("wagtailusers_users:add"), new_user(groups=group_ids(ADMIN)))
    assert "Die Rolle „Administration“ können nur Superuser vergeben." in errors(response)
    assert not User.objects.filter(username="neu").exists()

    other = UserFactory(username="kollege", groups=[PLANNER])
    url = reverse("wagtailusers_users:edit", args=[other.pk])
    response = client.post(url, edit_data(other, groups=group_ids(PLANNER, ADMIN)))
    assert "Die Rolle „Administration“ können nur Superuser vergeben." in errors(response)
    response = client.post(url, edit_data(other, is_superuser="on"))
    assert "Nur Superuser können Superuser-Rechte vergeben." in errors(response)
    other.refresh_from_db()
    assert list(other.groups.values_list("name", flat=True)) == ["Planung"]
    assert not other.is_superuser


def test_admin_can_create_a_planner(client, it_admin) -> None:
    response = client.post(reverse("wagtailusers_users:add"), new_user(groups=group_ids(PLANNER)))
    assert response.status_code == 302
    assert list(User.objects.get(username="neu").groups.values_list("name", flat=True)) == [
        "Planung"
    ]


def test_admin_cannot_grant_a_group_with_rights_they_lack(client, it_admin) -> None:
    powerful = Group.objects.create(name="mächtig")
    powerful.permissions.add(Permission.objects.get(codename="delete_region"))
    response = client.post(reverse("wagtailusers_users:add"), new_user(groups=[str(powerful.pk)]))
    assert "Die Gruppe „mächtig“ hat Rechte, die Sie selbst nicht haben" in errors(response)
    assert not User.objects.filter(username="neu").exists()


def test_admin_cannot_edit_a_superuser_or_their_own_group(client, it_admin) -> None:
    root = UserFactory(username="root", is_superuser=True)
    url = reverse("wagtailusers_users:edit", args=[root.pk])
    response = client.post(url, edit_data(root, password1=PASSWORD, password2=PASSWORD))
    assert response.status_code in (302, 403)  # Wagtail: back to the dashboard, with a message
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    root.refresh_from_db()
    assert root.check_password("geheim-123")

    admin_group = Group.objects.get(name=group_name(ADMIN))
    permission = Permission.objects.get(codename="delete_region")
    url = reverse("wagtailusers_groups:edit", args=[admin_group.pk])
    response = client.post(url, {"name": "Administration", "permissions": [str(permission.pk)]})
    assert response.status_code in (302, 403)
    assert not admin_group.permissions.exists()


def test_admin_cannot_give_a_group_rights_they_lack(client, it_admin) -> None:
    from wagtail.users.forms import GroupForm

    offered = GroupForm().fields["permissions"].queryset
    lacking = next(
        p for p in offered if not it_admin.has_perm(f"{p.content_type.app_label}.{p.codename}")
    )
    held = offered.get(content_type__app_label="auth", codename="add_user")  # rules: admin role
    planner = Group.objects.get(name=group_name(PLANNER))
    url = reverse("wagtailusers_groups:edit", args=[planner.pk])
    response = client.post(url, {"name": "Planung", "permissions": [str(lacking.pk)]})
    name = f"{lacking.content_type.app_label}.{lacking.codename}"
    assert f"es fehlen Ihnen: {name}" in errors(response)
    assert not planner.permissions.exists()

    assert held  # a right the admin role has (rules) stays grantable: only `lacking` failed


def test_superuser_can_create_a_superuser_and_grant_admin(client, superuser) -> None:
    data = new_user(is_superuser="on", groups=group_ids(ADMIN))
    response = client.post(reverse("wagtailusers_users:add"), data)
    assert response.status_code == 302
    created = User.objects.get(username="neu")
    assert created.is_superuser
    assert list(created.groups.values_list("name", flat=True)) == ["Administration"]


def test_short_password_is_refused_in_german(client, superuser) -> None:
    response = client.post(
        reverse("wagtailusers_users:add"), new_user(password1="kurz-1x", password2="kurz-1x")
    )
    assert "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in errors(
        response
    )
    assert not User.objects.filter(username="neu").exists()


def test_ensure_admin_password_passes_the_validators(tmp_path) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.management import call_command

    credentials = tmp_path / "login.txt"
    call_command("kek_ensure_admin", "--credentials-file", str(credentials))
    name, password = credentials.read_text().split()[:2]
    user = User.objects.get(username=name)
    assert user.check_password(password) and len(password) >= 12
    validate_password(password, user)
