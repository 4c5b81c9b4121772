"""The check kit is not blind: an untagged PDF, a wrong outline and a contents page with a
wrong page number are each reported."""

import weasyprint

from kek.documents.pdf import render_html, write_pdf

from .pdfcheck import Entry, headings, orphan_problems, problems
from .print_sample import sample


def short_sample():
    """Two chapters of the sample (quick to lay out)."""
    document = sample(draft=False)
    document.sections = [document.sections[0], document.sections[-1]]
    return document


def test_it_passes_a_good_pdf():
    document = short_sample()
    assert problems(write_pdf(render_html(document)), headings(document)) == []


def test_it_reports_an_untagged_pdf():
    document = short_sample()
    plain = weasyprint.HTML(string=render_html(document)).write_pdf()
    found = problems(plain, headings(document))
    assert "no StructTreeRoot" in found
    assert any("pdfuaid" in problem for problem in found)


def test_it_reports_an_outline_other_than_the_headings():
    document = short_sample()
    wrong = list(reversed(headings(document)))
    found = problems(write_pdf(render_html(document)), wrong)
    assert any(problem.startswith("outline") for problem in found)


def test_it_reports_a_wrong_page_number_in_the_contents():
    document = short_sample()
    html = render_html(document).replace("target-counter(attr(href), page)", '"1"')
    found = problems(write_pdf(html), headings(document))
    assert any(problem.startswith("contents give page 1 ") for problem in found)


def test_it_reports_text_outside_the_text_area():
    document = short_sample()
    clipped = '<p style="margin-left: 185mm; white-space: nowrap">abgeschnitten</p></main>'
    html = render_html(document).replace("</main>", clipped)
    found = problems(write_pdf(html), headings(document))
    assert any("abgeschnitten" in problem for problem in found)


def test_it_reports_a_heading_alone_at_the_end_of_a_page():
    entries = [Entry(1, "1 Aufgabe", 0), Entry(2, "1.1 Ablauf", 0), Entry(2, "1.2 Ziele", 1)]
    texts = [
        "1 Aufgabe Der Kreistag beauftragte das KEK. 1.1 Ablauf 1 Aufgabe Entwurf Seite 1 von 2",
        "1.2 Ziele Von 2019 bis 2021. 1 Aufgabe Entwurf Seite 2 von 2",
    ]
    assert orphan_problems(entries, texts, ("Entwurf",)) == [
        "heading '1.1 Ablauf' alone at the end of page 1"
    ]
