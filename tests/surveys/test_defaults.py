"""The default content (F23): Nordsachsen's example survey, marked "Beispielinhalt", closed,
with one question of each kind; the loader adds nothing when the district has surveys and
refuses a bad file with a German message."""

import pytest
from django.utils import timezone

from kek.surveys import defaults
from kek.surveys.models import Survey

pytestmark = pytest.mark.django_db


def test_the_example_survey_is_closed_and_marked(client, nordsachsen):
    (example,) = Survey.objects.filter(district=nordsachsen)
    assert example.is_example and example.title == "Beispielumfrage zur Kreisentwicklung"
    assert example.closes_at < timezone.now() and example.phase() == "closed"
    assert not example.results_published and not example.anonymous_allowed
    kinds = [q.kind for q in example.questions.order_by("position")]
    assert kinds == ["single", "multiple", "scale", "free_text"]
    single = example.questions.get(kind="single")
    assert single.required and single.choices.count() == 4
    assert example.questions.get(kind="scale").choices.count() == 0
    html = client.get(f"/beteiligung/umfragen/{example.pk}/").content.decode()
    assert "Beispielinhalt" in html and "Die Beteiligung ist geschlossen;" in html
    assert "Beispielinhalt" in client.get("/beteiligung/umfragen/").content.decode()


def test_the_loader_leaves_existing_surveys_alone(nordsachsen):
    from kek.core.defaults import DEFAULT_DIR, read_spec

    summary = defaults.load(nordsachsen, DEFAULT_DIR, read_spec(DEFAULT_DIR))
    assert summary == "Umfragen: schon vorhanden, unverändert."
    assert Survey.objects.filter(district=nordsachsen).count() == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"title": "X", "questions": [{"text": "F?", "kind": "rating"}]}, "ist keine Art"),
        ({"title": "X", "questions": [{"text": "F?", "kind": "single", "choices": ["a"]}]},
         "mindestens zwei Antworten"),
        ({"title": "X", "questions": [{"text": "F?", "kind": "scale", "choices": ["a", "b"]}]},
         "Nur Auswahlfragen"),
        ({"title": "X", "closes_at": "morgen"}, "ist kein Zeitpunkt"),
        ({"questions": []}, "Die Angabe fehlt"),
        ({"title": "X", "colour": "rot"}, "colour"),
    ],
)  # fmt: skip
def test_a_bad_entry_is_refused_and_nothing_is_stored(nordsachsen, entry, message):
    Survey.objects.all().delete()
    with pytest.raises(Exception, match=message):
        defaults.load_file(nordsachsen, {"surveys": [entry]}, "surveys.yaml")
    assert not Survey.objects.exists()
