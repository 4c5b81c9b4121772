"""The default committee content of Nordsachsen (data/nordsachsen/committees.yaml): only the
known facts, loaded once, never over a planner's data; a bad file is refused clearly."""

from datetime import date

import pytest
from django.utils import timezone

from kek.committees import defaults
from kek.committees.models import AgendaItem, Body, Meeting, Organization, Person

pytestmark = pytest.mark.django_db


def _without_body(region) -> None:
    """The body goes; the version and the projects it adopted keep no link (PROTECT)."""
    from kek.goals.models import Concept
    from kek.projects.models import Project

    Concept.objects.filter(region=region).update(adoption=None)
    Project.objects.filter(region=region).update(resolution=None)
    Body.objects.filter(region=region).delete()


def test_the_shipped_defaults(nordsachsen):
    body = Body.objects.get(region=nordsachsen)
    assert body.name == "Landkreis Nordsachsen" and body.classification == "Landkreis"
    assert body.website == "" and body.license == ""
    names = list(Organization.objects.filter(body=body).values_list("name", flat=True))
    assert names == [
        "Kreistag",
        "Steuerungsgruppe",
        "Arbeitsgruppe Wirtschaft & Innovation",
        "Arbeitsgruppe Bildung & Qualifikation",
        "Arbeitsgruppe Lebenswerter Landkreis",
        "Bürgermeisterrunde",
    ]
    assert not Person.objects.filter(body=body).exists()  # no invented people
    days = sorted(timezone.localtime(m.start).date() for m in Meeting.objects.filter(body=body))
    assert days == [date(2019, 6, 3), date(2019, 6, 5), date(2019, 6, 6), date(2021, 3, 24),
                    date(2021, 6, 30)]  # fmt: skip
    assert not Meeting.objects.filter(body=body, start_time_known=True).exists()
    assert not Meeting.objects.filter(organizations__name="Bürgermeisterrunde").exists()
    assert not Meeting.objects.filter(location__isnull=False).exists()
    adoption = AgendaItem.objects.get(meeting__start__date="2021-03-24")
    assert adoption.name == "Kreisentwicklungskonzept Nordsachsen 2030"
    assert adoption.result == "unverändert beschlossen" and adoption.number == ""
    catalogue = AgendaItem.objects.get(meeting__start__date="2021-06-30")
    # committees.yaml leaves it open; the catalogue's import records it as adopted.
    assert catalogue.result == "beschlossen" and catalogue.number == ""
    assert list(adoption.meeting.organizations.values_list("name", flat=True)) == ["Kreistag"]


def test_loading_again_changes_nothing(nordsachsen):
    from kek.core.defaults import DEFAULT_DIR, read_spec

    Organization.objects.filter(name="Kreistag").update(description="Von Hand geändert")
    summary = defaults.load(nordsachsen, DEFAULT_DIR, read_spec(DEFAULT_DIR))
    assert summary == "Gremien: schon vorhanden, unverändert."
    assert Organization.objects.get(name="Kreistag").description == "Von Hand geändert"
    assert Organization.objects.filter(name="Kreistag").count() == 1


def test_a_district_without_a_body_gets_one(nordsachsen):
    from kek.core.defaults import DEFAULT_DIR, read_spec

    _without_body(nordsachsen)
    summary = defaults.load(nordsachsen, DEFAULT_DIR, read_spec(DEFAULT_DIR))
    assert summary == "Gremien: 6 Gremien, 5 Sitzungen mit 2 Tagesordnungspunkten angelegt."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organizations": [{"name": "Ohne Schlüssel"}]}, "„key“ und „name“ sind nötig"),
        ({"meetings": [{"name": "S", "organizations": ["fehlt"]}]}, "Ein Gremium „fehlt“"),
        ({"meetings": [{"name": "S", "date": "24.03.2021"}]}, "ist kein Datum"),
        ({"meetings": [{"name": "S", "state": "vertagt"}]}, "kein Stand einer Sitzung"),
        ({"meetings": [{"name": "S", "agenda": [{"top": 7}]}]}, "Unbekannte Angabe „top“"),
        ({"sitzungen": []}, "sitzungen"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(nordsachsen, data, message):
    _without_body(nordsachsen)
    with pytest.raises(Exception) as failure:
        defaults.load_file(nordsachsen, data, "committees.yaml")
    assert message in str(failure.value)
    assert "committees.yaml" in str(failure.value)
    assert not Body.objects.filter(region=nordsachsen).exists()
