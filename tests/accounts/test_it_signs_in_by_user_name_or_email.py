"""The public sign-in is allauth's (F25): back-office accounts keep signing in with their user
name, without an e-mail confirmation; project leads land on their projects, others on their
account page; failed attempts stay on record."""

import pytest

from kek.accounts.models import SignInEvent

from .factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-123"


def test_a_back_office_account_signs_in_with_its_user_name_and_lands_on_its_account(client):
    UserFactory(username="planerin", email="planung@example.org", groups=["planner"])
    page = client.get("/anmelden/").content.decode()
    assert 'for="id_username">Benutzername oder E-Mail-Adresse' in page
    assert 'autocomplete="username"' in page and 'autocomplete="current-password"' in page
    response = client.post("/anmelden/", {"username": "planerin", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/konto/"
    assert client.get("/konto/").status_code == 200


def test_it_signs_in_with_the_email_address_too(client):
    user = UserFactory(username="radwegamt", email="radweg@example.org")
    response = client.post("/anmelden/", {"username": "radweg@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_by_email_is_refused_in_german_and_recorded(client):
    user = UserFactory(username="radwegamt", email="radweg@example.org")
    response = client.post("/anmelden/", {"username": "radweg@example.org", "password": "nein"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "E-Mail-Adresse oder Passwort ist falsch." in html
    assert 'role="alert"' in html
    event = SignInEvent.objects.get()
    assert (event.kind, event.username, event.user) == ("failed", "radweg@example.org", user)


def test_signing_out_records_it(client):
    user = UserFactory(username="radwegamt")
    client.post("/anmelden/", {"username": "radwegamt", "password": PASSWORD})
    assert client.post("/abmelden/").status_code == 302
    assert list(SignInEvent.objects.order_by("id").values_list("kind", "user")) == [
        ("signed_in", user.pk),
        ("signed_out", user.pk),
    ]
