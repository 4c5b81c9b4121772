"""The default forum topic (data/nordsachsen/forums.yaml): one example topic on strategic goal
1.1, marked "Beispielinhalt", pre-moderated and open; loading again changes nothing; a folder
without the file loads no topics; a bad entry is refused naming file, line and field, and
nothing is stored."""

import pytest

from kek.core.defaults import load_defaults
from kek.core.fileio import FileError
from kek.forums.models import Topic
from kek.goals.models import StrategicGoal

pytestmark = pytest.mark.django_db


def test_the_example_topic_of_nordsachsen(nordsachsen, concept):
    (found,) = Topic.objects.filter(district=nordsachsen)
    assert found.title == "Wie gewinnt Nordsachsen Fachkräfte für seine Unternehmen?"
    assert found.is_example and found.premoderated and found.is_open()
    assert found.subject_in(concept) == StrategicGoal.objects.get(concept=concept, number="1.1")
    assert found.description.startswith("Das Ziel 1.1 will bestehende Unternehmen stärken")


def test_loading_again_changes_nothing(nordsachsen):
    before = list(Topic.objects.values())
    assert "Foren: schon vorhanden, unverändert." in load_defaults().summaries
    assert list(Topic.objects.values()) == before


def test_the_topics_are_loaded_into_a_district_without_topics(nordsachsen, folder):
    Topic.objects.all().delete()
    assert "Foren: 1 Thema angelegt." in load_defaults(folder).summaries
    assert Topic.objects.filter(district=nordsachsen).count() == 1


def test_a_folder_without_the_file_loads_no_topics(nordsachsen, folder):
    Topic.objects.all().delete()
    (folder / "forums.yaml").unlink()
    assert "Foren: keine Vorgaben." in load_defaults(folder).summaries
    assert not Topic.objects.exists()


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ('goal: "1.1"', 'goal: "9.9"', 10, "Ein strategisches Ziel mit der Nummer „9.9“"),
        ('goal: "1.1"', 'goal: "1.1"\n    project: P1', 11, "Bitte nur eines angeben"),
        ("premoderated: true", "premoderated: ja", 15, "Erwartet wird true oder false."),
        ("example: true", "example: true\n    opens_at: morgen", 17, "ist kein Zeitpunkt"),
        ("example: true", "example: true\n    farbe: rot", 17, "farbe"),
    ],
)
def test_a_bad_file_names_line_and_field_and_changes_nothing(
    nordsachsen, folder, old, new, line, message
):
    Topic.objects.all().delete()
    path = folder / "forums.yaml"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(FileError) as failed:
        load_defaults(folder)
    text = str(failed.value)
    assert "forums.yaml" in text and f"Zeile {line}" in text and message in text
    assert not Topic.objects.exists()
