"""The participation phase of a survey (F23): before and after it the survey is readable and
takes no answers (403 with a German page); during it, it does."""

import pytest

from kek.surveys.models import Response

from .world import answers, survey, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("phase", "note", "refusal"),
    [
        ("before", "Die Beteiligung ist noch nicht eröffnet.",
         "Die Beteiligung ist noch nicht eröffnet"),
        ("closed", "Die Beteiligung ist geschlossen;", "Die Beteiligung ist geschlossen"),
    ],
)  # fmt: skip
def test_outside_the_phase_the_survey_is_readable_and_takes_no_answers(
    client, nordsachsen, participant, phase, note, refusal
):
    found = survey(nordsachsen, phase=phase)
    client.force_login(participant)
    page = client.get(url(found))
    html = page.content.decode()
    assert page.status_code == 200 and "Umfrage Mobilität" in html
    assert note in html and "Antworten absenden" not in html
    response = client.post(url(found), answers(found))
    assert response.status_code == 403
    assert f'<h1 class="kern-heading-x-large">{refusal}</h1>' in response.content.decode()
    assert not Response.objects.exists()


def test_during_the_phase_answers_are_taken(client, nordsachsen, participant):
    found = survey(nordsachsen, phase="open")
    client.force_login(participant)
    assert "Beteiligung offen" in client.get(url(found)).content.decode()
    assert client.post(url(found), answers(found)).status_code == 302
    assert Response.objects.filter(survey=found).count() == 1


def test_anonymous_answers_also_wait_for_the_phase(client, nordsachsen):
    found = survey(nordsachsen, phase="closed", anonymous_allowed=True)
    assert client.post(url(found), answers(found)).status_code == 403
    assert not Response.objects.exists()
