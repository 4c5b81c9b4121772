"""KEK long template, CSV and XLSX."""

import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from kek.statistics.parsers import FileFormat, ParseError, parse_bytes, parse_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "regionalstatistik"
EXAMPLE = FIXTURES / "template-example.csv"
HEADER = "region_key;period;indicator_code;value"


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def example_rows() -> list[list[object]]:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    return [line.split(";") for line in lines]


def test_example_file() -> None:
    result = parse_file(EXAMPLE)
    assert result.file_format is FileFormat.TEMPLATE
    data = result.data
    assert data.height == 9
    male = data.row(1, named=True)
    assert (male["region_key"], male["value"], male["disaggregation"]) == (
        "14730",
        98780.0,
        "GES:GESM",
    )
    assert male["value_variable_label"] == "Bevölkerungsstand"
    sorted_pairs = data.row(3, named=True)
    assert sorted_pairs["disaggregation"] == "GES:GESW|NAT:NATA"  # written "NAT:NATA | GES:GESW"
    assert sorted_pairs["period"] == "2025-06-30"  # written 30.06.2025
    assert data.row(4, named=True)["value"] == pytest.approx(3.9)
    assert data.row(4, named=True)["quality"] == "p"
    assert data.select("symbol").to_series().to_list()[5:7] == [".", "-"]
    assert data.row(7, named=True)["quality"] == "() s"
    assert data.row(6, named=True)["period_kind"] == "semester"
    assert result.attributes["GES"] == {"GESM": "GESM", "GESW": "GESW"}


def test_xlsx_gives_the_same_rows_as_csv() -> None:
    from_csv = parse_file(EXAMPLE).data
    from_xlsx = parse_bytes(xlsx(example_rows()), "vorlage.xlsx").data
    assert from_xlsx.equals(from_csv)


def test_xlsx_native_numbers_and_dates() -> None:
    rows = [
        ["region_key", "period", "indicator_code", "value"],
        ["14730", datetime.datetime(2024, 12, 31), "BEVSTD", 199422],
        ["14730", "2023", "QUOTE", 12.5],
    ]
    data = parse_bytes(xlsx(rows), "vorlage.xlsx").data
    assert data.select("period", "period_kind", "value").rows() == [
        ("2024-12-31", "date", 199422.0),
        ("2023", "year", 12.5),
    ]


def test_xlsx_number_as_region_key_is_reported() -> None:
    rows = [["region_key", "period", "indicator_code", "value"], [1001, "2023", "X", 1]]
    with pytest.raises(ParseError) as caught:
        parse_bytes(xlsx(rows), "vorlage.xlsx")
    assert caught.value.line == 2
    assert caught.value.column == "region_key"
    assert "führende Null" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("region_key;period;indicator_code;valeu\n", "valeu", "Unbekannte Spalte"),
        ("region_key;period;indicator_code\n", "value", "Pflichtspalte fehlt"),
        ("region_key;period;value;indicator_code\n", None, "keine Datenzeilen"),
        (HEADER + ";symbol\n14730;2023;X;5;.\n", "symbol", "gleichzeitig"),
        (HEADER + ";symbol\n14730;2023;X;;?\n", "symbol", "kein Symbol"),
        (HEADER + ";quality\n14730;2023;X;5;q\n", "quality", "Qualitätskennzeichen"),
        (HEADER + ";disaggregation\n14730;2023;X;5;GES\n", "disaggregation", "CODE:AUS"),
        (HEADER + "\n14730;;X;5\n", "period", "Zeitangabe fehlt"),
        (HEADER + "\n14730;31.02.2023;X;5\n", "period", "kein gültiges Datum"),
        (HEADER + "\n14730;2023;;5\n", "indicator_code", "Indikator-Code fehlt"),
        (HEADER + "\n14730;2023;X;\n", "value", "Wert fehlt"),
    ],
)
def test_errors(text: str, column: str | None, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(text.encode(), "vorlage.csv")
    assert message in str(caught.value)
    if column is not None:
        assert caught.value.column == column
