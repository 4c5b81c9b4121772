"""Tables in the PDF: numbered captions, the header row again on every page a long table runs
over, numbers right-aligned, the source line, nothing outside the text area."""

import re

from .pdfcheck import overflow_problems
from .print_sample import LONG_ROWS, rendered


def pages_with(text: str) -> list[int]:
    return [number for number, page in enumerate(rendered().texts, 1) if text in page]


def test_a_long_table_repeats_its_header_on_every_page():
    pages = sorted({page for n in (1, LONG_ROWS // 2, LONG_ROWS) for page in
                    pages_with(f"Projekt Nummer {n} in der")})  # fmt: skip
    assert len(pages) >= 2
    assert all(page in pages_with("Kosten (€) Beginn") for page in pages)


def test_tables_are_numbered_with_their_caption_and_source():
    text = " ".join(rendered().texts)
    assert "Tabelle 1: Einwohner je Jahr" in text
    assert "Tabelle 2: Projekte des Katalogs" in text
    assert "Quelle: Landkreis Nordsachsen, Projektdatenbank" in text


def test_numeric_columns_are_right_aligned():
    html = rendered().html
    assert re.search(r'<th scope="col" class="num">Kosten \(€\)</th>', html)
    assert re.search(r'<td class="num">123\.450</td>', html)  # row 10: 10 × 12.345
    assert '<th scope="col">Projekt</th>' in html


def test_a_wide_table_stays_inside_the_page():
    assert "doc-table--wide" in rendered().html
    assert overflow_problems(rendered().pdf) == []
