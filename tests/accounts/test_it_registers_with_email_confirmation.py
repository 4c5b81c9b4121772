"""Registration (F25): e-mail confirmation by link, then sign-in; consent on record."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from kek.accounts.models import Profile

from .conftest import PASSWORD, last_link

pytestmark = pytest.mark.django_db
User = get_user_model()


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_sign_up_page_asks_for_email_display_name_password_and_consent(client):
    html = client.get("/konto/registrieren/").content.decode()
    for field, autocomplete in [
        ("email", "email"),
        ("display_name", "nickname"),
        ("organisation", "organization"),
        ("password1", "new-password"),
        ("password2", "new-password"),
    ]:
        assert f'for="id_{field}"' in html
        assert f'name="{field}"' in html and f'autocomplete="{autocomplete}"' in html
    assert 'name="username"' not in html
    assert 'type="checkbox" name="consent"' in html
    assert 'href="/datenschutz/"' in html
    assert "Registrieren" in html


def test_it_registers_confirms_by_the_mailed_link_and_signs_in(client, register):
    response = register()
    assert response.status_code == 302
    assert response["Location"] == "/konto/bestaetigen/"
    assert not signed_in(client)
    user = User.objects.get(email="anna@example.org")
    assert user.username.startswith("konto-") and "anna" not in user.username
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert "bestätigen" in message.subject
    confirm = last_link()
    assert confirm.startswith("/konto/bestaetigen/")

    page = client.get(confirm)
    assert page.status_code == 200
    assert "anna@example.org" in page.content.decode()
    confirmed = client.post(confirm)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # Confirmed in the browser that signed up: signed in at once.
    assert signed_in(client)

    client.post("/abmelden/")
    assert not signed_in(client)
    again = client.post("/anmelden/", {"username": "anna@example.org", "password": PASSWORD})
    assert again.status_code == 302 and again["Location"] == "/konto/"
    assert signed_in(client)


def test_an_unconfirmed_account_cannot_sign_in(client, register):
    register()
    client.post("/abmelden/")
    response = client.post("/anmelden/", {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/konto/bestaetigen/"
    assert not signed_in(client)
    assert User.objects.get(email="anna@example.org").last_login is None


def test_consent_is_recorded_with_the_privacy_version_and_date(client, register):
    with override_settings(KEK_PRIVACY_VERSION="3"):
        register(organisation="Heimatverein Eilenburg")
    profile = Profile.objects.get(user__email="anna@example.org")
    assert profile.display_name == "Anna aus Eilenburg"
    assert profile.organisation == "Heimatverein Eilenburg"
    assert profile.privacy_version == "3"
    assert profile.privacy_accepted_at is not None
    assert profile.self_registered


def test_without_consent_nobody_is_registered(client, register):
    response = register(consent="")
    assert response.status_code == 200
    assert "Bitte willigen Sie in die Datenschutzhinweise ein." in response.content.decode()
    assert not User.objects.filter(email="anna@example.org").exists()


def test_the_display_name_is_required(client, register):
    response = register(display_name="  ")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_display_name"' in html  # the error summary links the field
    assert not User.objects.filter(email="anna@example.org").exists()


@pytest.mark.parametrize("name", ["anna aus eilenburg", "ANNA  AUS EILENBURG", "Gelöschtes Konto"])
def test_the_display_name_is_unique_regardless_of_case(client, register, name):
    register()
    client.post("/abmelden/")
    response = register(email="berta@example.org", display_name=name)
    assert response.status_code == 200
    assert "Dieser Anzeigename ist bereits vergeben." in response.content.decode()
    assert not User.objects.filter(email="berta@example.org").exists()
