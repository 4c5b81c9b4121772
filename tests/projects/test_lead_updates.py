"""Project leads update status, milestones and measurements of their own projects (F17)."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from kek.evaluation import methods
from kek.projects.evaluation import evaluate_indicators
from kek.projects.forms import GermanFloatField
from kek.projects.models import Measurement, Milestone, Project

from .lead_world import build_world, milestone_data, milestone_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def as_lead(client, world):
    client.force_login(world.lead)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def latest_history(project: Project):
    return project.history.order_by("-history_id").first()


def measurement_data(world, **changes) -> dict:
    data = {
        "aktion": "messwert",
        "messwert-indicator": str(world.indicator.pk),
        "messwert-date": "2024-12-31",
        "messwert-value": "20,5",
        "messwert-source": "Tiefbauamt",
        "messwert-note": "Abschnitt Eilenburg–Bad Düben fertig",
    }
    return {**data, **{f"messwert-{key}": value for key, value in changes.items()}}


# ----------------------------------------------------------------------------- the page


def test_the_lead_sees_labelled_forms_for_own_indicators_only(as_lead, world):
    response = as_lead.get(world.update_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label class="kern-label" for="id_status-status">Status' in html
    assert 'for="id_status-progress">Umsetzungsstand (%)' in html
    assert "<legend" in html and "Planfeststellung" in html
    assert f'<option value="{world.indicator.pk}">Fertiggestellte Radwege (km)' in html
    assert world.other_indicator.title not in html


def test_an_unknown_project_is_not_found(as_lead, world):
    response = as_lead.get(f"{world.home.url}projekte/9.9-gibt-es-nicht/aktualisieren/")
    assert response.status_code == 404


def test_only_get_and_post_are_allowed(as_lead, world):
    assert as_lead.put(world.update_url()).status_code == 405


# ----------------------------------------------------------------------------- status


def test_the_lead_updates_status_and_history_records_the_lead(as_lead, world):
    response = as_lead.post(
        world.update_url(),
        {"aktion": "status", "status-status": "completed", "status-progress": "95"},
    )
    assert response.status_code == 302
    assert response["Location"] == world.project_url()
    project = Project.objects.get(pk=world.project.pk)
    assert (project.status, project.progress) == ("completed", 95)
    entry = latest_history(project)
    assert entry.history_user == world.lead
    assert "Abgeschlossen" in entry.history_change_reason
    assert messages_of(response) == [
        "Status und Umsetzungsstand von „1.1 Radweg an der Mulde“ wurden gespeichert."
    ]


def test_the_project_page_shows_the_success_message_once(as_lead, world):
    data = {"aktion": "status", "status-status": "completed", "status-progress": ""}
    response = as_lead.post(world.update_url(), data, follow=True)
    assert response.redirect_chain == [(world.project_url(), 302)]
    assert "wurden gespeichert." in response.content.decode()
    assert "wurden gespeichert." not in as_lead.get(world.project_url()).content.decode()


def test_an_empty_progress_falls_back_to_the_status_default(as_lead, world):
    as_lead.post(world.update_url(), {"aktion": "status", "status-status": "planned"})
    project = Project.objects.get(pk=world.project.pk)
    assert project.progress is None
    assert project.effective_progress == Project.DEFAULT_PROGRESS["planned"]


def test_a_progress_above_100_is_refused_in_german(as_lead, world):
    history = world.project.history.count()
    response = as_lead.post(
        world.update_url(),
        {"aktion": "status", "status-status": "completed", "status-progress": "150"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "kleiner oder gleich 100" in html
    assert 'href="#id_status-progress"' in html  # the error summary links to the field
    assert 'aria-invalid="true"' in html
    project = Project.objects.get(pk=world.project.pk)
    assert (project.status, project.progress) == (world.project.status, None)
    assert world.project.history.count() == history


# ----------------------------------------------------------------------------- milestones


def test_the_lead_edits_and_adds_milestones(as_lead, world):
    data = milestone_data(
        world,
        [
            milestone_row(world.milestone, title="Planfeststellung erteilt", done=True),
            {"date": "2026-09-30", "title": "Baubeginn"},
        ],
    )
    response = as_lead.post(world.update_url(), data)
    assert response.status_code == 302, response.content.decode()
    edited = Milestone.objects.get(pk=world.milestone.pk)
    assert (edited.title, edited.done) == ("Planfeststellung erteilt", True)
    added = Milestone.objects.get(project=world.project, title="Baubeginn")
    assert added.date == dt.date(2026, 9, 30)
    entry = latest_history(world.project)
    assert entry.history_user == world.lead
    assert entry.history_change_reason == "Meilensteine: 1 neu, 1 geändert (Projektformular)"
    assert Milestone.objects.get(pk=world.other_milestone.pk).title == "Ausschreibung"


def test_the_lead_deletes_a_milestone(as_lead, world):
    data = milestone_data(world, [milestone_row(world.milestone, DELETE=True)])
    response = as_lead.post(world.update_url(), data)
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=world.milestone.pk).exists()
    assert latest_history(world.project).history_change_reason.startswith("Meilensteine: 1 gel")


def test_a_milestone_without_date_is_refused_in_german(as_lead, world):
    data = milestone_data(world, [milestone_row(world.milestone, date="", title="Neu")])
    response = as_lead.post(world.update_url(), data)
    assert response.status_code == 200
    assert "Dieses Feld muss ausgefüllt werden." in response.content.decode()
    assert Milestone.objects.get(pk=world.milestone.pk).title == "Planfeststellung"


@pytest.mark.parametrize("delete", [False, True])
def test_another_projects_milestone_cannot_be_smuggled_into_the_form(as_lead, world, delete):
    rows = list(Milestone.objects.order_by("pk").values())
    data = milestone_data(
        world, [milestone_row(world.other_milestone, title="Gekapert", DELETE=delete)]
    )
    as_lead.post(world.update_url(), data)
    # Django's formset ignores an initial form whose object is not among the project's own.
    assert list(Milestone.objects.order_by("pk").values()) == rows


# ----------------------------------------------------------------------------- measurements


def test_a_new_measurement_changes_the_evaluation(as_lead, world):
    before = evaluate_indicators([world.indicator])[world.indicator.pk]["status"]
    response = as_lead.post(world.update_url(), measurement_data(world))
    assert response.status_code == 302
    measurement = Measurement.objects.get(indicator=world.indicator, date=dt.date(2024, 12, 31))
    assert (measurement.value, measurement.source) == (20.5, "Tiefbauamt")
    after = evaluate_indicators([world.indicator])[world.indicator.pk]["status"]
    # 10 → 12 km in two years is slower than the 10 → 30 km by 2030 need; 20.5 km by 2024 not.
    assert (before, after) == (methods.NEEDS_ACCELERATION, methods.ON_TRACK)
    entry = latest_history(world.project)
    assert entry.history_user == world.lead
    assert "31.12.2024: 20,5" in entry.history_change_reason
    assert "Messwert 31.12.2024: 20,5" in messages_of(response)[0]


def test_a_second_value_on_the_same_date_is_refused_in_german(as_lead, world):
    rows = list(Measurement.objects.values())
    history = world.project.history.count()
    response = as_lead.post(world.update_url(), measurement_data(world, date="2022-12-31"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Für „Fertiggestellte Radwege“ gibt es am 31.12.2022 bereits einen Messwert." in html
    assert html.count("bereits einen Messwert") == 2  # at the field and in the summary
    assert list(Measurement.objects.values()) == rows
    assert world.project.history.count() == history


def test_an_indicator_of_another_project_is_not_offered(as_lead, world):
    data = measurement_data(world, indicator=str(world.other_indicator.pk))
    response = as_lead.post(world.update_url(), data)
    assert response.status_code == 200
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not world.other_indicator.measurements.exists()


def test_a_value_that_is_no_number_is_refused_in_german(as_lead, world):
    response = as_lead.post(world.update_url(), measurement_data(world, value="viel"))
    assert "Bitte eine Zahl eingeben." in response.content.decode()
    assert world.indicator.measurements.count() == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [("12,5", 12.5), ("12.5", 12.5), ("1.234,5", 1234.5), ("1.234", 1234.0), ("-0,25", -0.25)],
)
def test_values_are_read_as_germans_write_them(text, value):
    assert GermanFloatField().clean(text) == value


# ----------------------------------------------------------------------------- sign-in


def test_a_lead_signs_in_on_the_public_site_and_reaches_the_form(client, world):
    response = client.get(world.update_url())
    assert response.status_code == 302
    assert response["Location"] == f"/anmelden/?next={world.update_url()}"
    page = client.get(response["Location"])
    assert 'for="id_username">Benutzername' in page.content.decode()
    signed_in = client.post(
        "/anmelden/",
        {"username": "radwegamt", "password": "geheim-123", "next": world.update_url()},
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"] == world.update_url()
    form = client.get(world.update_url())
    assert form.status_code == 200
    assert "Radweg an der Mulde" in form.content.decode()
    assert 'for="id_status-status">Status' in form.content.decode()


def test_a_wrong_password_is_refused_in_german(client, world):
    response = client.post("/anmelden/", {"username": "radwegamt", "password": "falsch"})
    assert response.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in response.content.decode()


def test_my_projects_lists_the_leads_own_projects_with_their_forms(as_lead, world):
    html = as_lead.get("/meine-projekte/").content.decode()
    assert f'href="{world.update_url()}"' in html
    assert world.other_project.title not in html


def test_my_projects_needs_a_sign_in(client, world):
    response = client.get("/meine-projekte/")
    assert response["Location"] == "/anmelden/?next=/meine-projekte/"


def test_signing_out_ends_the_session(as_lead, world):
    response = as_lead.post("/abmelden/")
    assert response.status_code == 302
    assert as_lead.get(world.update_url()).status_code == 302
