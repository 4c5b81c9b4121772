"""S.csv/P.csv reading, column by column with polars: what csv.reader and float()/int() accept
is accepted, and problems are reported on the line an editor shows."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from kek.evaluation.tables import InputError, read_params, read_series


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def series_error(tmp_path: Path, text: str) -> InputError:
    with pytest.raises(InputError) as raised:
        read_series(write(tmp_path, "S.csv", text))
    return raised.value


def test_quoted_cells_may_hold_delimiters_and_line_breaks(tmp_path: Path) -> None:
    text = 'series_id,year,value\n"a, Nord",2015,"1,5"\n"b\nSüd",2015,2\nc,2015,x\n'

    error = series_error(tmp_path, text)

    assert (error.line, error.field) == (5, "value")
    table = read_series(write(tmp_path, "S.csv", text.replace(",x", ",3")))
    assert table["series_id"].to_list() == ["a, Nord", "b\nSüd", "c"]
    assert table["value"].to_list() == [1.5, 2.0, 3.0]


def test_line_numbers_count_every_kind_of_line_break(tmp_path: Path) -> None:
    error = series_error(tmp_path, "series_id,year,value\r\na,2015,1\ra,2016,1\n\nb,2015,?\n")

    assert str(error) == "S.csv, Zeile 5, Spalte value: '?' ist keine Zahl"


def test_numbers_and_years_python_accepts_are_read(tmp_path: Path) -> None:
    text = "series_id,year,value\na,２０１５,1_000\na, 2016 ,\u00a02.5e1\u3000\nb,2015,-.5\n"

    table = read_series(write(tmp_path, "S.csv", text))

    assert table.rows() == [("a", 2015, 1000.0), ("a", 2016, 25.0), ("b", 2015, -0.5)]


@pytest.mark.parametrize("value", ["inf", "nan", "1e400", "1.000,5", "0x10", "1__0"])
def test_numbers_that_are_not_finite_or_not_numbers_are_reported(
    tmp_path: Path, value: str
) -> None:
    error = series_error(tmp_path, f"series_id;year;value\na;2015;{value}\n")

    assert str(error) == f"S.csv, Zeile 2, Spalte value: '{value}' ist keine Zahl"


def test_the_first_problem_in_reading_order_is_reported(tmp_path: Path) -> None:
    # Line 3 has two problems (year before value); line 4 a later one in an earlier column.
    text = "series_id,year,value\na,2015,1\na,15,x\n,2016,2\n"

    error = series_error(tmp_path, text)

    assert (error.line, error.field) == (3, "year")


def test_repeated_years_are_found_in_unsorted_files(tmp_path: Path) -> None:
    text = "series_id,year,value\na,2016,1\nb,2015,1\na,2015,1\nb,2016,\nb,2016,3\na,2016,2\n"

    error = series_error(tmp_path, text)

    assert str(error) == (
        "S.csv, Zeile 7, Spalte year: Reihe 'a' hat für 2016 schon einen Wert (Zeile 2)"
    )


def test_an_unterminated_quote_is_invalid_csv_after_the_good_lines(tmp_path: Path) -> None:
    long_cell = "x" * 200_000
    text = f'series_id,year,value\na,2015,1\nb,2015,"{long_cell}\n'

    error = series_error(tmp_path, text)

    assert str(error).startswith("S.csv, Zeile 3: ungültiges CSV (field larger than field limit")
    assert series_error(tmp_path, text.replace("a,2015,1", "a,20x5,1")).line == 2


def test_params_accept_case_and_padding_in_directions(tmp_path: Path) -> None:
    text = "series_id;direction;target\nx; Increase ;1,5\ny;DECREASE;\n"

    params = read_params(write(tmp_path, "P.csv", text), ("series_id", "direction"))

    assert params.select("series_id", "direction", "target").rows() == [
        ("x", 1, 1.5),
        ("y", -1, None),
    ]
    assert params.schema["base_year"] == pl.Int64
