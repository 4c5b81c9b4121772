"""The catalogue's filters offer each lead body once and the district's municipalities, sorted
and each once (issue 11: the lead body was listed once per project, the municipality filter
only had the municipalities some project named)."""

import re

import pytest
from django.test import override_settings

from kek.projects.evaluation import models_q
from kek.projects.models import Project, TargetIndicator
from kek.regions.models import Region

from ..regions.factories import RegionFactory
from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(concept):
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Project.objects.filter(concepts=concept).delete()
        TargetIndicator.objects.filter(models_q(concept)).delete()
    return concept


def options(client, name: str) -> list[tuple[str, str]]:
    response = client.get("/projekte/")
    assert response.status_code == 200
    html = response.content.decode()
    select = html.split(f'name="{name}"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_it_lists_each_lead_body_once(client, concept):
    for number in ("P1", "P2", "P3"):
        ProjectFactory(concept=concept, number=number, lead_body="Landratsamt, Kreisentwicklung")
    ProjectFactory(concept=concept, number="P4", lead_body="Amt für Bildung")
    ProjectFactory(concept=concept, number="P5", lead_body="")
    assert options(client, "federfuehrung") == [
        ("", "Alle"),
        ("Amt für Bildung", "Amt für Bildung"),
        ("Landratsamt, Kreisentwicklung", "Landratsamt, Kreisentwicklung"),
    ]
    response = client.get("/projekte/?federfuehrung=Landratsamt%2C+Kreisentwicklung")
    assert "3 Projekte gefunden" in response.content.decode()


def test_it_lists_the_districts_municipalities_sorted_and_once(client, concept):
    district = concept.region
    municipalities = Region.objects.filter(
        level=Region.Level.MUNICIPALITY, ags__regex=rf"^{district.ags}[0-9]{{3}}$"
    )
    assert municipalities.count() > 10  # the shipped municipal statistics
    torgau = municipalities.get(name__startswith="Torgau")
    elsewhere = RegionFactory(
        ags="14729150",
        name="Anderswo",
        level=Region.Level.MUNICIPALITY,
        parent=Region.objects.get(ags="14729"),
    )
    for number in ("P1", "P2"):  # two projects in the same place
        torgau.projects.add(ProjectFactory(concept=concept, number=number))
    choices = options(client, "gemeinde")
    assert choices[0] == ("", "Alle")
    names = [name for _, name in choices[1:]]
    keys = [key for key, _ in choices[1:]]
    assert sorted(keys) == sorted(m.ags for m in municipalities)  # none missing, none foreign
    assert elsewhere.ags not in keys
    assert len(keys) == len(set(keys))
    assert names == sorted(names, key=str.casefold)
    response = client.get(f"/projekte/?gemeinde={torgau.ags}")
    assert "2 Projekte gefunden" in response.content.decode()
