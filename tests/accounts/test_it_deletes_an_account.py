"""Deleting an account (F25): personal data gone, contributions kept as "gelöschtes Konto",
every session ended, logged; staff accounts are removed by the administration instead."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from kek.accounts.models import AccountEvent, Profile, SignInEvent
from kek.accounts.names import DELETED, display_name
from kek.projects.models import EvaluationSnapshot

from .conftest import PASSWORD, self_registered
from .factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def anna(concept, reports_entry):
    user = self_registered("konto-anna", "anna@example.org", "Anna", organisation="Heimatverein")
    EvaluationSnapshot.objects.create(
        concept=concept, title="Annas Bericht", taken_by=user, note="Anmerkung von Anna"
    )
    return user


def sign_in(client, user) -> Client:
    response = client.post("/anmelden/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def sessions_of(user) -> list[Session]:
    return [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def test_deleting_anonymises_ends_every_session_and_keeps_contributions(client, anna):
    other_browser = sign_in(Client(), anna)
    bystander = self_registered("konto-berta", "berta@example.org", "Berta")
    berta_browser = sign_in(Client(), bystander)
    sign_in(client, anna)
    assert len(sessions_of(anna)) == 2

    page = client.get("/konto/loeschen/").content.decode()
    assert 'autocomplete="current-password"' in page
    response = client.post("/konto/loeschen/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "Ihr Konto wurde gelöscht" in response.content.decode()

    anna.refresh_from_db()
    assert anna.username == f"geloescht-{anna.pk}"
    assert (anna.email, anna.first_name, anna.last_name, anna.is_active) == ("", "", "", False)
    assert not anna.has_usable_password()
    assert not EmailAddress.objects.filter(user=anna).exists()
    records = list(User.history.filter(id=anna.pk).values_list("username", "email"))
    assert records and all(r == (anna.username, "") for r in records)
    profile = Profile.objects.get(user=anna)
    assert (profile.display_name, profile.organisation) == ("", "")
    assert profile.deleted_at is not None
    assert sessions_of(anna) == []
    sign_ins = SignInEvent.objects.filter(user=anna)
    assert sign_ins.exists()
    assert all(e.username in ("", anna.username) and e.ip_address is None for e in sign_ins)
    assert "_auth_user_id" not in client.session
    assert other_browser.get("/konto/")["Location"].startswith("/anmelden/")
    assert berta_browser.get("/konto/").status_code == 200  # others stay signed in

    report = EvaluationSnapshot.objects.get(title="Annas Bericht")
    assert report.taken_by == anna and report.note == ""  # erased by the registered part
    assert display_name(report.taken_by) == DELETED
    event = AccountEvent.objects.get()
    assert (event.user, event.kind) == (anna, "delete")
    # Nobody signs in with the old address or password.
    again = Client().post("/anmelden/", {"username": "anna@example.org", "password": PASSWORD})
    assert again.status_code == 200


def test_a_wrong_password_deletes_nothing(client, anna):
    sign_in(client, anna)
    response = client.post("/konto/loeschen/", {"password": "falsch"})
    assert response.status_code == 200
    assert "Das Passwort ist nicht richtig." in response.content.decode()
    anna.refresh_from_db()
    assert anna.is_active and anna.email == "anna@example.org"
    assert not AccountEvent.objects.exists()


def test_the_display_name_of_a_deleted_account_is_free_again(client, anna):
    sign_in(client, anna)
    client.post("/konto/loeschen/", {"password": PASSWORD})
    newcomer = self_registered("konto-neu", "neu@example.org", "Neu")
    Profile.objects.filter(user=newcomer).update(display_name="Anna")  # no constraint error


@pytest.mark.parametrize("role", ["planner", "admin"])
def test_staff_cannot_delete_themselves_here(client, role):
    user = UserFactory(username=f"staff-{role}", groups=[role])
    client.force_login(user)
    response = client.post("/konto/loeschen/", {"password": "geheim-123"})
    assert response.status_code == 403
    assert "Bitte wenden Sie sich an die Administration." in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and user.username == f"staff-{role}"
