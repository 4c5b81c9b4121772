"""One report per account and item; a second is refused politely (F25)."""

import pytest

from kek.participation.models import Report

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_report_politely(client, author, participant, participable, write,
                                             url):  # fmt: skip
    comment = write(author)
    client.force_login(participant)
    target = url("report", "participation-comment", comment.pk)
    assert client.get(target).status_code == 200
    assert client.post(target, {"reason": "spam"}).status_code == 200
    response = client.post(target, {"reason": "sonstiges", "text": "noch einmal"})
    assert response.status_code == 200
    assert "Sie haben diesen Beitrag bereits gemeldet" in response.content.decode()
    assert Report.objects.count() == 1 and Report.objects.get().reason == "spam"


def test_it_asks_for_a_reason(client, author, participant, participable, write, url):
    comment = write(author)
    client.force_login(participant)
    response = client.post(url("report", "participation-comment", comment.pk), {"reason": ""})
    assert "Bitte wählen Sie einen Grund." in response.content.decode()
    assert not Report.objects.exists()


def test_it_reports_a_participable_itself(client, participant, participable, url, nordsachsen):
    from kek.participation.moderation import hidden_note

    client.force_login(participant)
    client.post(url("report", "regions-region", nordsachsen.pk), {"reason": "thema"})
    assert Report.objects.get().subject == nordsachsen
    assert hidden_note(nordsachsen) == ""
