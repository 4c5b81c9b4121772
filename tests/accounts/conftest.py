"""Helpers of the account tests (F25): sign-up through the public form, links from the mail
outbox."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

PASSWORD = "Mulde-Radweg-2030!"
LINK = re.compile(r"https?://[^\s]+")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts sign-ins and sign-ups per address in the cache; each test starts anew."""
    cache.clear()
    yield
    cache.clear()


def signup_data(**changes) -> dict:
    data = {
        "email": "anna@example.org",
        "display_name": "Anna aus Eilenburg",
        "organisation": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    return {**data, **changes}


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def last_link() -> str:
    """The path of the link in the newest e-mail."""
    from urllib.parse import urlsplit

    return urlsplit(links_in(mail.outbox[-1])[0]).path


@pytest.fixture
def register(client):
    """register(**changes): POST the sign-up form; returns the response."""

    def post(**changes):
        return client.post("/konto/registrieren/", signup_data(**changes))

    return post


@pytest.fixture
def reports_entry():
    """A registered personal-data part for the test: evaluation reports a user took (a stand-in
    for any app's contributions), exported by title, their note erased on deletion."""
    from kek.accounts import personal_data
    from kek.projects.models import EvaluationSnapshot

    def export(user):
        rows = EvaluationSnapshot.objects.filter(taken_by=user).order_by("id")
        return [{"titel": r.title, "anmerkung": r.note, "stand": r.taken_at} for r in rows]

    def erase(user):
        EvaluationSnapshot.objects.filter(taken_by=user).update(note="")

    entry = personal_data.PersonalData("berichte", "Evaluierungsberichte", export, erase)
    personal_data.register(entry)
    yield entry
    personal_data._entries.pop(entry.name)


def self_registered(username: str, email: str, display_name: str, **profile):
    """An account as the sign-up makes it: confirmed address, profile with consent."""
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from kek.accounts.models import Profile

    from .factories import UserFactory

    user = UserFactory(username=username, email=email)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Profile.objects.create(
        user=user,
        display_name=display_name,
        privacy_version="1",
        privacy_accepted_at=timezone.now(),
        **profile,
    )
    return user
