"""The catalogue exchange file (F17) without a database: XLSX and YAML, round trips, errors."""

import contextlib
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kek.projects import catalogue_io as io


def catalogue() -> io.Catalogue:
    resolution = io.Resolution(dt.date(2021, 6, 30), "Projektkatalog", "Kreistag", "KT-1/2021")
    project = io.Project(
        number="P1",
        title="Radweg an der K 8901",
        slug="radweg-k8901",
        description="Zeile eins\nZeile zwei",
        subgoals=["1.2.1", "1.10.1"],
        lead_body="Straßenbauamt",
        leads=["anna", "bert"],
        partners="=Gemeinde A; Gemeinde B",
        municipalities=["14730010", "14730020"],
        status="in_progress",
        progress=35,
        priority="high",
        start=dt.date(2022, 3, 1),
        end=dt.date(2026, 12, 31),
        cost_estimate=Decimal("1234567.89"),
        funding_programme="Radverkehr",
        funding_share=Decimal("75.50"),
        resolution=resolution,
        weight=Decimal("2.50"),
        example=True,
        milestones=[io.Milestone(dt.date(2023, 1, 31), "Planung fertig", True)],
    )
    bare = io.Project(number="P2", title="Idee ohne Angaben")
    return io.Catalogue(
        projects=[project, bare],
        indicators=[
            io.Indicator(
                owner="P1",
                owner_level="project",
                title="Radweglänge",
                unit="km",
                direction="decrease",
                method="dns",
                estimator="compound",
                baseline_value=140.25,
                baseline_year=2018,
                target_value=200,
                target_year=2030,
                weight=0.5,
                series_indicator="BEVSTD",
                series_region="14730",
                series_disaggregation="GES:GESM",
                measurements=[
                    io.Measurement(dt.date(2020, 12, 31), 146.0, "Zählung", "vorläufig"),
                    io.Measurement(dt.date(2021, 12, 31), -0.125),
                ],
            ),
            io.Indicator(
                owner="1.2", owner_level="goal", title="Ziel", threshold_profile="eurostat"
            ),
            io.Indicator(owner="1.2.3", owner_level="subgoal", title="Teilziel", method="trend"),
        ],
        district_ags="14730",
        district_name="Nordsachsen",
        concept_version=1,
    )


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_every_field_survives_a_round_trip(tmp_path, suffix):
    original = catalogue()
    path = tmp_path / f"katalog{suffix}"
    io.write(original, path)
    again = io.read(path)
    assert again == original
    assert again.projects[0].subgoals == ["1.2.1", "1.10.1"]  # numeric order
    assert again.projects[1].weight == Decimal("1.00") and again.projects[1].progress is None


def test_xlsx_and_yaml_carry_the_same_content(tmp_path):
    io.write(catalogue(), tmp_path / "a.yaml")
    io.write(io.read(tmp_path / "a.yaml"), tmp_path / "b.xlsx")
    assert io.read(tmp_path / "b.xlsx") == io.read(tmp_path / "a.yaml")


def test_the_xlsx_has_one_sheet_per_kind_and_text_never_becomes_a_formula(tmp_path):
    path = tmp_path / "k.xlsx"
    data = catalogue()
    io.write(data, path)
    book = load_workbook(path)
    assert book.sheetnames == ["info", "projects", "milestones", "indicators", "measurements"]
    projects = book["projects"]
    header = [c.value for c in projects[1]]
    assert header[:5] == ["number", "title", "slug", "description", "subgoals"]
    partners = projects.cell(2, header.index("partners") + 1)
    # A text cell with a leading ' (kek.core.cells.defuse); the reader removes it again.
    assert partners.data_type == "s" and partners.value.startswith("'=")
    assert io.read(path).projects[0].partners == data.projects[0].partners
    rows = list(book["measurements"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == [146.0, -0.125]
    assert rows[0][0] == data.indicators[0].key


def write_sheet(path: Path, sheet: str, row: int, column: str, value) -> None:
    book = load_workbook(path)
    header = [c.value for c in book[sheet][1]]
    book[sheet].cell(row, header.index(column) + 1).value = value
    book.save(path)


@pytest.mark.parametrize(
    ("sheet", "row", "column", "value", "message"),
    [
        ("projects", 2, "status", "dreaming", "Feld status: „dreaming“ ist keiner von"),
        ("projects", 3, "number", "P1", "Feld number: Projektnummer P1 kommt doppelt vor"),
        ("projects", 2, "progress", 120, "Feld progress: erwartet wird eine ganze Zahl von 0"),
        ("projects", 2, "subgoals", "1.2", "Feld subgoals: „1.2“ ist keine Teilzielnummer"),
        ("projects", 2, "end", "2020-01-01", "Feld end: das Ende liegt vor dem Beginn"),
        ("projects", 2, "start", "März", "Feld start: „März“ ist kein Datum"),
        ("projects", 2, "slug", "Groß Buchstaben", "Feld slug"),
        ("projects", 2, "title", "x" * 301, "Feld title: höchstens 300 Zeichen"),
        ("projects", 2, "resolution_date", None, "Feld resolution_date: darf nicht leer sein"),
        ("milestones", 2, "project", "P9", "Feld project: ein Projekt „P9“ gibt es"),
        ("indicators", 2, "owner", "P9", "Feld owner: ein Projekt „P9“ gibt es in der Datei nicht"),
        ("indicators", 3, "owner", "1.2.3", "Feld owner: „1.2.3“ ist keine Nummer wie 1.2"),
        ("indicators", 2, "method", "magic", "Feld method: „magic“ ist keiner von"),
        ("indicators", 2, "target_value", "viel", "Feld target_value: „viel“ ist keine Zahl"),
        ("indicators", 2, "weight", -1, "Feld weight: darf nicht negativ sein"),
        ("measurements", 3, "date", dt.date(2020, 12, 31), "Feld date: für 31.12.2020 gibt es"),
        ("measurements", 2, "indicator", "unbekannt", "Feld indicator: einen Zielindikator"),
        ("measurements", 2, "value", None, "Feld value: darf nicht leer sein"),
    ],
)
def test_a_bad_cell_is_reported_with_sheet_row_and_column(
    tmp_path, sheet, row, column, value, message
):
    path = tmp_path / "k.xlsx"
    io.write(catalogue(), path)
    write_sheet(path, sheet, row, column, value)
    with pytest.raises(io.CatalogueError) as error:
        io.read(path)
    assert f"k.xlsx, Blatt {sheet}, Zeile {row}, " in str(error.value)
    assert message in str(error.value)


def test_a_missing_sheet_or_column_is_named(tmp_path):
    path = tmp_path / "k.xlsx"
    io.write(catalogue(), path)
    book = load_workbook(path)
    book["indicators"].delete_cols(7)  # direction
    book.save(path)
    with pytest.raises(io.CatalogueError, match="Blatt indicators, Zeile 1, Feld direction"):
        io.read(path)
    del book["milestones"]
    book.save(path)
    with pytest.raises(io.CatalogueError, match="Blatt milestones: dieses Tabellenblatt fehlt"):
        io.read(path)


def test_spreadsheet_habits_are_accepted(tmp_path):
    path = tmp_path / "k.xlsx"
    data = catalogue()
    io.write(data, path)
    write_sheet(path, "projects", 2, "cost_estimate", "1.234.567,89")
    write_sheet(path, "projects", 2, "subgoals", "1.10.1, 1.2.1; 1.2.1")
    write_sheet(path, "projects", 2, "example", "Ja")
    write_sheet(path, "indicators", 2, "baseline_value", "140,25")
    write_sheet(path, "indicators", 2, "owner_level", None)  # inferred from the number
    write_sheet(path, "indicators", 3, "owner_level", None)
    assert io.read(path) == data


def test_an_owner_that_is_project_and_goal_number_needs_its_level(tmp_path):
    data = catalogue()
    data.projects[1].number = "1.2"
    data.indicators[1].owner_level = ""
    path = tmp_path / "k.xlsx"
    io.write(data, path)
    with pytest.raises(io.CatalogueError, match="Zeile 3, Feld owner_level: „1.2“ ist Projekt"):
        io.read(path)


def test_yaml_errors_name_the_line(tmp_path):
    path = tmp_path / "k.yaml"
    io.write(catalogue(), path)
    text = path.read_text(encoding="utf-8").replace("method: dns", "method: orakel")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "orakel" in t)
    with pytest.raises(io.CatalogueError, match=rf"k\.yaml, Zeile {line}, Feld method"):
        io.read(path)
    path.write_text("format: kek-catalogue/1\nprojects: [\n", encoding="utf-8")
    with pytest.raises(io.CatalogueError, match="kein gültiges YAML"):
        io.read(path)
    path.write_text("format: kek-concept/1\n", encoding="utf-8")
    with pytest.raises(io.CatalogueError, match="Feld format: erwartet wird „kek-catalogue/1“"):
        io.read(path)


def test_unknown_formats_and_missing_files_are_refused(tmp_path):
    with pytest.raises(io.CatalogueError, match="die Datei gibt es nicht"):
        io.read(tmp_path / "fehlt.xlsx")
    (tmp_path / "k.csv").write_text("x", encoding="utf-8")
    with pytest.raises(io.CatalogueError, match="unbekanntes Format"):
        io.read(tmp_path / "k.csv")
    with pytest.raises(io.CatalogueError, match="unbekanntes Format"):
        io.write(catalogue(), tmp_path / "k.csv")


def test_mutated_catalogue_xlsx_files_never_raise_anything_but_catalogue_error(tmp_path):
    """Issue 16: mutated files give a German CatalogueError or a result, nothing else."""
    import random
    import tempfile

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from .. import mutations

    shipped = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "catalogue.yaml"
    export = tmp_path / "export.xlsx"
    io.write(io.read(shipped), export)
    sheets = mutations.read_sheets(export)

    @settings(max_examples=60, deadline=None, database=None)
    @given(st.integers(0, 2**32))
    def run(seed: int) -> None:
        rnd = random.Random(seed)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "m.xlsx"
            path.write_bytes(mutations.mutate_book(sheets, rnd))
            with contextlib.suppress(io.CatalogueError):
                io.read(path)

    run()
