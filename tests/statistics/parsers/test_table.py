"""Classic GENESIS table CSV (title block, header lines, data lines, footer; ISO-8859-1)."""

from pathlib import Path

import polars as pl
import pytest

from kek.statistics.parsers import FileFormat, ParseError, parse_bytes, parse_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "regionalstatistik"
POPULATION = FIXTURES / "12411-01-01-4-tabelle.csv"
EMPLOYEES = FIXTURES / "13111-01-03-4-tabelle.csv"
FOOTER = "__________\n© Statistische Ämter des Bundes und der Länder, 2025\n"


def cell(frame: pl.DataFrame, **where: str) -> dict:
    rows = frame.filter(**where)
    assert rows.height == 1, rows
    return rows.row(0, named=True)


def table(text: str) -> bytes:
    return text.encode("latin-1")


def test_key_first_layout_nordsachsen() -> None:
    result = parse_file(POPULATION)
    assert result.file_format is FileFormat.TABLE
    # 20 data lines x 3 columns, plus Hamburg and Berlin repeated as districts
    assert result.data.height == 20 * 3 + 2 * 3
    total = cell(result.data, region_key="14730", disaggregation="")
    male = cell(result.data, region_key="14730", disaggregation="Merkmal 1:männlich")
    assert (total["value"], male["value"]) == (199_422, 98_780)
    assert total["region_name"] == "Nordsachsen, Landkreis"
    assert (total["period"], total["period_kind"], total["table"]) == (
        "2024-12-31",
        "date",
        "12411",
    )
    assert (total["value_variable_label"], total["unit"]) == ("Bevölkerungsstand", "Anzahl")
    assert total["source_line"] == 27
    assert result.statistics == {"12411": "Bevölkerung nach Geschlecht - Stichtag 31.12. -"}


def test_every_symbol_and_quality_flag() -> None:
    data = parse_file(POPULATION).data
    by_district = {
        key: data.filter(region_key=key).select("value", "symbol", "quality").rows()
        for key in ("14521", "14522", "14523", "14524", "03152")
    }
    assert by_district["14521"] == [
        (318394.0, None, "()"),
        (155744.0, None, "p"),
        (162650.0, None, "e"),
    ]
    assert by_district["14522"] == [
        (296431.0, None, "r"),
        (147002.0, None, "s"),
        (149429.0, None, "() p"),
    ]
    assert by_district["14523"] == [(None, ".", None), (None, "...", None), (None, "/", None)]
    assert by_district["14524"] == [(None, "x", None), (None, "()", None), (None, "|", None)]
    assert by_district["03152"] == [(None, "-", None)] * 3


def test_hamburg_and_berlin_also_act_as_districts() -> None:
    data = parse_file(POPULATION).data
    for land, district in (("02", "02000"), ("11", "11000")):
        as_land = data.filter(region_key=land).drop("region_key")
        as_district = data.filter(region_key=district).drop("region_key")
        assert as_land.height == 3
        assert as_land.equals(as_district)


def test_footer_is_kept_as_note() -> None:
    result = parse_file(POPULATION)
    assert "© Statistische Ämter des Bundes und der Länder, Deutschland, 2025." in result.note
    assert 'zu  "gesamter Tabelle":' in result.note


def test_period_first_layout_with_labelled_categories() -> None:
    result = parse_file(EMPLOYEES)
    assert result.data.height == 13 * 6 + 2 * 6
    assert result.variables == {"Geschlecht": "Geschlecht", "Nationalität": "Nationalität"}
    assert result.attributes["Nationalität"] == {"Ausländer(innen)": "Ausländer(innen)"}
    foreign_men = cell(
        result.data,
        region_key="DG",
        disaggregation="Geschlecht:männlich|Nationalität:Ausländer(innen)",
    )
    assert foreign_men["value"] == 3_561_574
    assert foreign_men["disaggregation_label"] == (
        "Geschlecht: männlich | Nationalität: Ausländer(innen)"
    )
    assert cell(result.data, region_key="145", disaggregation="")["value"] == 527_013
    assert set(result.data["period"]) == {"2025-06-30"}
    nordsachsen = result.data.filter(region_key="14730")
    assert nordsachsen["symbol"].to_list() == ["-"] * 6


def test_same_numbers_as_flat_file() -> None:
    classic = parse_file(EMPLOYEES).data.filter(pl.col("symbol").is_null())
    flat = parse_file(FIXTURES / "13111-01-03-4.ffcsv.csv").data.filter(pl.col("symbol").is_null())
    totals = classic.filter(disaggregation="").join(
        flat.filter(disaggregation=""), on=["region_key", "period"], suffix="_flat"
    )
    assert totals.height == 7
    assert totals["value"].to_list() == totals["value_flat"].to_list()


def test_several_periods_one_per_column_group() -> None:
    text = (
        "GENESIS-Tabelle: 12411-01-01-4\n"
        "Bevölkerungsstand (Anzahl);;;;\n"
        ";;31.12.2024;31.12.2024;31.12.2023;31.12.2023\n"
        ";;männlich;weiblich;männlich;weiblich\n"
        "14730;      Nordsachsen, Landkreis;98780;100642;1;2\n" + FOOTER
    )
    data = parse_bytes(table(text), "t.csv").data
    assert data.select("period", "disaggregation", "value").rows() == [
        ("2024-12-31", "Merkmal 1:männlich", 98780.0),
        ("2024-12-31", "Merkmal 1:weiblich", 100642.0),
        ("2023-12-31", "Merkmal 1:männlich", 1.0),
        ("2023-12-31", "Merkmal 1:weiblich", 2.0),
    ]


def test_spanning_header_cells_written_once() -> None:
    text = (
        "GENESIS-Tabelle: 13111-01-03-4\n"
        "Beschäftigte (Anzahl);;;\n"
        ";;2024;;\n"
        ";;Geschlecht;;\n"
        ";;Insgesamt;männlich;weiblich\n"
        "14730;Nordsachsen;3;1;2\n" + FOOTER
    )
    data = parse_bytes(table(text), "t.csv").data
    assert data["disaggregation"].to_list() == ["", "Geschlecht:männlich", "Geschlecht:weiblich"]
    assert set(data["period_kind"]) == {"year"}


def test_trailing_empty_column_is_ignored() -> None:
    text = (
        "GENESIS-Tabelle: 11111-02-01-4\n"
        "Zahl der Gemeinden (Anzahl);;\n"
        ";;31.12.2024;\n"
        "14730;Nordsachsen;30;\n" + FOOTER
    )
    assert parse_bytes(table(text), "t.csv").data["value"].to_list() == [30.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;2024\n14730;N;1\n",
            "t.csv: Die Fußzeile (Linie aus ____) fehlt; die Datei ist vermutlich unvollständig.",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;2024;2024\n14730;N;1;2\n" + FOOTER,
            "t.csv, Zeile 3: Die Spalten 3 und 4 haben dieselben Kopfangaben "
            "(mehrere Wertmerkmale in einer Tabelle werden nicht unterstützt).",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;2024\n14730;N;1\n1473;M;2\n" + FOOTER,
            "t.csv, Zeile 5, Spalte 1: Regionalschlüssel '1473' hat 4 Stellen; erlaubt sind "
            "2, 3, 5, 8, 9 oder 12 (führende Null verloren?)",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;2024\n14730;N;1;9\n" + FOOTER,
            "t.csv, Zeile 3: Die Zeile hat 3 statt 4 Felder.",
        ),
        (
            "GENESIS-Tabelle: 1\nOhne Einheit;;\n;;2024\n14730;N;1\n" + FOOTER,
            "t.csv: Im Tabellenkopf fehlt die Zeile 'Wertmerkmal (Einheit)'.",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;männlich\n14730;N;1\n" + FOOTER,
            "t.csv, Zeile 3: Genau eine Kopfzeile muss die Zeitangaben (z. B. 31.12.2024) "
            "enthalten.",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;;\n;;;Insgesamt\n2024;14;S;1\n2O24;DG;D;2\n" + FOOTER,
            "t.csv, Zeile 5, Spalte 1: "
            "'2O24' ist keine Zeitangabe (TT.MM.JJJJ, JJJJ-MM-TT oder JJJJ)",
        ),
        (
            "GENESIS-Tabelle: 1\nX (Anzahl);;\n;;2024\n14730;N;1 2\n" + FOOTER,
            "t.csv, Zeile 4, Spalte 3: '1 2' ist weder Zahl noch gültiges Zeichen",
        ),
    ],
)
def test_errors(text: str, expected: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bytes(table(text), "t.csv")
    assert str(caught.value) == expected
