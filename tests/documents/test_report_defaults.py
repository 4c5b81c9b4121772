"""The default Endbericht of a district (data/nordsachsen/report.yaml): loading it again
changes nothing, a planner's edit of a chapter survives it, a chapter the planners deleted
comes back, and a bad entry is refused with file, line and field before anything is written."""

import pytest

from kek.core.defaults import DEFAULT_DIR
from kek.core.fileio import FileError
from kek.documents import defaults
from kek.documents.pages import ChapterPage, ReportPage

pytestmark = pytest.mark.django_db


def load(nordsachsen) -> str:
    return defaults.load(nordsachsen, DEFAULT_DIR, {})


def test_the_default_report_has_its_chapters_with_live_blocks(nordsachsen):
    report = ReportPage.objects.get(slug="endbericht")
    assert report.live and report.get_parent().specific.region == nordsachsen
    chapters = {c.slug: c for c in ChapterPage.objects.child_of(report)}
    assert {c.title for c in chapters.values()} >= {"Aufgabe und Vorgehen", "Makrolage"}
    blocks = {b.block_type for c in chapters.values() for b in c.body}
    assert {"text", "chart", "goal_tree"} <= blocks
    assert "Beispielinhalt" in str(chapters["makrolage"].body[0].value)


def test_loading_again_changes_nothing_and_keeps_a_planners_edit(nordsachsen):
    chapter = ChapterPage.objects.get(slug="makrolage")
    chapter.title = "Lage im Raum"
    chapter.body = [("text", "<p>Von der Planerin.</p>")]
    chapter.save_revision().publish()
    pages = ChapterPage.objects.count()
    assert load(nordsachsen) == "Endbericht: schon vorhanden, unverändert."
    chapter.refresh_from_db()
    assert chapter.title == "Lage im Raum"
    assert [str(b.value) for b in chapter.body] == ["<p>Von der Planerin.</p>"]
    assert ChapterPage.objects.count() == pages


def test_a_missing_chapter_is_added_again(nordsachsen):
    ChapterPage.objects.get(slug="makrolage").delete()
    assert load(nordsachsen) == "Endbericht: 1 Seite(n) angelegt."
    assert ChapterPage.objects.get(slug="makrolage").live


@pytest.mark.parametrize(
    ("block", "field", "problem"),
    [
        ("chart: {indicator: GIBTSNICHT, chart: vergleich}", "chapters[2].body[1].chart",
         "indicator"),
        ("tabelle: {}", "chapters[2].body[1]", "Unbekannter Baustein"),
        ("goal_tree: {feld: 1}", "feld", "feld"),
    ],
)  # fmt: skip
def test_a_bad_block_is_refused_with_its_line(nordsachsen, tmp_path, block, field, problem):
    ReportPage.objects.all().delete()
    (tmp_path / "report.yaml").write_text(
        "report: {title: Endbericht, slug: endbericht}\n"
        "chapters:\n"
        "  - {title: Ausblick, slug: ausblick, slot: ausblick}\n"
        "  - title: Kaputt\n"
        "    slug: kaputt\n"
        "    slot: makrolage\n"
        "    body:\n"
        f"      - {block}\n",
        encoding="utf-8",
    )
    with pytest.raises(FileError) as error:
        defaults.load(nordsachsen, tmp_path, {})
    message = str(error.value)
    assert "report.yaml" in message and "Zeile 8" in message
    assert field in message and problem in message
    assert not ReportPage.objects.exists() and not ChapterPage.objects.exists()
