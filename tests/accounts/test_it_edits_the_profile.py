"""The account page /konto/ (F25): display name and organisation, links to the rest."""

import pytest

from kek.accounts.models import Profile
from kek.accounts.names import display_name

from .conftest import self_registered
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_account_page_changes_display_name_and_organisation(client):
    anna = self_registered("konto-anna", "anna@example.org", "Anna")
    client.force_login(anna)
    html = client.get("/konto/").content.decode()
    for link in ("/konto/e-mail/", "/konto/passwort/", "/konto/meine-daten/", "/konto/loeschen/"):
        assert f'href="{link}"' in html
    assert "Fassung 1" in html
    response = client.post("/konto/", {"display_name": "Anna E.", "organisation": "Verein"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=anna)
    assert (profile.display_name, profile.organisation) == ("Anna E.", "Verein")
    assert display_name(type(anna).objects.get(pk=anna.pk)) == "Anna E."


def test_a_taken_or_empty_display_name_is_refused(client):
    self_registered("konto-berta", "berta@example.org", "Berta")
    anna = self_registered("konto-anna", "anna@example.org", "Anna")
    client.force_login(anna)
    for name in ("BERTA", ""):
        response = client.post("/konto/", {"display_name": name, "organisation": ""})
        assert response.status_code == 200
        assert 'href="#id_display_name"' in response.content.decode()
    assert Profile.objects.get(user=anna).display_name == "Anna"


def test_a_back_office_account_gets_a_profile_on_first_save(client):
    lead = UserFactory(username="radwegamt")
    client.force_login(lead)
    assert client.get("/konto/").status_code == 200
    client.post("/konto/", {"display_name": "Radwegamt Eilenburg", "organisation": "Stadt"})
    assert display_name(type(lead).objects.get(pk=lead.pk)) == "Radwegamt Eilenburg"
    assert not Profile.objects.get(user=lead).self_registered


def test_an_account_without_a_password_sets_one(client):
    user = UserFactory(username="ohne-passwort")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert client.get("/konto/passwort/")["Location"] == "/konto/passwort-setzen/"
    new = "Ganz-neues-Passwort-1"
    response = client.post("/konto/passwort-setzen/", {"password1": new, "password2": new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
