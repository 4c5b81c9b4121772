"""Agree or disagree, one rating per account: a new choice replaces the old; counts shown."""

import pytest
from django.template import Context, Template

from kek.participation.models import Rating

pytestmark = pytest.mark.django_db


def test_it_keeps_one_rating_per_user_and_counts(rf, client, participant, author, participable,
                                                 url, home, nordsachsen):  # fmt: skip
    target = url("rate", "regions-region", nordsachsen.pk)
    client.force_login(participant)
    assert client.post(target, {"value": "agree"}).status_code == 302
    assert client.post(target, {"value": "disagree"}).status_code == 302
    client.force_login(author)
    client.post(target, {"value": "disagree"})
    assert Rating.objects.count() == 2
    assert Rating.objects.get(user=participant).value == "disagree"
    assert client.get(target).status_code == 405
    assert client.post(target, {"value": "egal"}).status_code == 400
    request = rf.get("/")
    request.user = participant
    html = Template("{% load participation %}{% rating s %}").render(
        Context({"request": request, "page": home, "s": nordsachsen, "csrf_token": "t"})
    )
    assert "Zustimmung: <strong>0</strong> · Ablehnung: <strong>2</strong>" in html
    assert "Ihre Bewertung: Ablehnung" in html
