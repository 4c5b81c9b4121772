"""Project leads correct the measured values of their own projects' indicators; a corrected
value is checked for plausibility again, and every change stays in the value's history
(issue 11)."""

import datetime as dt

import pytest

from kek.projects.models import Measurement

from .. import permission_walk as pw
from .factories import MeasurementFactory
from .review_world import SLIP_REASON, build_review_world, flagged, visitors, warned

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


@pytest.fixture
def world(db):
    return build_review_world()


@pytest.fixture
def as_lead(client, world):
    client.force_login(world.lead)
    return client


def stored(world, year: int = 2022) -> Measurement:
    return world.indicator.measurements.get(date=dt.date(year, 12, 31))


def correction(measurement: Measurement, value: str, **changes) -> dict:
    data = {
        "aktion": "messwert",
        "messwert-korrigiert": str(measurement.pk),
        "messwert-date": measurement.date.isoformat(),
        "messwert-value": value,
        "messwert-source": measurement.source,
        "messwert-note": measurement.note,
    }
    return {**data, **{f"messwert-{key}": v for key, v in changes.items()}}


def test_it_offers_each_value_for_correction_with_the_value_filled_in(as_lead, world):
    measurement = stored(world)
    page = as_lead.get(world.update_url()).content.decode()
    assert f'href="?korrigieren={measurement.pk}#messwert"' in page
    form = as_lead.get(f"{world.update_url()}?korrigieren={measurement.pk}").content.decode()
    assert "Messwert vom 31.12.2022 korrigieren" in form
    assert f'name="messwert-korrigiert" value="{measurement.pk}"' in form
    assert 'name="messwert-value" value="12"' in form


def test_it_lets_the_lead_correct_an_own_value_and_keeps_the_old_one_on_record(as_lead, world):
    measurement = stored(world)
    response = as_lead.post(
        world.update_url(), correction(measurement, "13,5", note="Nachgemessen")
    )
    assert response.status_code == 302
    measurement.refresh_from_db()
    assert (measurement.value, measurement.note, measurement.review) == (13.5, "Nachgemessen", "ok")
    old, new = measurement.history.order_by("history_id")
    assert (old.value, new.value, new.history_user) == (12, 13.5, world.lead)
    reason = world.project.history.order_by("-history_id").first().history_change_reason
    assert reason.startswith("Messwert 31.12.2022: 12 → 31.12.2022: 13,5")
    assert Measurement.objects.filter(indicator=world.indicator).count() == 1


def test_a_correction_is_checked_again(as_lead, world):
    measurement = visitors(world).measurements.get(date=dt.date(2023, 12, 31))
    before = pw.snapshot()
    first = as_lead.post(world.update_url(), correction(measurement, "1.234,5"))
    assert "Der Wert 1234,5 ist mehr als zehnmal so groß" in first.content.decode()
    assert pw.snapshot() == before
    data = correction(measurement, "1.234,5", confirm="on", warned=warned(first))
    assert as_lead.post(world.update_url(), data).status_code == 302
    measurement.refresh_from_db()
    assert (measurement.value, measurement.review) == (1234.5, Measurement.Review.PENDING)


def test_a_rejected_value_corrected_to_a_plausible_one_counts_again(as_lead, world):
    measurement = flagged(world)
    Measurement.objects.filter(pk=measurement.pk).update(review=Measurement.Review.REJECTED)
    as_lead.post(world.update_url(), correction(measurement, "51,2"))
    measurement.refresh_from_db()
    assert (measurement.value, measurement.review, measurement.review_reason) == (51.2, "ok", "")


def test_a_correction_of_the_note_only_keeps_the_review_and_asks_nothing(as_lead, world):
    measurement = flagged(world)
    data = correction(measurement, "1.234,5", note="Sonderzählung zum Radfest")
    assert as_lead.post(world.update_url(), data).status_code == 302
    measurement.refresh_from_db()
    assert measurement.note == "Sonderzählung zum Radfest"
    assert (measurement.review, measurement.review_reason) == ("pending", SLIP_REASON)


def test_a_correction_keeps_its_indicator(as_lead, world):
    measurement = stored(world)
    data = correction(measurement, "14", indicator=str(visitors(world).pk))
    as_lead.post(world.update_url(), data)
    measurement.refresh_from_db()
    assert (measurement.indicator_id, measurement.value) == (world.indicator.pk, 14)


def test_a_correction_onto_the_date_of_another_value_is_refused(as_lead, world):
    MeasurementFactory(indicator=world.indicator, date=dt.date(2023, 12, 31), value=13)
    response = as_lead.post(world.update_url(), correction(stored(world), "12", date="2023-12-31"))
    assert "gibt es am 31.12.2023 bereits einen Messwert" in response.content.decode()
    assert stored(world).value == 12


@pytest.mark.parametrize("how", ["get", "post"])
def test_a_value_of_another_project_cannot_be_corrected(as_lead, world, how):
    foreign = MeasurementFactory(indicator=world.other_indicator, date=dt.date(2023, 6, 30))
    before = pw.snapshot()
    if how == "get":
        response = as_lead.get(f"{world.update_url()}?korrigieren={foreign.pk}")
    else:
        response = as_lead.post(world.update_url(), correction(foreign, "99"))
    assert response.status_code == 404
    assert pw.snapshot() == before
