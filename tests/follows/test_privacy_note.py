"""The privacy page tells what following stores and that deleting the account removes it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_page_has_the_follows_note(client, nordsachsen):
    html = client.get("/datenschutz/").content.decode()
    assert "Folgen und Benachrichtigungen" in html
    assert "ohne Anmeldung abbestellen" in html
