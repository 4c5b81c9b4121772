"""A lead's implausible value is not saved silently: the form says why and asks for
confirmation; a confirmed one waits "zur Prüfung", outside the evaluation and the public pages,
until a planner accepts it in the back office (issue 11, "Review before publication")."""

import datetime as dt
import re

import pytest

from kek.projects.evaluation import evaluate_indicators
from kek.projects.models import Measurement

from .. import permission_walk as pw
from ..goals.factories import ConceptFactory
from ..regions.factories import RegionFactory
from .factories import ProjectFactory
from .review_world import (
    SLIP_REASON,
    accept_url,
    build_review_world,
    confirm,
    flagged,
    reject_url,
    value_data,
    visitors,
    warned,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

REVIEW = "/admin/kek/messwerte/pruefung/"


@pytest.fixture
def world(db):
    return build_review_world()


@pytest.fixture
def as_lead(client, world):
    client.force_login(world.lead)
    return client


def result(world):
    return evaluate_indicators([visitors(world)])[visitors(world).pk]


def new_value(world) -> Measurement | None:
    return visitors(world).measurements.filter(date=dt.date(2024, 12, 31)).first()


# ----------------------------------------------------------------------------- the lead's form


@pytest.mark.parametrize("typed", ["1.234,5", "1,234.5"])
def test_it_refuses_a_flagged_value_without_confirmation_and_says_why(as_lead, world, typed):
    before = pw.snapshot()
    response = as_lead.post(world.update_url(), value_data(world, typed))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(SLIP_REASON) == 2  # at the field and in the error summary
    assert 'for="id_messwert-confirm">Wert trotzdem speichern' in html
    assert pw.snapshot() == before


def test_a_plausible_value_asks_nothing_and_counts_at_once(as_lead, world):
    response = as_lead.post(world.update_url(), value_data(world, "51,5"))
    assert response.status_code == 302
    assert (new_value(world).value, new_value(world).review) == (51.5, Measurement.Review.OK)
    assert "Wert trotzdem speichern" not in as_lead.get(world.update_url()).content.decode()


def test_a_confirmed_value_waits_for_review_outside_the_evaluation(as_lead, world):
    before = result(world)
    response = confirm(as_lead, world, "1.234,5")
    assert response.status_code == 302
    measurement = new_value(world)
    assert (measurement.value, measurement.review) == (1234.5, Measurement.Review.PENDING)
    assert measurement.review_reason == SLIP_REASON
    assert result(world) == before
    record = measurement.history.get()
    assert (record.history_user, record.review) == (world.lead, Measurement.Review.PENDING)
    page = as_lead.get(world.update_url()).content.decode()
    assert "Zur Prüfung" in page and SLIP_REASON in page


def test_a_confirmation_holds_only_for_the_value_that_was_flagged(as_lead, world):
    first = as_lead.post(world.update_url(), value_data(world, "1.234,5"))
    changed = value_data(world, "2.345,6", confirm="on", warned=warned(first))
    response = as_lead.post(world.update_url(), changed)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der Wert 2345,6 ist mehr als zehnmal so groß" in html
    # Asked again, with the box unticked.
    (box,) = re.findall(r'<input[^>]*name="messwert-confirm"[^>]*>', html)
    assert "checked" not in box
    assert new_value(world) is None


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("-3", "Der Wert −3 ist negativ; in der Einheit „Personen“ gibt es nur Werte ab 0."),
        ("70", "Der Wert 70 weicht um 20 vom vorigen Wert (50 am 31.12.2023) ab"),
    ],
)
def test_a_negative_count_and_a_jump_are_flagged_too(as_lead, world, typed, reason):
    response = as_lead.post(world.update_url(), value_data(world, typed))
    assert reason in response.content.decode()
    assert new_value(world) is None


def test_a_percentage_above_100_is_flagged(as_lead, world):
    world.indicator.unit = "%"
    world.indicator.save()
    data = value_data(world, "120", indicator=world.indicator)
    response = as_lead.post(world.update_url(), data)
    assert "Der Wert 120 liegt außerhalb von 0 bis 100 %" in response.content.decode()
    assert not world.indicator.measurements.filter(date=dt.date(2024, 12, 31)).exists()


def test_the_thresholds_come_from_the_settings(as_lead, world, settings):
    settings.KEK_PLAUSIBILITY = {"slip_factor": 100, "jump_factor": 1000, "range_margin": 200}
    response = as_lead.post(world.update_url(), value_data(world, "1.234,5"))
    assert response.status_code == 302
    assert new_value(world).review == Measurement.Review.OK


# ----------------------------------------------------------------------------- the planner


def test_a_planner_accepts_a_value_and_it_counts_from_then_on(as_lead, world, planner):
    confirm(as_lead, world, "1.234,5")
    measurement, before = new_value(world), result(world)
    as_lead.force_login(planner)
    listing = as_lead.get(REVIEW)
    html = listing.content.decode()
    assert listing.status_code == 200
    assert SLIP_REASON in html and "Nutzende der Radwegekirche" in html
    assert "radwegamt" in html  # who entered it
    assert "31.12.2023: 50" in html  # the earlier values, for comparison
    response = as_lead.post(accept_url(measurement), {"status": "pending"})
    assert response.status_code == 302 and response["Location"].startswith(REVIEW)
    measurement.refresh_from_db()
    assert measurement.review == Measurement.Review.OK
    assert result(world) != before
    latest = measurement.history.order_by("-history_id").first()
    assert (latest.history_user, latest.review) == (planner, Measurement.Review.OK)
    assert latest.history_change_reason == "Messwert geprüft und angenommen"
    assert SLIP_REASON not in as_lead.get(REVIEW).content.decode()


def test_a_rejected_value_stays_on_record_but_does_not_count(client, world, planner):
    measurement, before = flagged(world), result(world)
    client.force_login(planner)
    client.post(reject_url(measurement))
    measurement.refresh_from_db()
    assert measurement.review == Measurement.Review.REJECTED
    assert result(world) == before
    assert measurement.history.order_by("-history_id").first().history_user == planner
    rejected = client.get(f"{REVIEW}?status=rejected").content.decode()
    assert SLIP_REASON in rejected and "abgelehnt von planerin" in rejected
    client.force_login(world.lead)
    assert "Abgelehnt" in client.get(world.update_url()).content.decode()


def test_a_value_under_review_is_not_on_the_public_page(client, world):
    flagged(world)
    url = f"{world.project_url()}indikatoren/{visitors(world).pk}.csv/"
    csv = client.get(url).content.decode()
    assert "2023-12-31" in csv and "2024-12-31" not in csv


@pytest.mark.parametrize("role", ["participant", "other_lead", "lead"])
@pytest.mark.parametrize("action", [accept_url, reject_url])
def test_only_a_planner_can_decide(client, world, request, role, action):
    measurement = flagged(world)
    user = getattr(world, role) if "lead" in role else request.getfixturevalue(role)
    client.force_login(user)
    before = pw.snapshot(ignore=pw.ADMIN_VISIT)
    response = client.post(action(measurement))
    assert response.status_code == 302 and response["Location"].startswith(pw.ADMIN_LOGIN)
    assert client.get(REVIEW)["Location"].startswith(pw.ADMIN_LOGIN)
    assert pw.snapshot(ignore=pw.ADMIN_VISIT) == before


def test_the_it_administration_may_enter_the_back_office_but_not_decide(client, world, admin_user):
    """Wagtail answers a refused permission in the back office with its dashboard."""
    measurement = flagged(world)
    client.force_login(admin_user)
    assert client.post(accept_url(measurement))["Location"] == pw.DASHBOARD
    assert client.get(REVIEW)["Location"] == pw.DASHBOARD
    measurement.refresh_from_db()
    assert measurement.review == Measurement.Review.PENDING


def test_the_listing_filters_by_district(client, world, planner):
    flagged(world)
    elsewhere = RegionFactory(name="Landkreis Nebenan")
    ProjectFactory(concept=ConceptFactory(region=elsewhere))
    client.force_login(planner)
    assert SLIP_REASON in client.get(f"{REVIEW}?gebiet={world.concept.region.ags}").content.decode()
    other = client.get(f"{REVIEW}?gebiet={elsewhere.ags}").content.decode()
    assert SLIP_REASON not in other and "Keine." in other
