"""The public pages of the surveys (F23): the list with open, upcoming and closed surveys, the
navigation entry "Umfragen" and the start page's part in the section "Beteiligung"."""

import pytest
from django.utils import timezone

from kek.surveys.models import Survey

from .world import survey

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html: str, key: str) -> str:
    start = html.index(f'id="{key}"')
    return html[start : html.find("</section>", start)]


def test_the_list_sorts_surveys_into_open_upcoming_and_closed(client, nordsachsen):
    now_open = survey(nordsachsen, title="Umfrage Radverkehr")
    later = survey(nordsachsen, title="Umfrage Schulwege", phase="before")
    done = survey(nordsachsen, title="Umfrage Ehrenamt", phase="closed")
    html = text(client.get("/beteiligung/umfragen/"))
    assert '<h1 class="kern-heading-x-large">Umfragen</h1>' in html
    assert f'href="/beteiligung/umfragen/{now_open.pk}/"' in section(html, "offene")
    assert "Umfrage Schulwege" in section(html, "kommende")
    closed = section(html, "beendete")
    assert "Umfrage Ehrenamt" in closed
    assert "Beispielumfrage zur Kreisentwicklung" in closed  # the default example
    assert "Umfrage Radverkehr" not in closed and later.title not in closed
    assert done.title not in section(html, "offene")


def test_navigation_and_start_page(client, nordsachsen):
    html = text(client.get("/"))
    group = html[html.index(">Beteiligung<") :]
    assert 'href="/beteiligung/umfragen/"' in group[:3000]
    part = html[html.index('id="beteiligung"') :]
    part = part[: part.index('id="swot"')]
    assert "Zurzeit ist keine Umfrage offen." in part
    assert 'href="/beteiligung/umfragen/">Alle Umfragen</a>' in part
    found = survey(nordsachsen, title="Umfrage Radverkehr")
    closed = survey(nordsachsen, title="Umfrage Ehrenamt", phase="closed")
    Survey.objects.filter(pk=closed.pk).update(results_published_at=timezone.now())
    part = text(client.get("/"))
    part = part[part.index('id="beteiligung"') :]
    part = part[: part.index('id="swot"')]
    assert f'href="/beteiligung/umfragen/{found.pk}/">Umfrage Radverkehr</a>' in part
    assert f'href="/beteiligung/umfragen/{closed.pk}/ergebnisse/">Umfrage Ehrenamt</a>' in part


def test_the_intro_is_escaped(client, nordsachsen):
    found = survey(nordsachsen, intro="Bitte <script>alert(1)</script>\nantworten")
    html = text(client.get(f"/beteiligung/umfragen/{found.pk}/"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>antworten" in html


def test_the_privacy_page_says_what_a_response_keeps(client, nordsachsen):
    from wagtail.models import Page

    page = Page.objects.filter(slug="datenschutz").first()
    if page is None:
        pytest.skip("the default content has no privacy page")
    html = text(client.get(page.url))
    assert 'id="datenschutz-umfragen"' in html
    assert "nie Freitextantworten" in html
