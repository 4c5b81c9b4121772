"""`kek evaluate` without Django (kek.evaluation.cli), as the console script runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kek.evaluation import cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def arguments(tmp_path: Path) -> list[str]:
    series, params = tmp_path / "S.csv", tmp_path / "P.csv"
    series.write_text("series_id,year,value\na,2015,100\na,2020,90\n", encoding="utf-8")
    params.write_text("series_id,direction\na,decrease\n", encoding="utf-8")
    options = ["--method", "trend", "--series", str(series), "--params", str(params)]
    return [*options, "--out", str(tmp_path / "R.csv")]


def test_a_plain_run_writes_r_csv_and_the_summary(arguments, tmp_path, capsys) -> None:
    assert cli.main(arguments) == 0

    assert "1 Reihen mit trend bewertet" in capsys.readouterr().out
    assert "slight_improvement" in (tmp_path / "R.csv").read_text(encoding="utf-8")


def test_user_errors_are_reported_like_a_command_error(arguments, tmp_path, capsys) -> None:
    (tmp_path / "P.csv").write_text("series_id,direction\na,quer\n", encoding="utf-8")

    assert cli.main(arguments) == 1

    assert capsys.readouterr().err == (
        "CommandError: P.csv, Zeile 2, Spalte direction: 'quer' ist keine gültige Richtung "
        "(increase oder decrease)\n"
    )
    assert not (tmp_path / "R.csv").exists()


@pytest.mark.parametrize(
    "extra", [["--help"], ["-v", "0"], ["--traceback"], ["--meth", "dns"], ["überzählig"]]
)
def test_what_it_does_not_understand_is_left_to_the_management_command(
    arguments, tmp_path, extra
) -> None:
    assert cli.main([*arguments, *extra]) is None
    assert cli.main(arguments[2:]) is None  # --method missing
    assert not (tmp_path / "R.csv").exists()


def test_the_console_script_does_not_load_django(arguments, tmp_path) -> None:
    code = (
        "import sys\n"
        "from kek.evaluation.cli import main\n"
        f"assert main({arguments!r}) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
