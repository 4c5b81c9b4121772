"""An account the moderation blocked answers no survey until the block ends (F23, F25):
the page says why, a POST is refused with 403 and stores nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kek.participation.models import Block
from kek.surveys.models import Response

from .world import answers, survey, url

pytestmark = pytest.mark.django_db


def test_a_blocked_account_cannot_answer(client, nordsachsen, participant):
    found = survey(nordsachsen)
    Block.objects.create(
        user=participant, district=nordsachsen, until=timezone.now() + timedelta(days=3)
    )
    client.force_login(participant)
    page = client.get(url(found)).content.decode()
    assert "Ihr Konto ist von der Moderation" in page and "Antworten absenden" not in page
    assert "Solange Ihr Konto gesperrt ist" in page
    response = client.post(url(found), answers(found))
    assert response.status_code == 403
    assert "Ihr Konto ist von der Moderation" in response.content.decode()
    assert not Response.objects.exists()


def test_after_the_block_the_account_answers_again(client, nordsachsen, participant):
    found = survey(nordsachsen)
    Block.objects.create(
        user=participant, district=nordsachsen, until=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(participant)
    assert client.post(url(found), answers(found)).status_code == 302
    assert Response.objects.filter(user=participant).count() == 1
