"""The notification settings (beteiligung/benachrichtigungen/): the frequency and what the
account follows, each with its "Nicht mehr folgen" button; signed in only."""

from html import escape

import pytest

from kek.follows import subjects
from kek.follows.models import Frequency, frequency_of

pytestmark = pytest.mark.django_db
URL = "/beteiligung/benachrichtigungen/"


def test_it_changes_the_frequency(client, anna, nordsachsen):
    client.force_login(anna)
    html = client.get(URL).content.decode()
    assert 'value="sofort" checked' in html
    response = client.post(URL, {"frequency": "täglich"})
    assert response.status_code == 200
    assert "gespeichert" in response.content.decode()
    assert frequency_of(anna) == Frequency.DAILY
    assert client.post(URL, {"frequency": "stündlich"}).status_code == 400
    assert frequency_of(anna) == Frequency.DAILY


def test_it_lists_what_the_account_follows(client, anna, project, field):
    subjects.follow(anna, project)
    subjects.follow(anna, field)
    client.force_login(anna)
    html = client.get(URL).content.decode()
    assert escape(project.title) in html and escape(field.title) in html
    assert f'action="/beteiligung/nicht-mehr-folgen/projects.project/{project.pk}/"' in html
    client.post(f"/beteiligung/nicht-mehr-folgen/projects.project/{project.pk}/", {"next": URL})
    assert not subjects.is_following(anna, project)


def test_anonymous_visitors_are_sent_to_the_sign_in(client, nordsachsen):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/anmelden/")
