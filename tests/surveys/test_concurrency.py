"""Two responses of the same account at the same moment store exactly one (F23): both pass
the "answered already?" check, the unique constraint refuses the second, which gets the German
message instead of an error page."""

import pytest

from kek.surveys import answering
from kek.surveys.models import Response

from .world import answers, respond, survey, url

pytestmark = pytest.mark.django_db


def test_the_second_of_two_simultaneous_responses_is_refused(
    client, nordsachsen, participant, monkeypatch
):
    found = survey(nordsachsen)
    # The first response was stored between the second's check and its insert.
    respond(found, user=participant)
    monkeypatch.setattr(answering, "has_answered", lambda request, survey: False)
    client.force_login(participant)
    response = client.post(url(found), answers(found, single="Auto"))
    assert response.status_code == 409
    assert "Sie haben bereits teilgenommen." in response.content.decode()
    assert Response.objects.filter(survey=found).count() == 1
    assert not Response.objects.filter(answers__choices__text="Auto").exists()


def test_the_same_for_one_browser_session(client, nordsachsen, monkeypatch):
    found = survey(nordsachsen, anonymous_allowed=True)
    client.get(url(found))
    session = client.session
    session[answering.SESSION_KEY] = "token-of-this-browser"
    session.save()
    respond(found, token="token-of-this-browser")
    monkeypatch.setattr(answering, "has_answered", lambda request, survey: False)
    response = client.post(url(found), answers(found))
    assert response.status_code == 409
    assert Response.objects.filter(survey=found).count() == 1


def test_the_constraint_itself_refuses_a_second_response(nordsachsen, participant):
    from django.db import IntegrityError, transaction

    found = survey(nordsachsen)
    Response.objects.create(survey=found, user=participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=found, user=participant)
    # Responses without an account (NULL) do not collide with each other.
    Response.objects.create(survey=found, session_token="a")
    Response.objects.create(survey=found, session_token="b")
    assert Response.objects.filter(survey=found).count() == 3
