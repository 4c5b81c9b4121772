"""Periods in German on the public statistics pages: the semester code of the students'
table (``2023-10P6M``) is "Wintersemester 2023/24" in the headline, the chart titles, the
tables and the time axis; only the CSV keeps the code."""

import csv
import io
import json
import re

import pytest

from kek.regions.models import Region
from kek.statistics.figures import default_disaggregation
from kek.statistics.models import Indicator, Observation

pytestmark = pytest.mark.django_db

STUDENTS = "/daten/indikator/HS-W02/"
WINTER = "Wintersemester 2023/24"


def visible(html: str) -> str:
    """The page without its scripts (the chart specs keep the codes as data)."""
    return re.sub(r"<script\b.*?</script>", "", html, flags=re.S)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_names_the_semester_on_the_indicator_page(client, nordsachsen):
    html = page(client, STUDENTS)
    shown = visible(html)
    assert f"Nordsachsen ({WINTER}):" in shown
    assert f"Datenstand {WINTER}" in shown
    assert f"Studierende (im Kreisgebiet) ({WINTER}): Kreis, Land und Deutschland" in shown
    assert f"Studierende (im Kreisgebiet) ({WINTER}): alle Kreise in Deutschland" in shown
    assert f'<th class="kern-table__cell" scope="row">{WINTER}</th>' in shown  # comparison
    assert "P6M" not in shown


def test_it_names_the_semester_in_the_overview_and_the_topic(client, nordsachsen):
    for url in ("/daten/", "/daten/thema/bildung/"):
        shown = visible(page(client, url))
        row = shown.split('href="/daten/indikator/HS-W02/">')[1].split("</tr>")[0]
        assert f'<td class="kern-table__cell">{WINTER}</td>' in row
        assert "P6M" not in shown


def test_it_draws_semesters_on_an_axis_of_their_names(client, nordsachsen):
    indicator = Indicator.objects.get(code="HS-W02")
    total = default_disaggregation(
        list(indicator.observations.values_list("disaggregation", flat=True).distinct())
    )
    current = Observation.objects.filter(indicator=indicator, disaggregation=total)
    older = [
        Observation(
            indicator=indicator,
            region=region,
            period="2022-10P6M",
            disaggregation=total,
            value=current.get(region=region, period="2023-10P6M").value,
            batch=current.first().batch,
        )
        for region in Region.objects.filter(ags__in=["DG", "14"])
    ]
    Observation.objects.bulk_create(older)
    html = page(client, STUDENTS)
    spec = json.loads(
        re.search(r'<script id="diagramm-zeitreihe-spec"[^>]*>(.*?)</script>', html, re.S)[1]
    )
    x = spec["encoding"]["x"]
    assert (x["field"], x["type"]) == ("period_label", "ordinal")
    assert x["sort"] == ["Wintersemester 2022/23", WINTER]
    assert x["axis"]["title"] == "Zeitraum"
    table = visible(html).split('id="diagramm-zeitreihe"')[1].split("</figure>")[0]
    assert "Wintersemester 2022/23" in table and "P6M" not in table
    response = client.get("/daten/indikator/HS-W02/zeitreihe.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["period"] for row in rows} == {"2022-10P6M", "2023-10P6M"}
