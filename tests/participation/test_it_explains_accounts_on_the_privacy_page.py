"""The privacy page names what an account and its contributions keep, and how they go."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_explains_the_account_and_the_contributions(client, nordsachsen, settings):
    settings.KEK_REPORTS_TO_HIDE = 4
    html = client.get("/datenschutz/").content.decode()
    section = html[html.index('id="datenschutz-konto"') :]
    assert "Anzeigename" in section and "Meine Daten" in section
    assert "Nach 4 Meldungen verschiedener Konten" in section
