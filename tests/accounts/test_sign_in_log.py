"""Sign-ins, failed sign-ins and sign-outs are on record (issue 16), without any password."""

import pytest
from django.urls import reverse

from kek.accounts.models import SignInEvent

from .factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "geheim-123"


@pytest.fixture
def planner_account(db):
    return UserFactory(username="planerin", groups=["planner"])


def events() -> list[tuple[str, str, object, str | None]]:
    return [(e.kind, e.username, e.user, e.ip_address) for e in SignInEvent.objects.order_by("id")]


def all_values() -> str:
    return repr(list(SignInEvent.objects.values()))


def test_a_back_office_sign_in_and_sign_out_are_recorded_with_account_and_address(
    client, planner_account
):
    response = client.post(
        reverse("wagtailadmin_login"), {"username": "planerin", "password": PASSWORD}
    )
    assert response.status_code == 302
    client.post(reverse("wagtailadmin_logout"))
    assert events() == [
        ("signed_in", "planerin", planner_account, "127.0.0.1"),
        ("signed_out", "planerin", planner_account, "127.0.0.1"),
    ]
    assert PASSWORD not in all_values()


def test_a_failed_sign_in_keeps_the_name_tried_but_never_the_password(client, planner_account):
    client.post("/anmelden/", {"username": "planerin", "password": "falsches-passwort-1"})
    client.post("/anmelden/", {"username": "gibt-es-nicht", "password": "auch-falsch-12"})
    assert events() == [
        ("failed", "planerin", planner_account, "127.0.0.1"),
        ("failed", "gibt-es-nicht", None, "127.0.0.1"),
    ]
    assert not any(e.success for e in SignInEvent.objects.all())
    stored = all_values()
    assert "falsches-passwort-1" not in stored and "auch-falsch-12" not in stored


def test_a_public_sign_in_is_recorded_too(client, planner_account):
    response = client.post("/anmelden/", {"username": "planerin", "password": PASSWORD})
    assert response.status_code == 302
    event = SignInEvent.objects.get()
    assert (event.kind, event.user, event.success) == ("signed_in", planner_account, True)
    assert str(event) == "Angemeldet: planerin"
