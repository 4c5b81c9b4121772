"""The web page "Endbericht" of the district (F26, F27) over HTTP: the chapters as headings
with a table of contents "Auf dieser Seite" that leads to each, the four Leitbilder, a chart
with its text alternative and its data table, the downloads of the last complete build (and
nothing broken before there is one), and the draft a planner previews."""

import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from kek.documents.blocks import ChartBlock
from kek.documents.models import Build, BuildFile
from kek.documents.pages import ChapterPage, ReportPage
from kek.goals.models import FieldOfAction
from kek.goals.versions import new_version

pytestmark = pytest.mark.django_db
URL = "/endbericht/"


class Page(HTMLParser):
    """Headings (level, id, text) and the links of the "Auf dieser Seite" navigation."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str, str]] = []
        self.contents: list[str] = []
        self.ids: set[str] = set()
        self._heading: list | None = None
        self._nav = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "nav" and attributes.get("aria-labelledby") == "auf-dieser-seite":
            self._nav = 1
        elif tag == "nav" and self._nav:
            self._nav += 1
        if tag == "a" and self._nav and attributes.get("href", "").startswith("#"):
            self.contents.append(attributes["href"][1:])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), attributes.get("id", ""), ""]

    def handle_endtag(self, tag):
        if tag == "nav" and self._nav:
            self._nav -= 1
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            level, ident, text = self._heading
            self.headings.append((level, ident, " ".join(text.split())))
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[2] += data


@pytest.fixture
def report(nordsachsen):
    return ReportPage.objects.get(slug="endbericht")


def test_the_page_shows_every_chapter_and_leads_to_it(client, report, concept):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html)
    assert page.headings[0][:1] == (1,) and "Endbericht" in page.headings[0][2]
    chapters = [c.title for c in ChapterPage.objects.live().child_of(report).order_by("path")]
    assert len(chapters) >= 2
    top = [(ident, text) for level, ident, text in page.headings if level == 2 and ident]
    for title in chapters:
        assert any(text.endswith(title) for _, text in top), (title, top)
    assert page.contents and set(page.contents) <= page.ids
    linked = {ident for ident, text in top if ident in page.contents}
    assert all(any(t.endswith(title) for i, t in top if i in linked) for title in chapters)
    for field in FieldOfAction.objects.filter(concept=concept):
        assert field.vision in html


def test_the_start_page_leads_to_the_endbericht(client, report):
    section = client.get("/").content.decode().split('id="endbericht"', 1)[1]
    assert f'href="{report.url}"' in section.split("</section>", 1)[0]


def test_a_chart_shows_its_text_alternative_and_its_data(client, report, concept):
    html = client.get(URL).content.decode()
    value = {"indicator": "BEVSTD", "chart": "vergleich", "caption": ""}
    [figure] = ChartBlock().to_document(value, {"concept": concept})
    assert figure.chart.description in html.replace("&quot;", '"').replace("&#x27;", "'")
    tables = re.findall(r"<table\b.*?</table>", html, re.DOTALL)
    assert any("199.422" in t and "Sachsen" in t and "Deutschland" in t for t in tables)
    assert "Tabelle 12411-01-01-4" in html


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_downloads_appear_with_the_first_complete_build(client, report, concept, media):
    before = client.get(URL).content.decode()
    assert "Endbericht herunterladen" in before and "endbericht-langfassung.pdf" not in before
    build = Build.objects.create(
        region=concept.region, concept=concept, kind="endbericht-langfassung", input_hash="x" * 64,
        state=Build.State.DONE, finished_at=timezone.now(),
    )  # fmt: skip
    name = "KEK-Nordsachsen-2030-Endbericht-Langfassung-Fassung-1-2026-12-01.pdf"
    BuildFile.objects.create(
        build=build, format="pdf", file=ContentFile(b"%PDF-1.7", name=name), name=name,
        sha256="0" * 64, size=2_400_000,
    )  # fmt: skip
    Build.objects.filter(pk=build.pk).update(data_date="Datenstand: Statistik 31.12.2024")
    Build.objects.create(
        region=concept.region, concept=concept, kind="endbericht-kurzfassung", input_hash="y" * 64,
        state=Build.State.RUNNING,
    )  # fmt: skip
    after = client.get(URL).content.decode()
    link = f'href="/dokumente/fassung-{concept.version}/endbericht-langfassung.pdf"'
    assert link in after and "Endbericht – Langfassung" in after
    served = client.get(f"/dokumente/fassung-{concept.version}/endbericht-langfassung.pdf")
    assert b"".join(served.streaming_content) == b"%PDF-1.7"
    assert "endbericht-kurzfassung" not in after  # still running: nothing to link yet
    assert "2,3\xa0MB" in after or "2,3 MB" in after
    assert "Datenstand: Statistik 31.12.2024" in after and "wird aktualisiert" not in after
    Build.objects.create(
        region=concept.region, concept=concept, kind="endbericht-langfassung", input_hash="z" * 64,
    )  # fmt: skip
    assert "wird aktualisiert" in client.get(URL).content.decode()


def test_a_planner_previewing_a_fortschreibung_sees_its_goals(client, planner, report, concept):
    draft = new_version(concept)
    field = FieldOfAction.objects.filter(concept=draft).order_by("position").first()
    field.vision = "Ein Leitbild, das nur die Fortschreibung hat."
    field.save()
    assert field.vision not in client.get(URL).content.decode()
    client.force_login(planner)
    client.post(reverse("kek_preview_version", args=[draft.pk]))
    assert field.vision in client.get(URL).content.decode()


def test_a_chapter_page_shows_its_blocks_and_leads_back(client, report, concept):
    chapter = ChapterPage.objects.live().child_of(report).get(slot="makrolage")
    html = client.get(chapter.url).content.decode()
    assert Page(html).headings[0] == (1, "", chapter.title)
    assert 'href="/endbericht/"' in html and "199.422" in html
