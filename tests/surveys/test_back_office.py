"""The surveys in the back office (F23): a planner creates a survey with its questions and
their choices on one form (nested inline panels), edits it, publishes and withdraws its
results; the listing offers the actions to planners."""

import pytest
from django.urls import reverse

from kek.surveys.models import Choice, Question, Survey

from .world import admin_form, survey

pytestmark = pytest.mark.django_db


def test_a_planner_creates_a_survey_with_questions_and_choices(client, planner, nordsachsen):
    client.force_login(planner)
    form = client.get(reverse("wagtailsnippets_surveys_survey:add")).content.decode()
    assert 'name="questions-TOTAL_FORMS"' in form and "Antwortmöglichkeit" in form
    response = client.post(
        reverse("wagtailsnippets_surveys_survey:add"), admin_form(nordsachsen, "Neue Umfrage")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Survey.objects.get(title="Neue Umfrage")
    first, second = created.questions.order_by("position")
    assert (first.text, first.kind, first.required) == ("Welche Farbe?", "single", True)
    assert [c.text for c in first.choices.order_by("position")] == ["Rot", "Grün"]
    assert (second.kind, second.choices.count()) == ("free_text", 0)
    assert created.results_published_at is None


def test_the_edit_form_shows_the_nested_choices(client, planner, nordsachsen):
    found = survey(nordsachsen)
    client.force_login(planner)
    html = client.get(reverse("wagtailsnippets_surveys_survey:edit", args=[found.pk])).content
    html = html.decode()
    assert 'name="questions-0-choices-TOTAL_FORMS"' in html and 'value="Fahrrad"' in html
    listing = client.get(reverse("wagtailsnippets_surveys_survey:list")).content.decode()
    assert "Ergebnisse veröffentlichen …" in listing and "Antworten als XLSX" in listing


def test_publishing_and_withdrawing_the_results(client, planner, nordsachsen):
    found = survey(nordsachsen, phase="closed")
    client.force_login(planner)
    address = reverse("kek_survey_publish_results", args=[found.pk])
    page = client.get(address).content.decode()
    assert "Freitextantworten werden nie veröffentlicht" in page
    assert client.get(f"/beteiligung/umfragen/{found.pk}/ergebnisse/").status_code == 404
    assert client.post(address, {"aktion": "veroeffentlichen"}).status_code == 302
    assert Survey.objects.get(pk=found.pk).results_published_at is not None
    assert client.get(f"/beteiligung/umfragen/{found.pk}/ergebnisse/").status_code == 200
    assert client.post(address, {"aktion": "zuruecknehmen"}).status_code == 302
    assert Survey.objects.get(pk=found.pk).results_published_at is None
    assert client.get(f"/beteiligung/umfragen/{found.pk}/ergebnisse/").status_code == 404


def test_deleting_a_survey_takes_its_questions(client, planner, nordsachsen):
    found = survey(nordsachsen)
    client.force_login(planner)
    client.post(reverse("wagtailsnippets_surveys_survey:delete", args=[found.pk]))
    assert not Survey.objects.filter(pk=found.pk).exists()
    assert not Question.objects.filter(survey_id=found.pk).exists()
    assert not Choice.objects.filter(question__survey_id=found.pk).exists()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"text": "Welche?", "kind": "single", "choices": ["Nur eine"]},
         "Eine Auswahlfrage braucht mindestens zwei Antwortmöglichkeiten."),
        ({"text": "Wie sehr?", "kind": "scale", "choices": ["a", "b"]},
         "Nur Einfach- und Mehrfachauswahl haben Antwortmöglichkeiten"),
    ],
)  # fmt: skip
def test_choices_must_fit_the_kind_of_question(client, planner, nordsachsen, row, message):
    client.force_login(planner)
    response = client.post(
        reverse("wagtailsnippets_surveys_survey:add"),
        admin_form(nordsachsen, "Unpassend", [row]),
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Survey.objects.filter(title="Unpassend").exists()
