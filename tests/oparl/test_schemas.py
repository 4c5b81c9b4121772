"""The copied OParl schemas validate: the specification's examples pass (but the one it
publishes without an agenda item's required `order`), and a broken object fails."""

import json
from pathlib import Path

import pytest

from .schemas import FOLDER, problems

EXAMPLES = sorted((FOLDER.parent / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_specifications_examples_pass(path: Path):
    example = json.loads(path.read_text(encoding="utf-8"))
    found = problems(example)
    if path.stem == "Meeting-01":
        assert found == ["agendaItem/0: 'order' is a required property"]
    else:
        assert found == []


def test_a_wrong_type_or_a_missing_id_fails():
    assert "(object): 'id' is a required property" in problems(
        {"type": "https://schema.oparl.org/1.1/Body"}
    )
    meeting = {
        "id": "https://kek.example/oparl/v1/meeting/1",
        "type": "https://schema.oparl.org/1.1/Meeting",
        "cancelled": "nein",
    }
    assert problems(meeting) == ["cancelled: 'nein' is not of type 'boolean'"]
