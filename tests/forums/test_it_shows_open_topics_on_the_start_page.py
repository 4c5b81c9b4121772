"""The start page's section "Beteiligung" names the open forum topics with their comment counts
and links the overview; closed topics are not named there."""

import pytest

from .world import closed, comment, topic

pytestmark = pytest.mark.django_db


def section(client) -> str:
    html = client.get("/").content.decode()
    start = html.index('<section aria-labelledby="beteiligung"')
    return html[start : html.index("</section>", start)]


def test_the_start_page_lists_open_topics_and_links_the_forums(client, nordsachsen, participant):
    running = topic(nordsachsen, "Mitreden beim Nahverkehr")
    comment(running, participant)
    closed(nordsachsen, "Längst vorbei")
    html = section(client)
    assert 'id="start-foren">Foren</h3>' in html
    assert (
        f'href="/beteiligung/foren/{running.pk}/">Mitreden beim Nahverkehr</a> – 1 Kommentar'
        in html
    )
    assert "Längst vorbei" not in html
    assert 'href="/beteiligung/foren/">Alle Foren</a>' in html
