"""The one-click unsubscribe link (RFC 8058): a POST without session or CSRF token, as a mail
program sends it, switches the e-mails off; a GET only shows the button; a forged token is
refused."""

import pytest
from django.test import Client

from kek.follows import tokens
from kek.follows.models import Frequency, NotificationSetting, frequency_of

pytestmark = pytest.mark.django_db


def link(user) -> str:
    return f"/beteiligung/benachrichtigungen/abbestellen/{tokens.make(user.pk)}/"


def test_a_one_click_post_without_session_switches_off(anna, nordsachsen):
    client = Client(enforce_csrf_checks=True)  # as a mail program: no cookie, no token
    response = client.post(link(anna), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "keine Benachrichtigungen mehr" in response.content.decode()
    assert frequency_of(anna) == Frequency.OFF


def test_a_get_shows_the_button_and_changes_nothing(client, anna, nordsachsen):
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    response = client.get(link(anna))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in html and "Keine E-Mails mehr erhalten" in html
    assert frequency_of(anna) == Frequency.DAILY


def test_a_forged_token_is_refused(anna, ben, nordsachsen):
    client = Client(enforce_csrf_checks=True)
    forged = tokens.make(anna.pk)[:-2] + "xx"
    assert client.post(f"/beteiligung/benachrichtigungen/abbestellen/{forged}/").status_code == 404
    assert frequency_of(anna) == Frequency.IMMEDIATE
    assert tokens.read(tokens.make(ben.pk)) == ben.pk


def test_other_posts_still_need_the_csrf_token(anna, project):
    client = Client(enforce_csrf_checks=True)
    client.force_login(anna)
    response = client.post(f"/beteiligung/folgen/projects.project/{project.pk}/")
    assert response.status_code == 403
