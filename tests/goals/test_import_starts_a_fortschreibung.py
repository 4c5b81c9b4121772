"""Issue 11: a Fortschreibung that `kek import-concept` starts (a file with a new draft version
and its predecessor) takes the SWOT and the project catalogue over, as one started in the back
office does; importing the same file again copies nothing twice."""

import pytest

from kek.goals import exchange
from kek.goals.concept_db import export_district
from kek.goals.models import Concept
from kek.swot.models import SwotItem

pytestmark = pytest.mark.django_db


def test_the_new_version_of_the_file_has_the_swot_and_the_catalogue(
    nordsachsen, concept, kek, tmp_path
):
    data = export_district(nordsachsen)
    data.versions.append(
        exchange.Version(
            version=2, title=concept.title, status="draft", predecessor=1,
            fields=export_district(nordsachsen).versions[0].fields,
        )
    )  # fmt: skip
    path = tmp_path / "konzept.yaml"
    exchange.write(data, path)
    items = sorted(SwotItem.objects.filter(concept=concept).values_list("kind", "title"))

    kek("import-concept", "--district", "14730", str(path))
    kek("import-concept", "--district", "14730", str(path))

    second = Concept.objects.get(region=nordsachsen, version=2)
    assert sorted(SwotItem.objects.filter(concept=second).values_list("kind", "title")) == items
    assert set(second.projects.values_list("number", flat=True)) == set(
        concept.projects.values_list("number", flat=True)
    )
    assert second.projects.count() == 15
    linked = second.projects.filter(subgoals__concept=second).distinct().count()
    assert linked == 15
