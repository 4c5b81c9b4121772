"""The real Endbericht Langfassung as DOCX and the real Projektkatalog as XLSX of the default
content (Nordsachsen), rendered once for the module and opened again."""

import io

import docx
import openpyxl
import pytest

from kek.documents.docx import render_docx
from kek.documents.xlsx import ordered_tables, render_xlsx

# pytest-django sets up the test database only for a session with tests that ask for it; the
# module fixture alone would not (and would read the development database).
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def rendered(django_db_setup, django_db_blocker):
    from kek.core.defaults import load_defaults
    from kek.documents.assemble import catalogue, final_report
    from kek.goals.models import Concept

    with django_db_blocker.unblock():
        if not Concept.objects.filter(region__ags="14730").exists():
            load_defaults()  # on SQLite a transactional test before may have emptied it
        concept = Concept.objects.get(region__ags="14730", is_current=True)
        long = final_report.long(concept)
        projects = catalogue.assemble(concept, None)
        visions = [f.vision for f in concept.fields_of_action.all() if f.vision]
        numbers = sorted(p.number for p in concept.projects.all())
    return {
        "long": long,
        "word": docx.Document(io.BytesIO(render_docx(long))),
        "catalogue": projects,
        "book": openpyxl.load_workbook(io.BytesIO(render_xlsx(projects))),
        "visions": visions,
        "numbers": numbers,
    }


def _text(word) -> str:
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_langfassung_has_its_chapters_as_headings_in_order(rendered):
    expected = [(min(depth, 4), section.heading) for depth, section in rendered["long"].walk()]
    headings = {heading for _, heading in expected}
    found = [
        (int(p.style.name.removeprefix("Heading ")), p.text)
        for p in rendered["word"].paragraphs
        if p.style.name.startswith("Heading ") and p.text in headings
    ]
    assert found == expected
    assert len(found) >= 5


def test_the_langfassung_states_the_four_leitbilder(rendered):
    text = " ".join(_text(rendered["word"]).split())
    assert len(rendered["visions"]) == 4
    for vision in rendered["visions"]:
        assert " ".join(vision.split()) in text


def test_the_langfassung_has_charts_with_descriptions_and_tables(rendered):
    word = rendered["word"]
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert descriptions and all(d and d.strip() for d in descriptions)
    assert len(word.tables) >= 2


def test_the_catalogue_lists_every_project_as_a_row(rendered):
    book = rendered["book"]
    first = ordered_tables(rendered["catalogue"])[0]
    sheet = book.worksheets[0]
    header = next(r for r in range(1, 12) if sheet.cell(r, 1).value == first.columns[0])
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=header + 1)]
    assert len(rows) == len(first.rows) >= len(rendered["numbers"]) > 0
    shown = " ".join(str(value) for row in rows for value in row if value is not None)
    assert all(number in shown for number in rendered["numbers"])
    assert sheet.freeze_panes == f"A{header + 1}"
    assert first.numeric  # e.g. progress and costs: numbers again, not their display text
    for index in first.numeric:
        assert any(isinstance(row[index], int | float) for row in rows), first.columns[index]
