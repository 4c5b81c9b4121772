"""scripts/typecheck and the mypy configuration, without running mypy."""

import configparser
import importlib.machinery
import importlib.util
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    loader = importlib.machinery.SourceFileLoader("typecheck", str(ROOT / "scripts" / "typecheck"))
    spec = importlib.util.spec_from_loader("typecheck", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def strict_modules() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    overrides = config["tool"]["mypy"]["overrides"]
    strict = [o for o in overrides if o.get("disallow_untyped_defs")]
    return {m.removesuffix(".*") for o in strict for m in o["module"]}


def test_the_pure_modules_are_the_strictly_typed_ones():
    contracts = configparser.ConfigParser()
    contracts.read(ROOT / ".importlinter", encoding="utf-8")
    pure = set(contracts["importlinter:contract:pure"]["source_modules"].split())
    assert strict_modules() == pure


def test_keys_ignore_line_numbers():
    script = load_script()
    first = script.LINE.match(
        'kek/a.py:12: error: Name "x" is not defined (see line 3)  [name-defined]'
    )
    moved = script.LINE.match(
        'kek/a.py:40: error: Name "x" is not defined (see line 9)  [name-defined]'
    )
    assert (
        script.key(first)
        == script.key(moved)
        == ('kek/a.py: [name-defined] Name "x" is not defined (see line N)')
    )
    whole_file = script.LINE.match("kek/b.py: error: Skipping analyzing  [import-untyped]")
    assert script.key(whole_file) == "kek/b.py: [import-untyped] Skipping analyzing"
    assert script.LINE.match("kek/a.py:12: note: See the docs") is None


def test_strict_modules_are_recognised_by_path():
    script = load_script()
    patterns = script.strict_patterns()
    assert script.is_strict("kek/core/fileio.py: [x] y", patterns)
    assert script.is_strict("kek/statistics/parsers/table.py: [x] y", patterns)
    assert script.is_strict("kek/evaluation/__init__.py: [x] y", patterns)
    assert not script.is_strict("kek/goals/models.py: [x] y", patterns)
    assert not script.is_strict("kek/statistics/analysis_extra.py: [x] y", patterns)


def test_the_baseline_is_sorted_and_counts_repeats(tmp_path, monkeypatch):
    script = load_script()
    monkeypatch.setattr(script, "BASELINE", tmp_path / "baseline.txt")
    script.write_baseline(Counter({"b: [x] two": 1, "a: [x] one": 2}))
    text = (tmp_path / "baseline.txt").read_text(encoding="utf-8")
    assert text.splitlines()[-3:] == ["a: [x] one", "a: [x] one", "b: [x] two"]
    assert script.read_baseline() == Counter({"a: [x] one": 2, "b: [x] two": 1})
