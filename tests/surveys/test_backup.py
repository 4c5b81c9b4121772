"""The surveys in a district's backup (kek backup): surveys, questions, choices, responses and
answers of the district, nothing of another district."""

import pytest

from kek.surveys.public import backup_rows

from .world import respond, survey

pytestmark = pytest.mark.django_db


def test_the_backup_has_the_districts_surveys_and_responses(nordsachsen, participant):
    from kek.regions.models import Region

    found = survey(nordsachsen)
    respond(found, user=participant)
    leipzig, _ = Region.objects.get_or_create(
        ags="14729", defaults={"name": "Leipzig", "level": Region.Level.DISTRICT}
    )
    respond(survey(leipzig, title="Anderswo"), token="x")
    surveys, questions, choices, responses, answers = backup_rows(nordsachsen)
    assert set(surveys.values_list("title", flat=True)) == {
        "Umfrage Mobilität", "Beispielumfrage zur Kreisentwicklung"
    }  # fmt: skip
    assert questions.count() == 8 and choices.count() == 6 + 8
    assert list(responses.values_list("user", flat=True)) == [participant.pk]
    assert answers.count() == 4
