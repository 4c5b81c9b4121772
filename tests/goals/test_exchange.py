"""The exchange file formats, without a database."""

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kek.goals import exchange

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "concept.yaml"

MINIMAL = """\
format: kek-concept/1
district: {ags: "14730", name: Nordsachsen}
versions:
  - version: 1
    title: KEK Test 2030
    status: adopted
    current: true
    adopted_on: 2021-03-24
    fields_of_action:
      - title: Wirtschaft
        vision: Ein starker Standort.
        sdgs: [8, 9]
        goals:
          - title: Fachkräfte sichern
            example: true
            subgoals:
              - title: Ausbildung stärken
"""


def write(tmp_path: Path, text: str, name: str = "ziele.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(exchange.ExchangeError) as info:
        exchange.read(write(tmp_path, text))
    return str(info.value)


def test_it_reads_the_tree_and_the_adoption(tmp_path):
    district = exchange.read(write(tmp_path, MINIMAL))
    version = district.versions[0]
    assert version.adopted_on == dt.date(2021, 3, 24)
    assert version.current and version.status == "adopted"
    field = version.fields[0]
    assert field.vision == "Ein starker Standort." and field.sdgs == [8, 9]
    assert field.children[0].example is True
    assert field.children[0].children[0].title == "Ausbildung stärken"
    assert [g.level for g in version.goals()] == ["field", "goal", "subgoal"]


def test_it_gives_goals_without_key_a_new_one(tmp_path):
    version = exchange.read(write(tmp_path, MINIMAL)).versions[0]
    keys = {goal.key for goal in version.goals()}
    assert len(keys) == 3 and all(len(key) == 36 for key in keys)


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_the_shipped_concept_survives_a_round_trip(tmp_path, suffix):
    original = exchange.read(DEFAULT)
    path = tmp_path / f"copy{suffix}"
    exchange.write(original, path)
    assert exchange.read(path) == original


def test_yaml_is_written_the_same_way_twice(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    exchange.write(exchange.read(DEFAULT), first)
    exchange.write(exchange.read(first), second)
    assert first.read_text() == second.read_text()


def test_it_names_line_and_field_of_a_missing_title(tmp_path):
    text = MINIMAL.replace("          - title: Fachkräfte sichern\n", "          - title: ''\n")
    assert error(tmp_path, text) == "ziele.yaml, Zeile 14, Feld title: darf nicht leer sein."


def test_it_names_line_and_field_of_a_bad_status(tmp_path):
    message = error(tmp_path, MINIMAL.replace("status: adopted", "status: beschlossen"))
    assert message.startswith("ziele.yaml, Zeile 6, Feld status: „beschlossen“ ist keiner von")


def test_it_rejects_an_sdg_outside_1_to_17(tmp_path):
    message = error(tmp_path, MINIMAL.replace("sdgs: [8, 9]", "sdgs: [8, 18]"))
    assert "Zeile 12, Feld sdgs" in message and "1 bis 17" in message


def test_it_rejects_a_bad_date(tmp_path):
    message = error(tmp_path, MINIMAL.replace("adopted_on: 2021-03-24", "adopted_on: 24.03.2021"))
    assert "Zeile 8, Feld adopted_on: „24.03.2021“ ist kein Datum" in message


def test_it_rejects_broken_yaml_with_its_line(tmp_path):
    assert "Zeile" in error(tmp_path, MINIMAL + "    - [unclosed\n")


def test_it_rejects_duplicate_keys(tmp_path):
    key = "5b5f2b9c-9a5c-4e27-8f5c-1d9f7f0e0a11"
    text = MINIMAL.replace("- title: Wirtschaft", f"- key: {key}\n        title: Wirtschaft")
    text = text.replace(
        "- title: Fachkräfte sichern", f"- key: {key}\n            title: Fachkräfte"
    )
    assert "Schlüssel" in error(tmp_path, text) and "doppelt" in error(tmp_path, text)


def test_it_rejects_two_current_versions(tmp_path):
    second = MINIMAL.split("versions:\n")[1].replace("version: 1", "version: 2")
    assert "nur eine Version darf aktuell sein" in error(tmp_path, MINIMAL + second)


def test_it_rejects_unknown_file_types(tmp_path):
    assert "unbekanntes Format" in error_for(tmp_path / "ziele.csv")


def error_for(path: Path) -> str:
    path.write_text("x")
    with pytest.raises(exchange.ExchangeError) as info:
        exchange.read(path)
    return str(info.value)


def test_xlsx_errors_name_sheet_row_and_column(tmp_path):
    path = tmp_path / "ziele.xlsx"
    exchange.write(exchange.read(write(tmp_path, MINIMAL)), path)
    book = load_workbook(path)
    book["goals"]["B3"] = "ziel"  # the strategic goal's level
    book.save(path)
    with pytest.raises(exchange.ExchangeError) as info:
        exchange.read(path)
    assert str(info.value).startswith("ziele.xlsx, Blatt goals, Zeile 3, Feld level: „ziel“")


def test_xlsx_needs_its_sheets(tmp_path):
    path = tmp_path / "leer.xlsx"
    from openpyxl import Workbook

    Workbook().save(path)
    with pytest.raises(exchange.ExchangeError, match="Blatt versions: dieses Tabellenblatt fehlt"):
        exchange.read(path)


# Issue 16: mutated files give a German ExchangeError or a result, never another exception.


def _fuzz(suffix: str, make) -> None:
    import random
    import tempfile

    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=60, deadline=None, database=None)
    @given(st.integers(0, 2**32))
    def run(seed: int) -> None:
        rnd = random.Random(seed)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"m{suffix}"
            path.write_bytes(make(rnd))
            with contextlib.suppress(exchange.ExchangeError):
                exchange.read(path)

    run()


def test_mutated_yaml_files_never_raise_anything_but_exchange_error(tmp_path):
    export = tmp_path / "export.yaml"
    exchange.write(exchange.read(DEFAULT), export)
    text = export.read_text(encoding="utf-8")
    from .. import mutations

    _fuzz(".yaml", lambda rnd: mutations.mutate_text(text, rnd))


def test_mutated_xlsx_files_never_raise_anything_but_exchange_error(tmp_path):
    export = tmp_path / "export.xlsx"
    exchange.write(exchange.read(DEFAULT), export)
    from .. import mutations

    sheets = mutations.read_sheets(export)
    _fuzz(".xlsx", lambda rnd: mutations.mutate_book(sheets, rnd))
