"""The leads' world (lead_world.py) with an indicator whose values are around 50, for the
plausibility checks and the planners' review of flagged values."""

import datetime as dt
import re

from django.urls import reverse

from kek.projects.models import Measurement, TargetIndicator

from .factories import MeasurementFactory, TargetIndicatorFactory
from .lead_world import LeadWorld, build_world

NEW_DATE = "2024-12-31"
SLIP_REASON = (
    "Der Wert 1234,5 ist mehr als zehnmal so groß wie die bisherigen Werte (um 50). "
    "Bitte prüfen Sie das Dezimaltrennzeichen."
)


def build_review_world() -> LeadWorld:
    world = build_world()
    visitors = TargetIndicatorFactory(
        project=world.project,
        title="Nutzende der Radwegekirche",
        unit="Personen",
        target_value=60,
        target_year=2030,
    )
    for year, value in zip(range(2019, 2024), (48, 50, 52, 49, 50), strict=True):
        MeasurementFactory(indicator=visitors, date=dt.date(year, 12, 31), value=value)
    world.visitors = visitors  # type: ignore[attr-defined]
    return world


def visitors(world: LeadWorld) -> TargetIndicator:
    return world.visitors  # type: ignore[attr-defined]


def value_data(world: LeadWorld, value: str, indicator=None, **changes) -> dict:
    data = {
        "aktion": "messwert",
        "messwert-indicator": str((indicator or visitors(world)).pk),
        "messwert-date": NEW_DATE,
        "messwert-value": value,
        "messwert-source": "Zählung",
        "messwert-note": "",
    }
    return {**data, **{f"messwert-{key}": v for key, v in changes.items()}}


def warned(response) -> str:
    """What the page asks to confirm (its hidden field), as the browser would send it back."""
    found = re.search(r'name="messwert-warned" value="([^"]*)"', response.content.decode())
    assert found, "the page asks for no confirmation"
    return found.group(1)


def confirm(client, world: LeadWorld, value: str, **changes):
    """Post `value`, see the warning, confirm it: the response of the second post."""
    first = client.post(world.update_url(), value_data(world, value, **changes))
    assert first.status_code == 200, "the value was not flagged"
    return client.post(
        world.update_url(),
        value_data(world, value, confirm="on", warned=warned(first), **changes),
    )


def flagged(world: LeadWorld, value: float = 1234.5) -> Measurement:
    """A value that waits for review, as a confirmed slip leaves it."""
    return Measurement.objects.create(
        indicator=visitors(world),
        date=dt.date(2024, 12, 31),
        value=value,
        review=Measurement.Review.PENDING,
        review_reason=SLIP_REASON,
    )


def accept_url(measurement: Measurement) -> str:
    return reverse("kek_measurement_accept", args=[measurement.pk])


def reject_url(measurement: Measurement) -> str:
    return reverse("kek_measurement_reject", args=[measurement.pk])
