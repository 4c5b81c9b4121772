"""The plain-text resolution sentence of documents (issue 14): day, committee, TOP and
Beschlussnummer of a public agenda item; only day and committee of a non-public one."""

import datetime as dt

import pytest

from kek.committees.resolutions import by_committee, record_resolution, sentence

from ..regions.factories import RegionFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 16)


def test_a_public_resolution_names_day_committee_top_and_number():
    region = RegionFactory()
    item = record_resolution(region, "Kreistag", DAY, "Radverkehrskonzept", "", "7", "KT/2024/3")
    expected = "beschlossen am 16.05.2024 vom Kreistag (TOP 7), Beschluss Nr. KT/2024/3"
    assert sentence(item) == expected


def test_a_non_public_resolution_names_only_day_and_committee():
    region = RegionFactory()
    item = record_resolution(region, "Kreisausschuss", DAY, "Grundstück", "vertagt", "9", "KA/1")
    item.public = False
    item.save()
    assert sentence(item) == "beschlossen am 16.05.2024 vom Kreisausschuss"


def test_the_defaults_adoption_is_the_kreistags(concept):
    assert sentence(concept.adoption) == "unverändert beschlossen am 24.03.2021 vom Kreistag"


def test_no_resolution_says_nothing():
    assert sentence(None) == ""


@pytest.mark.parametrize(
    ("committee", "text"),
    [
        ("Kreistag", "vom Kreistag"),
        ("Steuerungsgruppe", "von der Steuerungsgruppe"),
        ("Ausschuss für Umwelt", "vom Gremium „Ausschuss für Umwelt“"),
    ],
)
def test_the_committee_in_the_dative(committee, text):
    assert by_committee(committee) == text
