"""The file-reading kit, without a database."""

from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from kek.core import fileio
from kek.core.fileio import FileError

NESTED = """\
# a comment
format: x
district:
  ags: "14730"

  name: Nordsachsen
versions:
  - version: 1
    fields:
      - title: Wirtschaft
        goals:
          - {title: Fachkräfte, slug: fk}
          -
            title: Zweites
"""


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_at_any_depth_know_their_line(tmp_path):
    data = fileio.load_yaml(write(tmp_path, NESTED))
    district = data["district"]
    version = data["versions"][0]
    field = version["fields"][0]
    first, second = field["goals"]
    assert fileio.line_of(data, "format") == 2
    assert fileio.line_of(data, "versions") == 7
    assert (fileio.line_of(district), fileio.line_of(district, "name")) == (4, 6)
    assert (fileio.line_of(version), fileio.line_of(version, "fields")) == (8, 9)
    assert fileio.line_of(field, "goals") == 11
    assert fileio.line_of(first, "slug") == 12
    assert (fileio.line_of(second), fileio.line_of(second, "title")) == (14, 14)


def test_an_unknown_key_falls_back_to_the_mapping_and_plain_dicts_have_no_line(tmp_path):
    data = fileio.load_yaml(write(tmp_path, NESTED))
    assert fileio.line_of(data["district"], "missing") == 4
    assert fileio.at(data["district"], "missing") == "Zeile 4"
    assert fileio.line_of({"a": 1}, "a") is None
    assert fileio.at({"a": 1}, "a") == "Zeile ?"


def test_the_data_has_no_bookkeeping_keys(tmp_path):
    data = fileio.load_yaml(write(tmp_path, NESTED))
    assert data == yaml.safe_load(NESTED)
    assert list(data["district"]) == ["ags", "name"]


def test_the_c_and_the_python_loader_give_the_same_lines(tmp_path):
    path = write(tmp_path, NESTED)
    fast = fileio.load_yaml(path)
    plain = fileio.load_yaml(path, fast=False)

    def lines(node):
        if isinstance(node, dict):
            yield fileio.line_of(node), sorted(node.key_lines.items())
            for value in node.values():
                yield from lines(value)
        elif isinstance(node, list):
            for value in node:
                yield from lines(value)

    assert fast == plain
    assert list(lines(fast)) == list(lines(plain))
    assert fileio.yaml_loader(fast=False).__mro__[1] is yaml.SafeLoader
    if hasattr(yaml, "CSafeLoader"):
        assert fileio.yaml_loader().__mro__[1] is yaml.CSafeLoader


def test_anchors_and_merge_keys_still_work(tmp_path):
    text = "base: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n"
    data = fileio.load_yaml(write(tmp_path, text))
    assert data["other"] == {"a": 1, "c": 2}
    assert fileio.line_of(data["other"], "c") == 4


def test_broken_yaml_and_encoding_are_user_errors(tmp_path):
    with pytest.raises(FileError) as error:
        fileio.load_yaml(write(tmp_path, "a: [\nb: 1\n"))
    assert str(error.value).startswith("f.yaml, Zeile ")
    assert "kein gültiges YAML" in str(error.value)
    path = tmp_path / "latin.yaml"
    path.write_bytes("a: Größe\n".encode("latin-1"))
    with pytest.raises(FileError, match=r"^latin\.yaml: die Datei ist nicht UTF-8-kodiert\.$"):
        fileio.load_yaml(path)


def test_the_error_names_file_place_and_field():
    assert str(FileError("k.xlsx", "Blatt a, Zeile 3", "title", "darf nicht leer sein.")) == (
        "k.xlsx, Blatt a, Zeile 3, Feld title: darf nicht leer sein."
    )
    assert str(FileError("k.yaml", "", "", "die Datei gibt es nicht.")) == (
        "k.yaml: die Datei gibt es nicht."
    )
    error = FileError("k.yaml", "Zeile 2", "x", "kaputt.")
    assert (error.file, error.where, error.field, error.problem) == (
        "k.yaml",
        "Zeile 2",
        "x",
        "kaputt.",
    )


def test_places():
    assert fileio.place(3) == "Zeile 3"
    assert fileio.place(3, "goals") == "Blatt goals, Zeile 3"
    assert fileio.place(sheet="info") == "Blatt info"
    assert fileio.place() == "Zeile ?"


def test_rows_keep_their_numbers_and_skip_empty_ones():
    values = [("a", "b", None), (1, 2, None), (None, "", None), ("x", None, None)]
    rows = list(fileio.rows(values, ["a"], file="f.xlsx", sheet="s"))
    assert [(r.number, r.where, r.get("a"), r.get("b")) for r in rows] == [
        (2, "Blatt s, Zeile 2", 1, 2),
        (4, "Blatt s, Zeile 4", "x", None),
    ]


def test_a_missing_column_is_named():
    with pytest.raises(FileError, match=r"^f\.xlsx, Blatt s, Zeile 1, Feld b: diese Spalte fehlt"):
        list(fileio.rows([("a",), (1,)], ["a", "b"], file="f.xlsx", sheet="s"))


class Special(FileError):
    pass


def test_workbook_sheets_and_rows(tmp_path):
    book = Workbook()
    book.active.title = "data"
    book.active.append(["name", "value"])
    book.active.append(["a", 1])
    book.active.append([None, None])
    book.active.append(["b", 2.5])
    book.save(tmp_path / "w.xlsx")
    opened = fileio.open_workbook(tmp_path / "w.xlsx", ["data"])
    rows = list(fileio.sheet_rows(opened, "data", ["name"], file="w.xlsx"))
    assert [(r.number, r.cells) for r in rows] == [
        (2, {"name": "a", "value": 1}),
        (4, {"name": "b", "value": 2.5}),
    ]
    with pytest.raises(Special, match=r"^w\.xlsx, Blatt other: dieses Tabellenblatt fehlt\.$"):
        fileio.open_workbook(tmp_path / "w.xlsx", ["data", "other"], Special)
    write(tmp_path, "no workbook", "bad.xlsx")
    with pytest.raises(FileError, match=r"^bad\.xlsx: keine lesbare XLSX-Datei\.$"):
        fileio.open_workbook(tmp_path / "bad.xlsx", [])


def test_csv_rows_count_records_and_report_broken_csv():
    text = '\ufeffname;value\na;1\n\n"b\nc";2\n'
    rows = list(fileio.csv_rows(text, ["value"], file="f.csv", delimiter=";"))
    assert [(r.number, r.cells) for r in rows] == [
        (2, {"name": "a", "value": "1"}),
        (4, {"name": "b\nc", "value": "2"}),
    ]
    with pytest.raises(FileError, match=r"^f\.csv, Zeile 2: ungültiges CSV"):
        list(fileio.csv_rows('a\n"x"y\n', ["a"], file="f.csv"))


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.yaml", "yaml"), ("a.YML", "yaml"), ("a.b.xlsx", "xlsx"), ("A.XLSX", "xlsx")],
)
def test_the_format_follows_the_extension(name, kind):
    assert fileio.file_format(Path(name)) == kind


def test_other_extensions_are_refused_with_the_allowed_ones(tmp_path):
    with pytest.raises(
        Special, match=r"^a\.csv: unbekanntes Format; erlaubt sind \.yaml, \.yml und \.xlsx\.$"
    ):
        fileio.file_format(Path("a.csv"), error=Special)
    with pytest.raises(FileError, match=r"erlaubt sind \.csv$|erlaubt sind \.csv\.$"):
        fileio.file_format(Path("a.txt"), {".csv": "csv"})
    with pytest.raises(FileError, match=r"^fehlt\.yaml: die Datei gibt es nicht\.$"):
        fileio.readable_format(tmp_path / "fehlt.yaml")
    write(tmp_path, "a: 1", "da.yml")
    assert fileio.readable_format(tmp_path / "da.yml") == "yaml"


def test_a_new_workbook_has_exactly_its_first_sheet():
    book, sheet = fileio.new_workbook("info")
    assert book.sheetnames == ["info"] and book.worksheets[0] is sheet


class Cells(fileio.ValueReader):
    error = Special


@pytest.mark.parametrize(
    ("check", "value", "message"),
    [
        (lambda r, v: r.text(v, "Zeile 2", "title", required=True), " ", "darf nicht leer sein."),
        (lambda r, v: r.text(v, "Zeile 2", "title"), ["x"], "erwartet wird ein Text."),
        (
            lambda r, v: r.integer(v, "Zeile 2", "year", 2000, 2100),
            "1999",
            "erwartet wird eine ganze Zahl von 2000 bis 2100.",
        ),
        (
            lambda r, v: r.flag(v, "Zeile 2", "done"),
            "vielleicht",
            "„vielleicht“ ist weder ja noch nein.",
        ),
        (
            lambda r, v: r.date(v, "Zeile 2", "start"),
            "1.2.2020",
            "„1.2.2020“ ist kein Datum (JJJJ-MM-TT).",
        ),
        (lambda r, v: r.key(v, "Zeile 2"), "abc", "„abc“ ist kein gültiger Schlüssel (UUID)."),
        (
            lambda r, v: r.slug(v, "Zeile 2"),
            "Groß",
            "„Groß“: nur Kleinbuchstaben, Ziffern und Bindestriche.",
        ),
    ],
)
def test_value_checks_raise_the_formats_error_with_place_and_field(check, value, message):
    with pytest.raises(Special) as error:
        check(Cells("f.yaml"), value)
    assert str(error.value).startswith("f.yaml, Zeile 2, Feld ")
    assert str(error.value).endswith(f": {message}")


def test_value_checks_accept_spreadsheet_habits():
    cells = Cells("f.xlsx")
    assert cells.text(2030, "", "x") == "2030"
    assert cells.integer(2030.0, "", "x", 2000, 2100) == 2030
    assert cells.integer(" 2030 ", "", "x", 2000, 2100) == 2030
    assert [cells.flag(v, "", "x") for v in ("Ja", "nein", None, True, 1)] == [
        True,
        False,
        False,
        True,
        True,
    ]
    assert str(cells.date("2020-02-01", "", "x")) == "2020-02-01"
    assert cells.date("", "", "x") is None
    assert len(cells.key(None, "")) == 36


# Issue 16: validation before any write.


def test_duplicate_keys_are_refused_with_their_line(tmp_path):
    path = write(tmp_path, "a: 1\nb:\n  c: 2\n  c: 3\n")
    with pytest.raises(FileError) as info:
        fileio.load_yaml(path)
    assert (
        str(info.value)
        == "f.yaml, Zeile 4, Feld c: dieses Feld steht hier doppelt (zuerst in Zeile 3)."
    )
    with pytest.raises(FileError, match="Zeile 4, Feld c"):
        fileio.load_yaml(path, fast=False)


def test_impossible_dates_and_numbers_stay_text_for_the_format_to_name(tmp_path):
    data = fileio.load_yaml(write(tmp_path, f"d: 2021-02-30\ne: 2021-02-28\nn: {'9' * 5000}\n"))
    assert data["d"] == "2021-02-30" and data["n"] == "9" * 5000
    assert str(data["e"]) == "2021-02-28"
    reader = fileio.ValueReader("f.yaml")
    with pytest.raises(FileError, match="„2021-02-30“ ist kein Datum"):
        reader.date(data["d"], "Zeile 1", "d")
    with pytest.raises(FileError, match="ganze Zahl von 1 bis 9"):
        reader.integer(data["n"], "Zeile 3", "n", 1, 9)


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "[" * 20_000,
        "{a: " * 20_000,
        "- " * 20_000 + "x",
        "".join(" " * i + "a:\n" for i in range(300)),
    ],
)
def test_deep_nesting_is_refused_before_pyyaml_builds_it(tmp_path, text, fast):
    with pytest.raises(FileError, match="f.yaml, Zeile \\d+: zu tief verschachtelt"):
        fileio.load_yaml(write(tmp_path, text), fast=fast)


def test_the_nesting_scan_leaves_ordinary_files_alone():
    text = "a: Text [mit Klammer\nb: {c: [1, 2]}\nd: '[' \ne: |\n  [[[[\n" * 50
    assert fileio.nesting_depth(text) is None
    assert fileio.nesting_depth("[" * 101) == 1
    assert fileio.nesting_depth("[" * 99) is None


def test_unknown_fields_are_named_with_their_line(tmp_path):
    data = fileio.load_yaml(write(tmp_path, "title: a\ntitel: b\n"))
    with pytest.raises(FileError) as info:
        fileio.unknown_fields(data, ["title"], file="f.yaml")
    assert str(info.value) == "f.yaml, Zeile 2, Feld titel: unbekanntes Feld; erlaubt sind title."


def test_text_longer_than_its_limit_is_refused():
    reader = fileio.ValueReader("f.yaml")
    assert reader.text("x" * 300, "Zeile 1", "title", limit=300) == "x" * 300
    with pytest.raises(FileError, match="Feld title: höchstens 300 Zeichen \\(hier 1000000\\)"):
        reader.text("x" * 1_000_000, "Zeile 1", "title", limit=300)


def test_unknown_and_doubled_columns_are_refused():
    table = [["a", "b", "x"], [1, 2, 3]]
    with pytest.raises(FileError, match="Blatt s, Zeile 1, Feld x: unbekannte Spalte"):
        list(fileio.rows(table, ["a"], file="f.xlsx", sheet="s", allowed=["a", "b"]))
    with pytest.raises(FileError, match="Feld a: diese Spalte steht doppelt"):
        list(fileio.rows([["a", "a"]], ["a"], file="f.xlsx", sheet="s"))


def test_a_file_of_another_district_is_named():
    fileio.check_district("14730", "14730", "Nordsachsen", file="f.yaml")
    with pytest.raises(FileError) as info:
        fileio.check_district("14729", "14730", "Nordsachsen", file="f.yaml", hint="Kopie mit X")
    assert str(info.value) == (
        "f.yaml, Feld district: die Datei gehört zum Landkreis 14729, nicht zu 14730 "
        "(Nordsachsen); Kopie mit X."
    )
