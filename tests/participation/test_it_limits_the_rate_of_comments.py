"""At most 5 comments a minute and 30 an hour per account (django-ratelimit); over the limit
a German page with HTTP 429 (F25). The cache is cleared around each test (tests/conftest.py)."""

import pytest
from django.utils import timezone
from freezegun import freeze_time

from kek.participation.models import Comment

pytestmark = pytest.mark.django_db


def test_it_answers_429_on_the_sixth_comment_in_a_minute(
    client, participant, participable, url, nordsachsen
):
    client.force_login(participant)
    target = url("comment_add", "regions-region", nordsachsen.pk)
    for number in range(5):
        assert client.post(target, {"text": f"Beitrag {number}"}).status_code == 302
    response = client.post(target, {"text": "Beitrag 6"})
    assert response.status_code == 429
    assert "Sie haben in kurzer Zeit zu viele Beiträge geschrieben. Bitte warten Sie" in (
        response.content.decode()
    )
    assert Comment.objects.count() == 5


def test_it_counts_per_account(client, participant, author, participable, url, nordsachsen):
    target = url("comment_add", "regions-region", nordsachsen.pk)
    client.force_login(participant)
    for number in range(5):
        client.post(target, {"text": f"Beitrag {number}"})
    client.force_login(author)
    assert client.post(target, {"text": "Meiner"}).status_code == 302


def test_it_allows_30_an_hour(client, participant, participable, url, nordsachsen, monkeypatch):
    """The hour's limit alone (the minute's would stop the burst first), in one frozen moment
    so that no window of the counter ends in between."""
    from kek.participation import ratelimits

    assert ratelimits.COMMENTS == ("5/m", "30/h")
    monkeypatch.setattr(ratelimits, "COMMENTS", ("30/h",))
    client.force_login(participant)
    target = url("comment_add", "regions-region", nordsachsen.pk)
    with freeze_time(timezone.now()):
        for number in range(31):
            status = client.post(target, {"text": f"Beitrag {number}"}).status_code
            assert status == (302 if number < 30 else 429), number
