"""A new e-mail address counts only once confirmed by the link sent to it (F25)."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from .conftest import last_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(client, register):
    register()
    client.post(last_link())  # confirmed, signed in
    mail.outbox.clear()
    return EmailAddress.objects.get(email="anna@example.org").user


def test_a_changed_address_waits_for_its_confirmation(client, anna):
    page = client.get("/konto/e-mail/")
    assert page.status_code == 200
    response = client.post("/konto/e-mail/", {"email": "anna.neu@example.org", "action_add": ""})
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.email == "anna@example.org"  # not yet
    assert mail.outbox[-1].to == ["anna.neu@example.org"]
    html = client.get("/konto/e-mail/").content.decode()
    assert "anna.neu@example.org – noch nicht bestätigt" in html

    client.post(last_link())
    anna.refresh_from_db()
    assert anna.email == "anna.neu@example.org"
    assert list(EmailAddress.objects.filter(user=anna).values_list("email", "verified")) == [
        ("anna.neu@example.org", True)
    ]


def test_the_email_page_needs_a_sign_in(client):
    response = client.get("/konto/e-mail/")
    assert response["Location"] == "/anmelden/?next=/konto/e-mail/"
