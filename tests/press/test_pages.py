"""The public page "Presseserie" and the start page's "Beteiligung" section through HTTP, with
the shipped default content (data/nordsachsen/press.yaml) and articles made for a test."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.documents.models import Document

from kek.goals.models import FieldOfAction
from kek.press.models import PressArticle, PressSeries

from ..http import goal_address
from .world import article, series

pytestmark = pytest.mark.django_db

TITLE_1 = "Dem Landkreis geht es gut, wenn es der Wirtschaft gut geht"
TITLE_2 = "Was macht das ‚Leben auf dem Land‘ attraktiv und erstrebenswert?"
TITLE_3 = "Geht es der Wirtschaft gut, geht es auch dem Landkreis gut"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_press_page_lists_the_series_with_its_parts_in_order(client, nordsachsen):
    html = text(client.get("/presse/"))
    assert '<h1 class="kern-heading-x-large">Presseserie</h1>' in html
    assert "KEK-Presseserie (September–Oktober 2020)" in html
    assert "wöchentlich eine Presseserie in der Torgauer Zeitung" in html
    first, second, third = (html.index(f"„{t}“") for t in (TITLE_1, TITLE_2, TITLE_3))
    assert first < second < third
    assert f"Teil 1: „{TITLE_1}“" in html and f"Teil 3: „{TITLE_3}“" in html
    assert '<time datetime="2020-09-12">12./13. September 2020</time>' in html
    assert '<time datetime="2020-09-19">19./20. September 2020</time>' in html
    assert "September/Oktober 2020 (genaues Datum nicht bekannt)" in html
    assert "LVZ Delitzsch-Eilenburg" in html
    assert "3 Presseartikel." in html
    assert "Handlungsfeld</label>" not in html  # no field linked: no filter


def test_navigation_names_the_page_in_the_group_beteiligung(client, nordsachsen):
    html = text(client.get("/"))
    group = html[html.index(">Beteiligung<") :]
    assert 'href="/presse/"' in group[:2000]


def test_start_page_section_lists_the_parts(client, nordsachsen):
    html = text(client.get("/"))
    section = html[html.index('id="beteiligung"') :]
    section = section[: section.index('id="swot"')]
    assert "KEK-Presseserie (September–Oktober 2020)" in section
    assert 'Teil 1: <a class="kern-link" href="/presse/#artikel-' in section
    assert (
        f"„{TITLE_2}“</a> – Torgauer Zeitung, "
        '<time datetime="2020-09-19">19./20. September 2020</time>' in section
    )
    assert f"„{TITLE_3}“</a> – LVZ Delitzsch-Eilenburg, September/Oktober 2020" in section
    assert "Presseserie, Diskussionsforen, Vorschläge und Gremien werden" not in section


def test_start_page_section_is_empty_without_articles(client, nordsachsen):
    PressArticle.objects.all().delete()
    PressSeries.objects.all().delete()
    html = text(client.get("/"))
    assert "Die Presseserie mit allen Teilen" not in html
    assert "Für Nordsachsen sind noch keine Presseartikel eingetragen." in text(
        client.get("/presse/")
    )


def test_fields_of_action_link_to_their_pages_and_filter_the_list(client, concept):
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    one = PressArticle.objects.get(part=1)
    one.fields_of_action.set([fields[0]])
    two = PressArticle.objects.get(part=2)
    two.fields_of_action.set([fields[1], fields[0]])
    html = text(client.get("/presse/"))
    name = escape(f"{fields[0].number} {fields[0].title}")
    assert f'href="{goal_address(fields[0])}">{name}</a>' in html
    assert '<label class="kern-label" for="presse-handlungsfeld">Handlungsfeld</label>' in html
    assert f'<option value="{fields[1].slug}">' in html
    chosen = text(client.get(f"/presse/?handlungsfeld={fields[1].slug}"))
    assert f"„{TITLE_2}“" in chosen and f"„{TITLE_1}“" not in chosen
    assert f"1 Presseartikel zum Handlungsfeld {fields[1].number}" in chosen
    assert f'<option value="{fields[1].slug}" selected>' in chosen
    assert client.get("/presse/?handlungsfeld=gibt-es-nicht").status_code == 404


def test_only_the_shown_versions_fields_are_linked(client, concept):
    from kek.goals.versions import new_version

    field = FieldOfAction.objects.filter(concept=concept).first()
    PressArticle.objects.get(part=1).fields_of_action.set([field])
    draft = new_version(concept)  # links the copies too; the draft is not public
    copy = FieldOfAction.objects.get(concept=draft, key=field.key)
    html = text(client.get("/presse/"))
    assert html.count(f'href="{goal_address(field)}"') == 1
    assert copy.pk in PressArticle.objects.get(part=1).fields_of_action.values_list("pk", flat=True)


def test_link_and_file_with_type_and_size(client, nordsachsen):
    document = Document.objects.create(title="Artikel als PDF")
    document.file.save("teil-1.pdf", ContentFile(b"%PDF-1.4 " + b"x" * 2040))
    document.file_size = document.file.size
    document.save()
    found = PressArticle.objects.get(part=1)
    found.url = "https://www.example.org/artikel-1"
    found.document = document
    found.author = "Kreisentwicklung"
    found.teaser = "Erste Zeile\nzweite Zeile"
    found.save()
    html = text(client.get("/presse/"))
    link = '<a class="kern-link" href="https://www.example.org/artikel-1">'
    assert f"{link}Zum Artikel: „{TITLE_1}“ (Torgauer Zeitung)</a>" in html
    assert f"Artikel als Datei: „{TITLE_1}“ (PDF, 2,0\xa0KB)" in html
    assert "Erste Zeile<br>zweite Zeile" in html
    assert '<dd class="kern-description-list-item__value">Kreisentwicklung</dd>' in html


def test_article_without_series_is_listed_apart(client, nordsachsen):
    article(nordsachsen, title="Ein einzelner Bericht", first_date=date(2021, 3, 25))
    html = text(client.get("/presse/"))
    assert html.index("KEK-Presseserie") < html.index('id="weitere">Weitere Presseartikel')
    assert "„Ein einzelner Bericht“" in html and "25. März 2021" in html


def test_query_count_does_not_grow_with_the_articles(client, concept):
    fields = list(FieldOfAction.objects.filter(concept=concept))
    extra = series(concept.region)
    article(concept.region, extra, 1, fields=fields[:2])
    queries(client, "/presse/"), queries(client, "/")  # caches filled (site, navigation)
    small = (queries(client, "/presse/"), queries(client, "/"))
    for n in range(2, 22):
        article(concept.region, extra, n, title=f"Artikel {n}", fields=fields)
    article(concept.region, None, None, title="Ohne Serie", fields=fields[:1])
    html = text(client.get("/presse/"))
    assert "„Artikel 21“" in html and "„Ohne Serie“" in html
    assert (queries(client, "/presse/"), queries(client, "/")) == small


def test_a_field_of_action_page_names_its_press_articles(client, concept):
    field, other = FieldOfAction.objects.filter(concept=concept).order_by("position")[:2]
    PressArticle.objects.get(part=2).fields_of_action.set([field])
    html = text(client.get(goal_address(field)))
    assert '<h2 class="kern-heading-medium" id="presseartikel">In der Presse</h2>' in html
    assert 'KEK-Presseserie, Teil 2: <a class="kern-link" href="/presse/#artikel-' in html
    assert f"„{TITLE_2}“</a> – Torgauer Zeitung, 19./20. September 2020" in html
    assert "In der Presse" not in text(client.get(goal_address(other)))
