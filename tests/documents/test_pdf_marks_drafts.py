"""A draft is marked "Entwurf" on every page; an adopted version's document is not, its
header names the concept instead."""

from .print_sample import rendered


def test_every_page_of_a_draft_says_entwurf():
    texts = rendered(draft=True).texts
    assert len(texts) > 5
    assert [number for number, text in enumerate(texts, 1) if "Entwurf" not in text] == []


def test_an_adopted_document_has_no_draft_mark():
    texts = rendered(draft=False).texts
    assert [number for number, text in enumerate(texts, 1) if "Entwurf" in text] == []
    assert all("KEK Nordsachsen 2030" in text for text in texts[1:])
    assert "Beschlossen am 24.03.2021 vom Kreistag (TOP 5)" in texts[0]


def test_pages_are_numbered_of_the_total():
    texts = rendered().texts
    total = len(texts)
    assert all(f"Seite {n} von {total}" in text for n, text in enumerate(texts, 1) if n > 1)
