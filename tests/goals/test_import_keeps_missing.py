"""Issue 16: an import of the goal system never removes what the file does not mention.

`head -c 3000 data/nordsachsen/concept.yaml > t.yaml; kek import-concept --district 14730
t.yaml` exited 0 with "26 entfernt": 2 of 4 fields of action, 9 of 12 goals and 15 of 21
sub-goals went, and with them project links, target indicators, measurements and SWOT links.
"""

import re
from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.goals import exchange
from kek.goals.concept_db import export_district, import_district
from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal

from ..rows import goal_world_counts
from .drafts import draft_file, make_draft

pytestmark = pytest.mark.django_db

CONCEPT = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "concept.yaml"


@pytest.fixture(autouse=True)
def _draft(nordsachsen):
    """The shipped version is changed by these imports: a draft (issue 11)."""
    make_draft(nordsachsen)


def test_a_truncated_file_removes_nothing(nordsachsen, kek, tmp_path, capsys):
    cut, whole = tmp_path / "t.yaml", tmp_path / "ganz.yaml"
    cut.write_bytes(draft_file(CONCEPT.read_bytes())[:3000])  # valid YAML: two fields of action
    whole.write_bytes(draft_file(CONCEPT.read_bytes()))
    before = goal_world_counts()

    kek("import-concept", "--district", "14730", str(cut))

    out = capsys.readouterr().out
    assert "0 entfernt" in out
    assert "Nicht mehr in der Datei, behalten: 2 Handlungsfelder, 9 Strategische Ziele, " in out
    assert "15 Teilziele" in out and "--remove-missing" in out
    assert goal_world_counts() == before
    kek("import-concept", "--district", "14730", str(whole))  # the whole file again
    assert goal_world_counts() == before


def test_a_file_cut_in_the_middle_of_a_line_is_refused_naming_file_and_line(
    nordsachsen, kek, tmp_path
):
    text = CONCEPT.read_text(encoding="utf-8")
    cut = text[: text.index("    title: Bildung") + 7]  # "    tit": no longer a mapping
    path = tmp_path / "t.yaml"
    path.write_text(cut, encoding="utf-8")
    before = goal_world_counts()

    with pytest.raises(CommandError) as error:
        kek("import-concept", "--district", "14730", str(path))

    assert re.match(r"t\.yaml, Zeile 7\d: kein gültiges YAML \(", str(error.value))
    assert goal_world_counts() == before


def test_goals_and_sdgs_the_file_lacks_stay_and_are_counted(nordsachsen, concept):
    data = export_district(nordsachsen)
    fields = data.versions[0].fields
    gone = fields.pop()  # the last field of action, with its goals and sub-goals
    fields[0].sdgs = fields[0].sdgs[:1]
    result = import_district(nordsachsen, data)

    assert (result.deleted, result.created) == (0, 0)
    assert result.removal is None
    assert {model.__name__: n for model, n in result.missing.items()} == {
        "FieldOfAction": 1,
        "StrategicGoal": len(gone.children),
        "SubGoal": sum(len(goal.children) for goal in gone.children),
        "FieldOfAction_sdgs": 1,
    }
    assert FieldOfAction.objects.filter(key=gone.key).exists()
    assert FieldOfAction.objects.get(key=fields[0].key).sdgs.count() == 2
    # the kept field keeps its number after the fields the file has
    assert FieldOfAction.objects.get(key=gone.key).number == str(len(fields) + 1)
    assert StrategicGoal.objects.filter(concept=concept).count() == 12
    assert SubGoal.objects.filter(concept=concept).count() == 21


def test_a_new_goal_may_take_the_slug_of_one_the_file_lacks(nordsachsen, concept):
    data = export_district(nordsachsen)
    field = data.versions[0].fields[0]
    old = field.children.pop()
    new = exchange.Goal(level="goal", title="Neues Ziel", slug=old.slug)
    field.children.append(new)

    import_district(nordsachsen, data)

    assert StrategicGoal.objects.get(concept=concept, key=new.key).slug == old.slug
    kept = StrategicGoal.objects.get(concept=concept, key=old.key)
    assert kept.slug == f"{old.slug}-2" and kept.history.latest().slug == kept.slug
