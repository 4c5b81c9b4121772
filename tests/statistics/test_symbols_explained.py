"""Status symbols on the public statistics pages are explained in words, the symbol in an
``<abbr>`` with the official explanation; no table cell holds a bare ``x`` or ``-``, and no
page says "k. A.." (an abbreviation's full stop doubled by a sentence's)."""

import re

import pytest

from kek.core.symbols import SYMBOLS
from kek.statistics.models import Indicator, Topic

pytestmark = pytest.mark.django_db

NOTHING = '<abbr class="kek-symbol" title="Zeichen „-“: nichts vorhanden (genau null)">-</abbr>'


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def cells(html: str) -> list[str]:
    """Text of every table cell, tags removed."""
    found = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in found]


def test_it_explains_a_missing_home_value_in_words(client, nordsachsen):
    # The employees' table has "-" for the districts (SPEC §5: nothing).
    html = page(client, "/daten/indikator/ERW032/")
    assert f"<strong>{NOTHING} (nichts vorhanden)</strong>" in html
    comparison = html.split('id="vergleichstabelle"')[1]
    assert (
        f'<td class="kern-table__cell kern-table__cell--numeric">{NOTHING} (nichts vorhanden)</td>'
        in comparison
    )
    chart_table = html.split('id="diagramm-vergleich"')[1].split("</figure>")[0]
    assert f'<td class="kern-table__cell">{NOTHING} (nichts vorhanden)</td>' in chart_table


def test_it_explains_symbols_in_the_overview(client, nordsachsen):
    html = page(client, "/daten/")
    row = html.split('href="/daten/indikator/ERW032-AUSL-ANTEIL/">')[1].split("</tr>")[0]
    assert '<abbr class="kek-symbol" title="Zeichen „x“: Tabellenfach gesperrt' in row
    assert "</abbr> (nicht sinnvoll)" in row


def test_no_page_has_a_bare_symbol_in_a_cell_or_a_doubled_full_stop(client, nordsachsen):
    urls = ["/daten/", *(f"/daten/thema/{t.slug}/" for t in Topic.objects.all())]
    urls += [
        f"/daten/indikator/{code}/" for code in Indicator.objects.values_list("code", flat=True)
    ]
    bare = (set(SYMBOLS) - {"0"}) | {"–", "—", "k. A", ""}  # 0 is stored as a number
    for url in urls:
        html = page(client, url)
        assert "k. A.." not in html, url
        for cell in cells(html):
            assert cell not in bare, (url, cell)
