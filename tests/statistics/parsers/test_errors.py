"""Symbols, zipped files, error messages, and robustness against damaged files."""

import io
import pickle
import zipfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kek.statistics.parsers import OUTPUT_SCHEMA, ParseError, parse_bytes, parse_file
from tests import mutations

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "regionalstatistik"
POPULATION = FIXTURES / "12411-01-01-4.ffcsv.csv"
FLAT_HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;"
    "1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;"
    "value_variable_code;value_variable_label"
)


def flat(*values: str, time: str = "2024-12-31", key: str = "14730") -> bytes:
    lines = [
        f"11111;Gebietsstand;STAG;Stichtag;{time};KREISE;Kreise;{key};Nordsachsen;{value};"
        "Anzahl;GEM001;Zahl der Gemeinden"
        for value in values
    ]
    return ("\ufeff" + "\n".join([FLAT_HEADER, *lines]) + "\n").encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def error(data: bytes, name: str = "f.csv") -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, name)
    return caught.value


# --- symbols and numbers


def test_symbols_numbers_and_quality_flags() -> None:
    cells = ["-", ".", "...", "/", "x", "()", "|", "…", "0", "0,0", "-0,3", "1.5", "(12)"]
    cells += ["12 p", "7e", "(3) s", ". p", "+4"]
    data = parse_bytes(flat(*cells), "f.csv").data
    assert data.select("value", "symbol", "quality").rows() == [
        (None, "-", None),
        (None, ".", None),
        (None, "...", None),
        (None, "/", None),
        (None, "x", None),
        (None, "()", None),
        (None, "|", None),
        (None, "...", None),
        (0.0, None, None),
        (0.0, None, None),
        (-0.3, None, None),
        (1.5, None, None),
        (12.0, None, "()"),
        (12.0, None, "p"),
        (7.0, None, "e"),
        (3.0, None, "() s"),
        (None, ".", "p"),
        (4.0, None, None),
    ]


@pytest.mark.parametrize("cell", ["12a", "1.234,5", "1 000", "e", "--", "(12", "12 q", "n/a"])
def test_invalid_cells(cell: str) -> None:
    caught = error(flat(cell))
    assert (caught.line, caught.column) == (2, "value")
    assert caught.message == f"'{cell}' ist weder Zahl noch gültiges Zeichen"


def test_message_names_file_line_and_column() -> None:
    lines = POPULATION.read_text(encoding="utf-8-sig").split("\n")
    fields = lines[16].split(";")
    fields[13] = "12a"
    lines[16] = ";".join(fields)
    caught = error("\n".join(lines).encode(), POPULATION.name)
    assert str(caught) == (
        "12411-01-01-4.ffcsv.csv, Zeile 17, Spalte value: "
        "'12a' ist weder Zahl noch gültiges Zeichen"
    )


def test_parse_error_survives_pickling() -> None:
    caught = error(flat("12a"))
    copy = pickle.loads(pickle.dumps(caught))
    assert (copy.file, copy.line, copy.column, str(copy)) == (
        "f.csv",
        2,
        "value",
        str(caught),
    )


# --- structural errors


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "f.csv: Die Datei ist leer."),
        (b"a;b\x00;c\n", "f.csv: Die Datei ist keine Textdatei (enthält Nullbytes)."),
        (
            b"\xef\xbb\xbfa;b\n\xff\n",
            "f.csv, Zeile 2: Ungültige Zeichenkodierung (utf-8) an Byte 5.",
        ),
        ("Gr\u00fc\u00dfe;x\n".encode() + b"\xe4\n", "f.csv, Zeile 2: Ungültige Zeichenkodierung"),
        (b"Name;Wert\nA;1\n", "f.csv, Zeile 1: Unbekanntes Dateiformat"),
        (
            flat("1", time="2024-02-30"),
            "f.csv, Zeile 2, Spalte time: '2024-02-30' ist kein gültiges Datum",
        ),
        (flat("1", time=""), "f.csv, Zeile 2, Spalte time: Die Zeitangabe fehlt."),
        (
            flat("1", key="4730"),
            "f.csv, Zeile 2, Spalte 1_variable_attribute_code: "
            "Regionalschlüssel '4730' hat 4 Stellen",
        ),
        (
            flat("1", key="Nord"),
            "f.csv, Zeile 2, Spalte 1_variable_attribute_code: "
            "'Nord' ist kein gültiger Regionalschlüssel",
        ),
        (flat(""), "f.csv, Zeile 2, Spalte value: Der Wert fehlt."),
        (
            flat("1").replace(b";value_unit", b""),
            "f.csv, Zeile 1, Spalte value_unit: Pflichtspalte fehlt.",
        ),
        (
            flat("1").replace(b";value;", b";value;value;"),
            "f.csv, Zeile 1, Spalte value: Die Spalte kommt mehrfach vor.",
        ),
        (
            flat("1")[:-30],
            "f.csv, Zeile 2, Spalte value_variable_code: Die Zeile hat 11 statt 13 Felder",
        ),
        (
            flat("1").replace(b"Zahl der", b"Zahl;der"),
            "f.csv, Zeile 2, Spalte value_variable_label: Die Zeile hat 14 statt 13 Felder",
        ),
        (
            flat("1").replace(b"1_variable_code;", b"1_variable_cde;"),
            "f.csv, Zeile 1, Spalte 1_variable_code: Pflichtspalte fehlt.",
        ),
        (FLAT_HEADER.encode(), "f.csv: Die Datei enthält keine Datenzeilen."),
        (
            b"Statistik_Code;Statistik_Label;Zeit_Code;Zeit_Label;Zeit;Wert\n",
            "f.csv, Zeile 1, Spalte Wert: Unbekannte Spalte",
        ),
    ],
)
def test_structural_errors(data: bytes, expected: str) -> None:
    assert str(error(data)).startswith(expected)


def test_value_q_must_be_a_quality_flag() -> None:
    data = flat("5").replace(b"value_variable_label\n", b"value_variable_label;value_q\n")
    data = data.replace(b"Gemeinden\n", b"Gemeinden;z\n")
    assert str(error(data)) == (
        "f.csv, Zeile 2, Spalte value_q: "
        "'z' ist kein gültiges Qualitätskennzeichen (erlaubt: e p r s ())"
    )


def test_windows_1252_without_bom_is_read() -> None:
    data = flat("5").decode("utf-8-sig").replace("Nordsachsen", "Nördliches Sachsen")
    result = parse_bytes(data.encode("cp1252"), "f.csv")
    assert result.data["region_name"].to_list() == ["Nördliches Sachsen"]


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError):
        parse_file(tmp_path / "fehlt.csv")


# --- zipped files


def test_zipped_file_equals_plain_file() -> None:
    plain = parse_file(POPULATION)
    packed = parse_bytes(zipped({POPULATION.name: POPULATION.read_bytes()}), "download.zip")
    assert packed.data.equals(plain.data)
    assert packed.file_format is plain.file_format


def test_zipped_file_errors_name_the_member() -> None:
    caught = error(zipped({"tabelle.csv": flat("12a")}), "download.zip")
    assert str(caught).startswith("download.zip/tabelle.csv, Zeile 2, Spalte value:")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (zipped({"a.csv": flat("1"), "b.csv": flat("2")}), "genau eine Datei enthalten, nicht 2"),
        (zipped({}), "genau eine Datei enthalten, nicht 0"),
        (zipped({"a.csv": flat("1")})[:60], "ZIP-Archiv ist beschädigt"),
        (zipped({"a.zip": zipped({"a.csv": flat("1")})}), "Verschachtelte ZIP-Archive"),
    ],
    # the archives hold the time of collection: ids must not contain them (pytest-xdist)
    ids=["two-members", "empty", "cut-off", "nested"],
)
def test_bad_archives(data: bytes, message: str) -> None:
    assert message in str(error(data, "download.zip"))


# --- damaged files: a result or a ParseError, never another exception

SOURCES = {
    path.name: path.read_bytes()
    for path in sorted(FIXTURES.glob("*.csv"))
    if path.stat().st_size < 40_000
}
SOURCES["zipped.zip"] = zipped({"12411.csv": SOURCES["12411-01-01-4.ffcsv.csv"]})
TOKENS = mutations.BYTE_TOKENS + [
    "\u0661".encode(),
    "\uff15".encode(),
    "\u2026".encode(),
]  # non-ASCII digits, …


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    data = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "delete", "insert", "replace", "repeat"]))
        if action == "cut":
            del data[position:]
        elif action == "delete":
            del data[position : position + draw(st.integers(1, 60))]
        elif action == "insert":
            data[position:position] = draw(st.sampled_from(TOKENS) | st.binary(max_size=3))
        elif action == "replace" and position < len(data):
            data[position] = draw(st.integers(0, 255))
        elif action == "repeat":
            lines = bytes(data).split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[draw(st.integers(0, len(lines) - 1))])
            data = bytearray(b"\n".join(lines))
    return name, bytes(data)


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(damaged())
def test_damaged_files_give_a_result_or_a_parse_error(case: tuple[str, bytes]) -> None:
    name, data = case
    try:
        result = parse_bytes(data, name)
    except ParseError as caught:
        assert str(caught).startswith(name)
        assert "internen Fehlers" not in caught.message, caught.__cause__
    else:
        assert isinstance(result.data, pl.DataFrame)
        assert result.data.schema == pl.Schema(OUTPUT_SCHEMA)
        assert (result.data["value"].is_null() == result.data["symbol"].is_not_null()).all()
