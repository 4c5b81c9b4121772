"""Password reset by an e-mailed link (F25)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from .conftest import last_link
from .factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "Neues-Passwort-2031!"


def test_a_forgotten_password_is_reset_through_the_mailed_link(client):
    user = UserFactory(username="radwegamt", email="radweg@example.org")
    response = client.post("/konto/passwort-vergessen/", {"email": "radweg@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["radweg@example.org"]
    assert "Ihr Benutzername lautet: radwegamt" in mail.outbox[0].body
    link = last_link()
    assert link.startswith("/konto/passwort-vergessen/")

    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert 'autocomplete="new-password"' in form.content.decode()
    done = client.post(form.redirect_chain[-1][0] if form.redirect_chain else link,
                       {"password1": NEW, "password2": NEW})  # fmt: skip
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    signed_in = client.post("/anmelden/", {"username": "radwegamt", "password": NEW})
    assert signed_in.status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_link(client):
    response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort-vergessen/gesendet/"
    assert all("/konto/passwort-vergessen/" not in m.body for m in mail.outbox)


def test_a_used_link_is_refused(client):
    UserFactory(username="radwegamt", email="radweg@example.org")
    client.post("/konto/passwort-vergessen/", {"email": "radweg@example.org"})
    link = last_link()
    form = client.get(link, follow=True)
    target = form.redirect_chain[-1][0] if form.redirect_chain else link
    client.post(target, {"password1": NEW, "password2": NEW})
    client.post("/abmelden/")
    again = client.get(link, follow=True)
    assert "Link ungültig" in again.content.decode()
    assert get_user_model().objects.get(username="radwegamt").check_password(NEW)
