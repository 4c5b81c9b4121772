"""Public pages "Daten & Analyse" through HTTP, with the shipped statistics (F9, F10)."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kek.regions.models import Region
from kek.statistics.models import ImportBatch, Indicator, Observation, Topic

pytestmark = pytest.mark.django_db

POPULATION = "/daten/indikator/BEVSTD/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def rows_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def population(region_ags: str, disaggregation: str = "") -> float:
    return Observation.objects.get(
        indicator__code="BEVSTD",
        region__ags=region_ags,
        disaggregation=disaggregation,
        period="2024-12-31",
    ).value


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_overview_lists_topics_with_the_latest_home_values(client, nordsachsen):
    html = text(client.get("/daten/"))
    assert '<h1 class="kern-heading-x-large">Daten &amp; Analyse</h1>' in html
    topics = Topic.objects.all()
    assert topics.exists()
    for topic in topics:
        assert f'href="/daten/thema/{topic.slug}/">{topic.name}' in html.replace("&amp;", "&")
    row = html.split('href="/daten/indikator/BEVSTD/">Bevölkerung</a>')[1].split("</tr>")[0]
    assert "199.422" in row and "Personen" in row and "31.12.2024" in row
    # The start page's main navigation leads here.
    nav = text(client.get("/")).split('aria-label="Hauptnavigation"')[1].split("</nav>")[0]
    assert re.search(r'<a [^>]*href="/daten/"[^>]*>Daten &amp; Analyse</a>', nav)


def test_topic_page_shows_only_its_indicators(client, nordsachsen):
    html = text(client.get("/daten/thema/demografie/"))
    assert '<h1 class="kern-heading-x-large">Demografie</h1>' in html
    assert 'href="/daten/indikator/BEVSTD/"' in html
    assert 'href="/daten/indikator/ERW032/"' not in html  # Arbeitsmarkt & Qualifikation
    assert client.get("/daten/thema/gibt-es-nicht/").status_code == 404


def test_indicator_page_shows_value_source_licence_rank_and_charts(client, nordsachsen):
    html = text(client.get(POPULATION))
    assert "<strong>199.422</strong> Personen" in html
    assert "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland" in html
    assert "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)" in html
    assert "Tabelle 12411-01-01-4" in html
    assert "Datenstand 31.12.2024 · importiert am " in html
    assert "Datei 12411-01-01-4.ffcsv.csv" in html
    assert "© GeoBasis-DE / BKG (2021)" in html
    home = population("14730")
    districts = Observation.objects.filter(
        indicator__code="BEVSTD", disaggregation="", region__level="district", value__isnull=False
    )
    higher = districts.filter(value__gt=home).count()
    saxony = districts.filter(region__ags__startswith="14")
    expected = f"Rang {higher + 1} von {districts.count()}</strong> Kreisen in Deutschland"
    assert expected in html
    land = f"Rang {saxony.filter(value__gt=home).count() + 1} von {saxony.count()}</strong>"
    assert f"{land} Kreisen in Sachsen" in html
    for name in ("vergleich", "verteilung", "karte"):
        assert f'href="/daten/indikator/BEVSTD/{name}.csv"' in html
    # One period only: no time series.
    assert "zeitreihe.csv" not in html
    assert client.get("/daten/indikator/BEVSTD/zeitreihe.csv").status_code == 404


def test_comparison_csv_holds_district_land_and_germany(client, nordsachsen):
    rows = rows_of(client.get("/daten/indikator/BEVSTD/vergleich.csv"))
    assert [row["region"] for row in rows] == ["Nordsachsen", "Sachsen", "Deutschland"]
    assert list(rows[0]) == ["region", "value", "symbol"]
    assert float(rows[0]["value"]) == 199422
    # The shipped population table has districts only: Land and Germany are their sums.
    districts = Observation.objects.filter(
        indicator__code="BEVSTD", disaggregation="", region__level="district"
    )
    saxony = sum(districts.filter(region__ags__startswith="14").values_list("value", flat=True))
    assert float(rows[1]["value"]) == saxony == population("14")
    assert float(rows[2]["value"]) == sum(districts.values_list("value", flat=True))


def test_distribution_csv_has_every_district_with_its_value(client, nordsachsen):
    rows = rows_of(client.get("/daten/indikator/BEVSTD/verteilung.csv"))
    assert list(rows[0]) == ["ags", "region", "value", "symbol"]
    stored = dict(
        Observation.objects.filter(
            indicator__code="BEVSTD", disaggregation="", region__level="district"
        ).values_list("region__ags", "value")
    )
    assert {row["ags"]: float(row["value"]) for row in rows} == stored
    assert rows_of(client.get("/daten/indikator/BEVSTD/karte.csv")) == rows


def test_time_series_csv_for_a_series_of_the_land_and_germany(client, nordsachsen):
    html = text(client.get("/daten/indikator/ABFALL1A/"))
    assert 'href="/daten/indikator/ABFALL1A/zeitreihe.csv' in html
    rows = rows_of(client.get("/daten/indikator/ABFALL1A/zeitreihe.csv"))
    assert list(rows[0]) == ["region", "period", "value", "symbol"]
    total = "ABFA02:INSGESAMT"  # the table has no empty key; this is its total
    stored = Observation.objects.filter(
        indicator__code="ABFALL1A", disaggregation=total, region__ags__in=["14", "DG"]
    )
    assert {row["region"] for row in rows} == {"Sachsen", "Deutschland"}
    assert len(rows) == stored.count()
    latest = stored.get(region__ags="14", period="2023").value
    assert any(
        row["region"] == "Sachsen" and row["period"] == "2023" and float(row["value"]) == latest
        for row in rows
    )


def test_another_disaggregation_is_chosen_with_merkmal(client, nordsachsen):
    women = population("14730", "GES:GESW")
    html = text(client.get(POPULATION, {"merkmal": "GES:GESW"}))
    assert f"<strong>{women:,.0f}</strong>".replace(",", ".") in html
    assert '<option value="GES:GESW" selected>Geschlecht: weiblich</option>' in html
    assert 'href="/daten/indikator/BEVSTD/vergleich.csv?merkmal=GES%3AGESW"' in html
    rows = rows_of(client.get("/daten/indikator/BEVSTD/vergleich.csv", {"merkmal": "GES:GESW"}))
    assert float(rows[0]["value"]) == women
    assert client.get(POPULATION, {"merkmal": "GES:XYZ"}).status_code == 404


def test_unknown_indicator_is_404(client, nordsachsen):
    assert client.get("/daten/indikator/GIBTESNICHT/").status_code == 404
    assert client.get("/daten/indikator/GIBTESNICHT/vergleich.csv").status_code == 404
    assert client.get("/daten/indikator/BEVSTD/unbekannt.csv").status_code == 404


def test_user_content_is_escaped(client, nordsachsen):
    topic = Topic.objects.get(slug="demografie")
    Indicator.objects.create(
        code="XSS1",
        name="<script>alert(1)</script>",
        definition="<b>fett</b>",
        unit="<i>u</i>",
        topic=topic,
    )
    for url in ("/daten/", "/daten/thema/demografie/", "/daten/indikator/XSS1/"):
        html = text(client.get(url))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = text(client.get("/daten/indikator/XSS1/"))
    assert "&lt;b&gt;fett&lt;/b&gt;" in html and "<i>u</i>" not in html


def test_query_counts_do_not_grow_with_regions_or_indicators(client, nordsachsen):
    small = Indicator.objects.get(code="GEM001")  # one value per district
    large = Indicator.objects.get(code="TIE003")  # eleven disaggregations per district
    assert large.observations.count() > 5 * small.observations.count()
    client.get("/daten/")  # warms the per-process caches (site root paths)
    assert queries(client, "/daten/indikator/GEM001/") == queries(
        client, "/daten/indikator/TIE003/"
    )
    assert queries(client, "/daten/indikator/GEM001/karte.csv") == queries(
        client, "/daten/indikator/TIE003/karte.csv"
    )
    before = queries(client, "/daten/")
    topic = Topic.objects.get(slug="bildung")
    batch = ImportBatch.objects.first()
    for number in range(3):
        extra = Indicator.objects.create(code=f"EXTRA{number}", name=f"Extra {number}", topic=topic)
        Observation.objects.bulk_create(
            Observation(indicator=extra, region=region, period="2024", value=1.0, batch=batch)
            for region in Region.objects.filter(level="district")
        )
    assert queries(client, "/daten/") == before
    assert "Extra 2" in text(client.get("/daten/"))
