"""CSV front end: S.csv + P.csv → R.csv, and German error messages."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kek.evaluation import methods as m
from kek.evaluation.tables import InputError, evaluate_csv

SERIES = "series_id,year,value\na,2015,100\na,2020,90\nb,2015,100\nb,2020,110\n"
PARAMS = (
    "series_id,direction,base_year,target,target_year\na,decrease,2015,50,2030\nb,increase,,,\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def run(tmp_path: Path, series: str, params: str, method: str = m.OPEN_SDG) -> pl.DataFrame:
    evaluate_csv(
        method,
        write(tmp_path, "S.csv", series),
        write(tmp_path, "P.csv", params),
        tmp_path / "R.csv",
    )
    return pl.read_csv(tmp_path / "R.csv", schema_overrides={"series_id": pl.String})


def error_of(tmp_path: Path, series: str, params: str, method: str = m.OPEN_SDG) -> str:
    with pytest.raises(InputError) as raised:
        run(tmp_path, series, params, method)
    return str(raised.value)


def test_it_writes_the_worked_examples_to_r_csv(tmp_path: Path) -> None:
    result = run(tmp_path, SERIES, PARAMS)

    assert result.columns[:2] == ["series_id", "status"]
    assert result.columns == ["series_id", "status"] + [
        name for name in m.SCHEMAS[m.OPEN_SDG] if name not in ("series_id", "status")
    ]
    assert result["status"].to_list() == [m.LIMITED_PROGRESS, m.ON_TRACK]
    assert result["direction"].to_list() == ["decrease", "increase"]
    assert result["progress_value"][0] == pytest.approx(0.4617, abs=1e-4)
    assert result["cagr_observed"][1] == pytest.approx(0.01924, abs=1e-5)


@pytest.mark.parametrize("method", m.METHODS)
def test_it_writes_every_method(tmp_path: Path, method: str) -> None:
    result = run(tmp_path, SERIES, PARAMS, method)

    assert result.height == 2
    assert result.columns[:2] == ["series_id", "status"]
    assert set(result.columns) == set(m.SCHEMAS[method])


def test_it_reads_semicolons_decimal_commas_and_a_bom(tmp_path: Path) -> None:
    series = "\ufeffseries_id;year;value\n01;2015;100,0\n01;2020;110,0\n"
    params = "series_id;direction;base_year;target;target_year\n01;increase;2015;;\n"

    result = run(tmp_path, series, params)

    assert result.row(0, named=True)["series_id"] == "01"
    assert result["status"].to_list() == [m.ON_TRACK]


def test_it_reads_windows_1252_files(tmp_path: Path) -> None:
    write(tmp_path, "S.csv", "series_id,year,value\nMänner,2015,1\nMänner,2020,2\n", "cp1252")
    write(tmp_path, "P.csv", "series_id,direction\nMänner,increase\n", "cp1252")

    result = evaluate_csv(m.TREND, tmp_path / "S.csv", tmp_path / "P.csv", tmp_path / "R.csv")

    assert result["series_id"].to_list() == ["Männer"]


def test_it_skips_empty_values_and_blank_lines(tmp_path: Path) -> None:
    series = SERIES + "\nb,2021,\n"

    result = run(tmp_path, series, PARAMS)

    assert result["current_year"].to_list() == [2020, 2020]


def test_it_accepts_a_params_file_without_target_columns_for_the_trend(tmp_path: Path) -> None:
    result = run(tmp_path, SERIES, "series_id,direction\na,decrease\n", m.TREND)

    assert result["status"].to_list() == [m.SLIGHT_IMPROVEMENT]


def test_it_names_file_line_and_column_for_an_unknown_direction(tmp_path: Path) -> None:
    params = PARAMS + "c,decrease,,,\nd,up,,,\n"

    message = error_of(tmp_path, SERIES, params)

    assert message == (
        "P.csv, Zeile 5, Spalte direction: 'up' ist keine gültige Richtung (increase oder decrease)"
    )


def test_it_counts_lines_like_an_editor(tmp_path: Path) -> None:
    params = "series_id,direction,base_year,target,target_year\na,decrease,,,\n\nb,up,,,\n"

    assert error_of(tmp_path, SERIES, params).startswith("P.csv, Zeile 4, Spalte direction:")


def test_it_reports_a_missing_column(tmp_path: Path) -> None:
    message = error_of(tmp_path, "series_id,year\na,2015\n", PARAMS)

    assert message == (
        "S.csv, Zeile 1, Spalte value: Spalte fehlt in der Kopfzeile "
        "(erwartet: series_id, year, value)"
    )


def test_it_reports_a_non_numeric_value(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES + "b,2021,viel\n", PARAMS)

    assert message == "S.csv, Zeile 6, Spalte value: 'viel' ist keine Zahl"


def test_it_reports_a_non_numeric_target(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES, PARAMS + "c,increase,2015,hoch,2030\n")

    assert message == "P.csv, Zeile 4, Spalte target: 'hoch' ist keine Zahl"


def test_it_reports_an_invalid_year(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES + "b,20x1,5\n", PARAMS)

    assert message.startswith("S.csv, Zeile 6, Spalte year: '20x1' ist keine gültige Jahreszahl")


def test_it_reports_a_second_value_for_the_same_year(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES + "a,2015,7\n", PARAMS)

    assert (
        message == "S.csv, Zeile 6, Spalte year: Reihe 'a' hat für 2015 schon einen Wert (Zeile 2)"
    )


def test_it_reports_a_duplicate_series_in_params(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES, PARAMS + "a,increase,,,\n")

    assert message == "P.csv, Zeile 4, Spalte series_id: Reihe 'a' steht schon in Zeile 2"


def test_it_reports_a_missing_series_id(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES + ",2021,5\n", PARAMS)

    assert message == "S.csv, Zeile 6, Spalte series_id: Wert fehlt"


def test_it_reports_a_short_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES + "b,2021\n", PARAMS)

    assert message == "S.csv, Zeile 6, Spalte value: Wert fehlt (Zeile hat nur 2 von 3 Feldern)"


def test_it_reports_an_unknown_estimator_in_params(tmp_path: Path) -> None:
    params = "series_id,direction,base_year,target,target_year,estimator\na,increase,,5,,median\n"

    message = error_of(tmp_path, SERIES, params, m.DNS)

    assert message.startswith("P.csv, Zeile 2, Spalte estimator: 'median' ist kein gültiger Wert")


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="S.csv: Datei nicht gefunden"):
        evaluate_csv(m.TREND, tmp_path / "S.csv", tmp_path / "P.csv", tmp_path / "R.csv")


def test_it_reports_an_unknown_method(tmp_path: Path) -> None:
    message = error_of(tmp_path, SERIES, PARAMS, "ampel")

    assert message == "'ampel' ist keine bekannte Methode (open-sdg, dns, trend)"


def test_it_exposes_file_line_and_field_on_the_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        run(tmp_path, SERIES, PARAMS + "c,up,,,\n")

    assert (raised.value.file, raised.value.line, raised.value.field) == ("P.csv", 4, "direction")
