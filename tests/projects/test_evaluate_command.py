"""`kek evaluate`: the evaluation methods on CSV files, through call_command and the console
script. The command never touches the database."""

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def results(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["series_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def files(tmp_path):
    series = write(
        tmp_path / "S.csv",
        "series_id,year,value\n"
        "falling,2015,100\nfalling,2020,90\n"
        "rising,2015,100\nrising,2020,110\n"
        "weather,2018,100\nweather,2019,120\nweather,2020,140\nweather,2021,160\n",
    )
    params = write(
        tmp_path / "P.csv",
        "series_id,direction,base_year,target,target_year\n"
        "falling,decrease,2015,50,2030\n"
        "rising,increase,,,\n"
        "weather,increase,,200,2030\n",
    )
    return series, params, tmp_path / "R.csv"


def evaluate(series, params, out, *options: str, **kwargs) -> None:
    call_command(
        "kek_evaluate",
        "--series",
        str(series),
        "--params",
        str(params),
        "--out",
        str(out),
        *options,
        **kwargs,
    )


def test_open_sdg_reproduces_the_worked_examples(files, capsys):
    series, params, out = files
    evaluate(series, params, out, "--method", "open-sdg")
    rows = results(out)
    assert rows["falling"]["status"] == "limited_progress"
    assert float(rows["falling"]["progress_value"]) == pytest.approx(0.4618, abs=1e-4)
    assert rows["falling"]["direction"] == "decrease"
    assert rows["rising"]["status"] == "on_track"
    assert float(rows["rising"]["progress_value"]) == pytest.approx(0.01924, abs=1e-5)
    assert "3 Reihen mit open-sdg bewertet" in capsys.readouterr().out


def test_profile_and_estimator_are_passed_on(files):
    series, params, out = files
    evaluate(series, params, out, "--method", "open-sdg", "--profile", "eurostat")
    assert results(out)["rising"]["threshold_high"] == "0.01"
    evaluate(series, params, out, "--method", "dns", "--estimator", "endpoints")
    weather = results(out)["weather"]
    assert (weather["status"], weather["estimator"]) == ("sun", "endpoints")
    assert float(weather["projected_value"]) == pytest.approx(160 + 20 * 9)
    evaluate(series, params, out, "--method", "trend")
    trend = results(out)
    assert trend["falling"]["status"] == "slight_improvement"  # −2.1 %/a, decrease wanted
    assert trend["weather"]["status"] == "clear_improvement"  # +16.9 %/a


@pytest.mark.parametrize(
    ("series_text", "options", "message"),
    [
        ("series_id,year,value\na,15,1\n", ["--method", "trend"], r"S\.csv, Zeile 2, Spalte year"),
        ("series_id,year\na,2015\n", ["--method", "trend"], r"S\.csv, Zeile 1, Spalte value"),
        ("series_id,year,value\n", ["--method", "orakel"], "'orakel' ist keine bekannte Methode"),
        ("series_id,year,value\n", ["--method", "dns", "--estimator", "x"], "Trendschätzer"),
    ],
)
def test_bad_input_is_a_german_command_error_and_writes_nothing(
    files, series_text, options, message
):
    series, params, out = files
    write(series, series_text)
    with pytest.raises(CommandError, match=message):
        evaluate(series, params, out, *options)
    assert not out.exists()


def test_a_missing_output_folder_is_reported(files):
    series, params, out = files
    with pytest.raises(CommandError, match="das Verzeichnis .* gibt es nicht"):
        evaluate(series, params, out.parent / "fehlt" / "R.csv", "--method", "trend")


def test_the_console_script_evaluates_without_a_database(files, tmp_path):
    series, params, out = files
    database = tmp_path / "never.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    kek = Path(sys.executable).parent / "kek"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(kek), "evaluate", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    ok = run("--method", "dns", "--series", str(series), "--params", str(params), "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    assert results(out)["weather"]["status"] == "sun"
    assert "Sonne 1" in ok.stdout
    write(params, "series_id,direction\nweather,sideways\n")
    bad = run(
        "--method", "trend", "--series", str(series), "--params", str(params), "--out", "x.csv"
    )
    assert bad.returncode != 0
    assert "P.csv, Zeile 2, Spalte direction: 'sideways' ist keine gültige Richtung" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert not database.exists()
