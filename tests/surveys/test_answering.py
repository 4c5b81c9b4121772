"""Answering a survey through HTTP (F23): each kind of question is stored, required questions
are checked with a German error summary naming each question, one response per account,
anonymous answers once per browser session, the sign-in where no anonymous answers are
allowed."""

import pytest

from kek.surveys.models import Answer, Response

from .world import FREE_TEXT, answers, choice, questions, survey, url

pytestmark = pytest.mark.django_db


def test_a_participant_answers_each_kind_of_question(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    form = client.get(url(found)).content.decode()
    assert 'type="radio" name="frage_' in form and 'type="checkbox"' in form
    assert "<textarea" in form and "Antworten absenden" in form

    response = client.post(url(found), answers(found))
    assert response.status_code == 302 and response["Location"] == url(found)
    stored = Response.objects.get(survey=found)
    assert stored.user == participant and stored.session_token is None
    single, multiple, scale, text = questions(found)
    by_question = {a.question_id: a for a in Answer.objects.filter(response=stored)}
    assert list(by_question[single.pk].choices.all()) == [choice(found, "Bus")]
    assert set(by_question[multiple.pk].choices.values_list("text", flat=True)) == {
        "Radwege", "Ladesäulen"
    }  # fmt: skip
    assert by_question[scale.pk].scale == 4
    assert by_question[text.pk].text == FREE_TEXT
    page = client.get(url(found)).content.decode()
    assert "Vielen Dank für Ihre Teilnahme!" in page
    assert "Sie haben bereits teilgenommen." in page and "Antworten absenden" not in page


def test_optional_questions_may_stay_empty(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    client.post(url(found), answers(found, multiple=(), text=""))
    stored = Response.objects.get(survey=found)
    assert stored.answers.count() == 2


def test_required_questions_are_named_in_the_german_error_summary(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    response = client.post(url(found), answers(found, single=None, scale=None))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte korrigieren Sie die folgenden 2 Fehler" in html
    single, _, scale, _ = questions(found)
    assert (
        f'<a class="kern-link" href="#id_frage_{single.pk}_0">Bitte beantworten Sie die Frage '
        "„Wie kommen Sie zur Arbeit?“.</a>" in html
    )
    assert (
        f'href="#id_frage_{scale.pk}_0">Bitte beantworten Sie die Frage „Wie zufrieden sind Sie '
        "mit dem Nahverkehr?“.</a>" in html
    )
    assert "<title>Fehler:" in html
    # What was given stays filled in.
    assert FREE_TEXT in html
    assert not Response.objects.exists()


def test_a_choice_of_another_question_is_refused(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    data = answers(found)
    data[f"frage_{questions(found)[0].pk}"] = str(choice(found, "Radwege").pk)
    html = client.post(url(found), data).content.decode()
    assert "Bitte wählen Sie eine der angebotenen Antworten." in html
    assert not Response.objects.exists()


def test_an_account_answers_once(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    client.post(url(found), answers(found))
    again = client.post(url(found), answers(found, single="Auto"))
    assert again.status_code == 409
    assert "Sie haben bereits teilgenommen." in again.content.decode()
    assert Response.objects.filter(survey=found).count() == 1
    assert not Answer.objects.filter(choices__text="Auto").exists()


def test_without_anonymous_answers_a_visitor_is_sent_to_the_sign_in(client, nordsachsen):
    found = survey(nordsachsen)
    page = client.get(url(found)).content.decode()
    assert "melden Sie sich bitte an" in page and "Antworten absenden" not in page
    response = client.post(url(found), answers(found))
    assert response.status_code == 302
    assert response["Location"].endswith(f"?next=/beteiligung/umfragen/{found.pk}/")
    assert not Response.objects.exists()


def test_anonymous_answers_once_per_browser_session(client, nordsachsen):
    from django.test import Client

    found = survey(nordsachsen, anonymous_allowed=True)
    assert "Antworten absenden" in client.get(url(found)).content.decode()
    assert client.post(url(found), answers(found)).status_code == 302
    stored = Response.objects.get(survey=found)
    assert stored.user is None and len(stored.session_token) >= 32
    again = client.post(url(found), answers(found))
    assert again.status_code == 409
    assert "Sie haben bereits teilgenommen." in again.content.decode()
    # Another browser (another session) may answer once, too.
    other = Client()
    assert other.post(url(found), answers(found)).status_code == 302
    tokens = set(Response.objects.values_list("session_token", flat=True))
    assert len(tokens) == 2


def test_another_districts_survey_is_not_found_here(client, nordsachsen, participant):
    from kek.regions.models import Region

    leipzig, _ = Region.objects.get_or_create(
        ags="14729", defaults={"name": "Leipzig", "level": Region.Level.DISTRICT}
    )
    found = survey(leipzig)
    client.force_login(participant)
    assert client.get(url(found)).status_code == 404
    assert client.post(url(found), answers(found)).status_code == 404


def test_a_free_text_of_10000_characters_is_refused_by_name(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    html = client.post(url(found), answers(found, text="x" * 10_000)).content.decode()
    assert (
        "Ihre Antwort auf „Was möchten Sie uns noch sagen?“ ist zu lang (höchstens 5000 "
        "Zeichen)." in html
    )
    assert not Response.objects.exists()


def test_hostile_free_text_is_stored_as_given_and_shown_escaped(client, nordsachsen, participant):
    found = survey(nordsachsen)
    client.force_login(participant)
    hostile = '<script>alert(1)</script> <a href="javascript:alert(2)">x</a>'
    data = answers(found, single=None, text=hostile)  # invalid: the form comes back filled
    html = client.post(url(found), data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    client.post(url(found), answers(found, text=hostile))
    assert Answer.objects.get(question__kind="free_text").text == hostile
