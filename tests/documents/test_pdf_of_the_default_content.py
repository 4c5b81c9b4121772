"""The real Endbericht Langfassung of the default content (Nordsachsen) as PDF, rendered once
for the module: it passes the check kit and shows the four Leitbilder and real figures."""

import pytest

from .pdfcheck import headings, normal, page_texts, problems

# The tests read the rendered file only; the mark makes pytest-django set up the database
# (it sets up only those the collected tests ask for), also when this module runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def langfassung(django_db_setup, django_db_blocker):
    from kek.core.defaults import load_defaults
    from kek.documents.assemble import final_report
    from kek.documents.pdf import render_pdf
    from kek.goals.models import Concept

    with django_db_blocker.unblock():
        if not Concept.objects.filter(region__ags="14730").exists():
            load_defaults()  # on SQLite a transactional test before may have emptied it
        concept = Concept.objects.get(region__ags="14730", is_current=True)
        document = final_report.long(concept)
        visions = [normal(field.vision) for field in concept.fields_of_action.all()]
    pdf = render_pdf(document)
    return {"document": document, "pdf": pdf, "texts": page_texts(pdf), "visions": visions}


def test_it_passes_the_check_kit(langfassung):
    document = langfassung["document"]
    running = (document.cover.concept, "Entwurf")
    assert problems(langfassung["pdf"], headings(document), running) == []


def test_it_shows_the_four_leitbilder(langfassung):
    text = " ".join(langfassung["texts"])
    assert len(langfassung["visions"]) == 4
    assert [vision for vision in langfassung["visions"] if vision not in text] == []


def test_it_shows_the_inhabitants_at_the_end_of_2024(langfassung):
    text = " ".join(langfassung["texts"])
    assert "199.422" in text
    assert "31.12.2024" in text


def test_every_chart_is_a_titled_vector_figure(langfassung):
    from kek.documents.document import Figure

    charts = [block for _, section in langfassung["document"].walk() for block in section.blocks
              if isinstance(block, Figure)]  # fmt: skip
    text = " ".join(langfassung["texts"])
    assert charts
    assert [n for n in range(1, len(charts) + 1) if f"Abbildung {n}:" not in text] == []
