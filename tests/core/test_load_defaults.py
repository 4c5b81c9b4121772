import pytest
from wagtail.models import Site

from kek.core.defaults import load_defaults
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.regions.models import Region

# Verbatim from the district's page "Ergebnisse und Endbericht" (including its grammar).
SEED_VISIONS = {
    "Wirtschaft & Innovation": (
        "Nordsachsen ist ein attraktiver Wirtschaftsstandort in Mitteldeutschland, der den "
        "Strukturwandel durch Innovation und Digitalisierung gestaltet."
    ),
    "Bildung & Qualifikation": (
        "Nordsachsen bietet seine Bürgerinnen und Bürgern eine vielfältige Bildungslandschaft, "
        "die lebenslanges und bedarfsgerechtes Lernen ermöglicht."
    ),
    "lebenswerter Landkreis": (
        "Nordsachsen ist aufgrund seines starken Gemeinwesens sowie der Nähe zur Natur und den "
        "Zentren ein lebenswerter Wohn und Arbeitsort."
    ),
    "Infrastruktur & Mobilität": (
        "Nordsachsen verfügt über eine nachhaltige Infrastruktur, die Kommunikation, Mobilität "
        "und Versorgungssicherheit garantiert."
    ),
}


def test_it_loads_all_regions_of_germany(nordsachsen):
    assert Region.objects.filter(level="district").count() == 400
    assert Region.objects.filter(level="state").count() == 16
    assert nordsachsen.parent.ags == "14"
    assert nordsachsen.parent.parent.ags == "DG"
    assert nordsachsen.nuts == "DED53"


def test_it_loads_the_four_fields_with_their_visions_verbatim(concept):
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    assert [(f.number, f.title) for f in fields] == [
        ("1", "Wirtschaft & Innovation"),
        ("2", "Bildung & Qualifikation"),
        ("3", "lebenswerter Landkreis"),
        ("4", "Infrastruktur & Mobilität"),
    ]
    assert {f.title: f.vision for f in fields} == SEED_VISIONS
    assert not any(f.is_example for f in fields)


def test_it_marks_every_invented_goal_as_example(concept):
    goals = list(StrategicGoal.objects.filter(concept=concept)) + list(
        SubGoal.objects.filter(concept=concept)
    )
    assert goals
    assert all(goal.is_example for goal in goals)


def test_it_records_the_adoption_by_the_kreistag(concept):
    assert concept.status == Concept.Status.ADOPTED
    assert concept.adopted_by == "Kreistag"
    assert concept.adopted_on.isoformat() == "2021-03-24"
    assert concept.horizon_year == 2030


def test_running_it_twice_changes_nothing(nordsachsen, concept):
    goal = StrategicGoal.objects.filter(concept=concept).first()
    goal.title = "Von der Planerin geändert"
    goal.save()
    load_defaults()
    goal.refresh_from_db()
    assert goal.title == "Von der Planerin geändert"
    assert Concept.objects.filter(region=nordsachsen).count() == 1
    assert Site.objects.count() == 1


@pytest.mark.django_db
def test_the_command_reports_what_it_did(kek, capsys):
    kek("load-defaults")
    assert "417 Gebietseinheiten" in capsys.readouterr().out
    kek("load-defaults")
    assert "schon vorhanden" in capsys.readouterr().out
