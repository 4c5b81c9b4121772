"""Issue 16: `kek import-concept --dry-run` shows what the import would do and writes nothing."""

from pathlib import Path

import pytest

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal

from .. import permission_walk as pw
from ..rows import row_counts
from .drafts import draft_file, make_draft

pytestmark = pytest.mark.django_db

CONCEPT = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "concept.yaml"
GOAL_TABLES = [Concept, FieldOfAction, StrategicGoal, SubGoal, FieldOfAction.sdgs.through]


@pytest.mark.parametrize("remove", [False, True])
def test_a_dry_run_counts_along_the_real_import_and_writes_nothing(
    nordsachsen, kek, tmp_path, capsys, remove
):
    make_draft(nordsachsen)  # the import changes the shipped version (issue 11)
    cut = tmp_path / "t.yaml"
    cut.write_bytes(draft_file(CONCEPT.read_bytes())[:3000])  # also changes a field's vision
    rows, goals = row_counts(), pw.snapshot(GOAL_TABLES)
    options = ["--remove-missing"] if remove else []  # no --yes needed: nothing is removed

    kek("import-concept", "--district", "14730", "--dry-run", *options, str(cut))

    out = capsys.readouterr().out
    assert out.startswith("Probelauf, nichts wurde gespeichert – t.yaml → Nordsachsen: ")
    assert "0 angelegt, 1 geändert" in out
    if remove:
        assert "Würde entfernt (nicht mehr in der Datei): 1 Handlungsfeld" in out
        assert "Bleibt, weil ein Import es nie entfernt" in out
    else:
        assert "0 entfernt" in out and "Nicht mehr in der Datei, bliebe: 2 Handlungsfelder" in out
    assert row_counts() == rows
    assert pw.snapshot(GOAL_TABLES) == goals
