"""An event's registration window and its checks (kek.events.models.Event)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from .world import event, place

pytestmark = pytest.mark.django_db


def test_registration_is_open_only_in_its_window_for_a_planned_event(nordsachsen):
    now = timezone.now()
    found = event(nordsachsen, registration_opens=now + timedelta(days=1),
                  registration_closes=now + timedelta(days=5))  # fmt: skip
    assert not found.registration_open(now)
    assert found.registration_open(now + timedelta(days=2))
    assert not found.registration_open(now + timedelta(days=6))
    found.registration_closes = None  # until it begins
    assert found.registration_open(found.start - timedelta(minutes=1))
    assert not found.registration_open(found.start)
    found.state = "verschoben"
    assert not found.registration_open(now + timedelta(days=2))
    found.state, found.registration = "geplant", False
    assert not found.registration_open(now + timedelta(days=2))


def test_the_checks_name_the_field_in_german(nordsachsen, site_for):
    from kek.regions.models import Region

    found = event(nordsachsen)
    found.end = found.start - timedelta(hours=1)
    found.state = "abgesagt"
    found.location = place(Region.objects.get(ags="14729"), "Rathaus", "Leipzig")
    with pytest.raises(ValidationError) as failed:
        found.clean()
    assert failed.value.message_dict == {
        "end": ["Das Ende liegt vor dem Beginn."],
        "reason": ["Bitte den Grund der Absage oder Verschiebung angeben."],
        "location": ["Dieser Ort gehört zu einem anderen Landkreis."],
    }
