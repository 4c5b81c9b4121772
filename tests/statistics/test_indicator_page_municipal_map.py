"""The map of the home district's municipalities on an indicator page: shown under the
municipal table when outlines are loaded for its municipalities (the shipped ones of
Nordsachsen, or `kek import-boundaries`), with text alternative, source note, a link to the
table and a CSV; without outlines the table stays and a short note says why there is no map."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from kek.regions.models import RegionBoundary

URL = "/daten/indikator/AI0111/"
CSV_URL = "/daten/indikator/AI0111/gemeindekarte.csv/"
NO_MAP = "Eine Karte der Gemeinden gibt es noch nicht: Für sie sind keine Gemeindegrenzen"


def page(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def municipal_section(html: str) -> str:
    return html.split('<section aria-labelledby="gemeinden"')[1].split("</section>")[0]


def spec_of(html: str) -> dict:
    found = re.search(
        r'<script id="diagramm-gemeindekarte-spec" type="application/json">(.*?)</script>',
        html,
        re.S,
    )
    assert found, "no spec of the municipal map"
    return json.loads(found.group(1))


@pytest.mark.django_db
def test_the_page_shows_the_map_of_the_municipalities_under_their_table(client, nordsachsen):
    html = page(client)
    section = municipal_section(html)
    assert section.index("<table") < section.index('id="diagramm-gemeindekarte"')
    assert '<h3 class="kern-heading-small" id="gemeindekarte">Karte der Gemeinden</h3>' in section
    assert NO_MAP not in html
    figure = section.split('id="diagramm-gemeindekarte"')[1]
    assert 'aria-describedby="diagramm-gemeindekarte-beschreibung"' in section
    assert "Kartengrundlage: © GeoBasis-DE / BKG (2016)" in figure
    assert '<a class="kern-link" href="#gemeinden">Daten als Tabelle' in figure
    assert "<details" not in figure  # the table above holds the values; not repeated
    assert 'href="/daten/indikator/AI0111/gemeindekarte.csv"' in figure
    description = re.search(r'id="diagramm-gemeindekarte-beschreibung">([^<]*)</p>', html)
    assert description
    text = description.group(1)
    assert text.startswith("Karte der Gemeinden in Nordsachsen: „Anteil der Siedlungs-")
    assert "Höchster Wert: Schkeuditz, Stadt mit 36,0." in text
    # The eight former municipalities of the table have neither an outline nor a value: the
    # map misses nothing, so the text names none of them.
    assert "nicht in der Karte" not in text and "Belgern" not in text

    spec = spec_of(html)
    features = spec["data"]["values"]
    assert len(features) == 30
    assert {f["properties"]["AGS"][:5] for f in features} == {"14730"}
    joined = spec["transform"][0]["from"]["data"]["values"]
    assert len(joined) == 38  # every row of the table
    schkeuditz = next(row for row in joined if row["ags"] == "14730270")
    assert (schkeuditz["region"], schkeuditz["value"]) == ("Schkeuditz, Stadt", 36.0)
    assert "vega-embed.min.js" in html and "kek/charts.js" in html


@pytest.mark.django_db
def test_the_csv_of_the_map_holds_the_municipal_values(client, nordsachsen):
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="AI0111-gemeindekarte.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 38
    assert rows[0] == {"ags": "14730010", "region": "Arzberg", "value": "5.9", "symbol": ""}


@pytest.mark.django_db
def test_without_outlines_the_table_stays_with_a_note_and_no_map(client, nordsachsen):
    RegionBoundary.objects.all().delete()
    html = page(client)
    section = municipal_section(html)
    assert "<table" in section
    assert NO_MAP in section
    assert "gemeindekarte" not in html
    assert client.get(CSV_URL).status_code == 404


@pytest.mark.django_db
def test_outlines_of_other_municipalities_do_not_make_a_map(client, nordsachsen):
    kept = RegionBoundary.objects.get(ags="14730010")
    RegionBoundary.objects.exclude(pk=kept.pk).delete()
    RegionBoundary.objects.filter(pk=kept.pk).update(ags="14521010")  # a municipality elsewhere
    html = page(client)
    assert NO_MAP in html and "gemeindekarte" not in html


@pytest.mark.django_db
def test_an_indicator_without_municipal_values_has_neither_map_nor_note(client, nordsachsen):
    html = page(client, "/daten/indikator/BEVSTD/")
    assert "gemeindekarte" not in html and NO_MAP not in html
