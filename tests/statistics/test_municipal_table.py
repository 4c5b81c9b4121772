"""The municipalities of the home district on an indicator page: when a municipal table has
been imported (eight-digit keys), the page shows the district's municipalities in the newest
period, sortable by name or value, symbols explained. The shipped Regionalatlas table
(AI-N-01-2-5, all municipalities of Saxony) is compared with the trimmed real file in
tests/fixtures/regionalstatistik, which holds the same lines for Nordsachsen (14730xxx)."""

import re
from pathlib import Path

import polars as pl
import pytest

from kek.charts.texts import format_number
from kek.regions.models import Region
from kek.statistics import figures
from kek.statistics.models import Indicator
from kek.statistics.parsers import parse_file

URL = "/daten/indikator/AI0111/"
FIXTURE = Path(__file__).parents[1] / "fixtures" / "regionalstatistik" / "AI-N-01-2-5.ffcsv.csv"


@pytest.fixture(scope="module")
def expected():
    """name, value and symbol of Nordsachsen's municipalities for AI0111 in 2023, by key."""
    frame = parse_file(FIXTURE).data.filter(
        (pl.col("value_variable_code") == "AI0111") & pl.col("region_key").str.starts_with("14730")
    )
    assert frame.height >= 30
    return {
        row["region_key"]: (row["region_name"], row["value"], row["symbol"])
        for row in frame.iter_rows(named=True)
    }


def body_rows(html: str) -> list[tuple[str, str, str]]:
    section = html.split('<section aria-labelledby="gemeinden"')[1].split("</section>")[0]
    body = section.split("<tbody")[1]
    rows = re.findall(
        r'<th class="kern-table__cell" scope="row">(.*?)</th>\s*'
        r'<td class="kern-table__cell">(\d{8})</td>\s*'
        r'<td class="kern-table__cell kern-table__cell--numeric">(.*?)</td>',
        body,
        re.S,
    )
    return rows


def page(client, url: str, **query) -> str:
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.django_db
def test_it_lists_the_districts_municipalities_with_their_values(client, nordsachsen, expected):
    html = page(client, URL)
    assert '<h2 class="kern-heading-medium" id="gemeinden">Gemeinden in Nordsachsen</h2>' in html
    rows = body_rows(html)
    assert {key for _, key, _ in rows} == set(expected)  # none of other districts
    for name, key, cell in rows:
        want_name, value, symbol = expected[key]
        assert name == want_name
        if value is None:
            assert symbol == "-"
            assert cell.endswith("</abbr> (nichts vorhanden)") and "<abbr" in cell
        else:
            assert cell == format_number(value, 1)
    with_value = sum(1 for _, value, _ in expected.values() if value is not None)
    assert f"2023: Werte für {with_value} von {len(expected)} Gemeinden" in html
    assert 'href="#gemeinden">zur Tabelle der Gemeinden</a>' in html


@pytest.mark.django_db
def test_it_sorts_by_name_by_default_and_by_value_on_request(client, nordsachsen, expected):
    by_name = [name for name, _, _ in body_rows(page(client, URL))]
    assert by_name[:3] == ["Arzberg", "Bad Düben, Stadt", "Beilrode"]
    assert by_name == sorted(by_name, key=figures._name_key)
    html = page(client, URL, sortierung="wert")
    values = [expected[key][1] for _, key, _ in body_rows(html)]
    numbers = [v for v in values if v is not None]
    assert numbers == sorted(numbers, reverse=True)
    assert values[: len(numbers)] == numbers  # the municipalities without a value come last
    assert 'aria-sort="descending"' in html and "sortiert nach Wert, höchster zuerst" in html
    assert 'href="?sortierung=wert-aufsteigend#gemeinden"' in html
    html = page(client, URL, sortierung="wert-aufsteigend")
    values = [expected[key][1] for _, key, _ in body_rows(html)]
    assert [v for v in values if v is not None] == sorted(numbers)
    assert 'aria-sort="ascending"' in html
    assert body_rows(page(client, URL, sortierung="<unsinn>")) == body_rows(page(client, URL))


@pytest.mark.django_db
def test_a_district_table_has_no_municipal_section(client, nordsachsen):
    html = page(client, "/daten/indikator/BEVSTD/")
    assert 'id="gemeinden"' not in html


def test_it_builds_the_table_from_the_newest_municipal_period():
    home = Region(ags="14730", name="Nordsachsen", level="district")
    rows = [
        ("14730010", "Arzberg", "municipality", "2022", 1.0, "", 1),
        ("14730010", "Arzberg", "municipality", "2023", 2.5, "", 1),
        ("14730020", "Äpfelstadt", "municipality", "2023", None, "x", 1),
        ("14730030", "Zwochau", "municipality", "2023", 7.0, "", 1),
    ]
    data = figures.IndicatorData(
        indicator=Indicator(code="T", name="T"),
        home=home,
        disaggregations=[""],
        disaggregation="",
        frame=pl.DataFrame(schema=figures.OBSERVATION_SCHEMA),
        land=None,
        germany=None,
        batch=None,
        municipalities=pl.DataFrame(rows, schema=figures.OBSERVATION_SCHEMA, orient="row"),
    )
    table = figures.municipal_table(data)
    assert (table.period, table.period_label, table.order) == ("2023", "2023", "name")
    assert [row["name"] for row in table.rows] == ["Äpfelstadt", "Arzberg", "Zwochau"]
    assert [str(row["shown"]) for row in table.rows] == ["x (nicht sinnvoll)", "2,5", "7,0"]
    assert table.with_value == 2
    by_value = figures.municipal_table(data, "wert")
    assert [row["name"] for row in by_value.rows] == ["Zwochau", "Arzberg", "Äpfelstadt"]
    empty = figures.IndicatorData(**{**data.__dict__, "municipalities": data.frame})
    assert figures.municipal_table(empty) is None
