"""The default content's resolutions are the Kreistag's agenda items (F19, issue 12): whichever
of concept.yaml, catalogue.yaml and committees.yaml is loaded first, there is one Kreistag
meeting on 24 March 2021 and one on 30 June 2021, each with its one agenda item; version 1
points at the first, the catalogue's projects at the second; loading again changes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.committees import defaults as committees
from kek.committees.models import AgendaItem, Body, Meeting, Organization
from kek.core.defaults import DEFAULT_DIR, load_defaults, read_spec
from kek.goals import defaults as goals
from kek.goals.models import Concept
from kek.projects import defaults as projects
from kek.projects.models import Project
from kek.regions.models import Region

pytestmark = pytest.mark.django_db
LOADERS = {"committees": committees.load, "goals": goals.load, "projects": projects.load}


def kreistag_meetings(region) -> dict[dt.date, list[str]]:
    meetings = Meeting.objects.filter(body__region=region, organizations__name="Kreistag")
    return {
        timezone.localtime(m.start).date(): list(m.agenda_items.values_list("name", flat=True))
        for m in meetings
    }


def state(region) -> tuple:
    return (
        tuple(m.objects.filter(body__region=region).count() for m in (Meeting, AgendaItem)),
        Organization.objects.filter(body__region=region).count(),
        AgendaItem.history.count(),
        sorted(Concept.objects.filter(region=region).values_list("adoption", flat=True)),
        sorted(Project.objects.filter(region=region).values_list("resolution", flat=True)),
    )


@pytest.mark.parametrize(
    "order",
    [
        ("committees", "goals", "projects"),
        ("goals", "committees", "projects"),
        ("goals", "projects", "committees"),
    ],
)
def test_any_order_ends_with_one_meeting_and_item_per_resolution(without_defaults, order):
    spec = read_spec(DEFAULT_DIR)
    region = Region.objects.get(ags="14730", level=Region.Level.DISTRICT)
    Body.objects.filter(region=region).delete()
    for name in order:
        LOADERS[name](region, DEFAULT_DIR, spec)
    assert kreistag_meetings(region) == {
        dt.date(2021, 3, 24): ["Kreisentwicklungskonzept Nordsachsen 2030"],
        dt.date(2021, 6, 30): ["Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030"],
    }
    # the whole committees file came too (its working groups), not only what the others named
    assert Meeting.objects.filter(body__region=region).count() == 5
    concept = Concept.objects.get(region=region, version=1)
    assert concept.adoption.name == "Kreisentwicklungskonzept Nordsachsen 2030"
    assert concept.adoption.result == "unverändert beschlossen"
    resolutions = set(Project.objects.filter(concepts=concept).values_list("resolution", flat=True))
    catalogue = AgendaItem.objects.get(name__startswith="Projektkatalog", body__region=region)
    assert resolutions == {catalogue.pk}


def test_load_defaults_twice_changes_nothing(nordsachsen):
    before = state(nordsachsen)
    load_defaults()
    assert state(nordsachsen) == before
