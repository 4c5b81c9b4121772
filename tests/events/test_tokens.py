"""The signed links of the e-mails (kek.events.tokens)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from kek.events import tokens

pytestmark = pytest.mark.django_db  # settings only; kept with the other events tests


def test_a_token_names_its_registration_and_nonce_and_nothing_else():
    token = tokens.make(tokens.CONFIRM, 7, "abc")
    assert tokens.read(tokens.CONFIRM, token) == (7, "abc")
    assert tokens.read(tokens.CANCEL, token) is None  # another purpose
    assert tokens.read(tokens.CONFIRM, token[:-2] + "xx") is None
    assert tokens.read(tokens.CONFIRM, "7.abc") is None
    assert ":" not in token and "/" not in token  # Wagtail's paths take neither


def test_a_confirmation_link_expires_a_cancellation_link_does_not():
    confirm, cancel = (tokens.make(p, 7, "abc") for p in (tokens.CONFIRM, tokens.CANCEL))
    with freeze_time(timezone.now() + timedelta(hours=tokens.CONFIRM_HOURS - 1)):
        assert tokens.read(tokens.CONFIRM, confirm) == (7, "abc")
    with freeze_time(timezone.now() + timedelta(hours=tokens.CONFIRM_HOURS + 1)):
        assert tokens.read(tokens.CONFIRM, confirm) is None
    with freeze_time(timezone.now() + timedelta(days=400)):
        assert tokens.read(tokens.CANCEL, cancel) == (7, "abc")


def test_another_secret_key_makes_every_link_useless(settings):
    token = tokens.make(tokens.CANCEL, 7, "abc")
    settings.SECRET_KEY = "ein-anderer-schluessel-" * 3
    assert tokens.read(tokens.CANCEL, token) is None
