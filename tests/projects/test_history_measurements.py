"""Measurements and milestones a project lead records on the public site are on record with
the lead (issue 16), each in its own history besides the note in the project's."""

import pytest

from kek.projects.models import Measurement, Milestone

from .lead_world import build_world, milestone_data, milestone_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


@pytest.fixture
def world(db):
    return build_world()


def test_a_measurement_from_the_lead_form_is_recorded_with_the_lead(client, world):
    client.force_login(world.lead)
    data = {
        "aktion": "messwert",
        "messwert-indicator": str(world.indicator.pk),
        "messwert-date": "2024-12-31",
        "messwert-value": "20,5",
        "messwert-source": "Tiefbauamt",
        "messwert-note": "",
    }
    assert client.post(world.update_url(), data).status_code == 302
    measurement = Measurement.objects.get(indicator=world.indicator, value=20.5)
    record = measurement.history.get()
    assert (record.history_type, record.history_user) == ("+", world.lead)
    assert record.history_actor == "radwegamt"


def test_milestone_edits_from_the_lead_form_are_recorded_one_by_one(client, world):
    client.force_login(world.lead)
    data = milestone_data(
        world,
        [
            milestone_row(world.milestone, title="Planfeststellung erteilt"),
            {"date": "2026-09-30", "title": "Baubeginn"},
        ],
    )
    assert client.post(world.update_url(), data).status_code == 302
    changed = world.milestone.history.first()
    assert (changed.history_type, changed.title, changed.history_user) == (
        "~",
        "Planfeststellung erteilt",
        world.lead,
    )
    added = Milestone.objects.get(title="Baubeginn").history.get()
    assert (added.history_type, added.history_user) == ("+", world.lead)

    data = milestone_data(world, [milestone_row(world.milestone, DELETE=True)], initial=1)
    client.post(world.update_url(), data)
    deleted = Milestone.history.filter(id=world.milestone.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", world.lead)
