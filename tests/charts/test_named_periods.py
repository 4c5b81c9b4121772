"""Charts of GENESIS time codes (semesters, half years, quarters): German names on the axis,
in the tooltip, the title and the data table; the CSV keeps the code."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.template import Context, Template

from kek.charts import render
from kek.charts.specs import measurement_series, time_series

SEMESTERS = ["2021-10P6M", "2022-04P6M", "2022-10P6M", "2023-04P6M", "2023-10P6M"]


@pytest.fixture
def semesters():
    rows = [
        {"region": region, "period": period, "value": base + i}
        for region, base in (("Nordsachsen", 100.0), ("Sachsen", 200.0))
        for i, period in enumerate(reversed(SEMESTERS))  # given newest first
    ]
    return time_series(rows, title="Studierende", unit="Personen", home="Nordsachsen")


def test_it_draws_named_periods_in_order_on_an_axis_of_their_german_names(semesters):
    x = semesters.spec["encoding"]["x"]
    assert x["field"] == "period_label" and x["type"] == "ordinal"
    assert x["sort"] == [
        "Wintersemester 2021/22",
        "Sommersemester 2022",
        "Wintersemester 2022/23",
        "Sommersemester 2023",
        "Wintersemester 2023/24",
    ]
    assert x["axis"]["title"] == "Zeitraum"
    tooltip = semesters.spec["encoding"]["tooltip"]
    assert {"field": "period_label", "type": "nominal", "title": "Zeitraum"} in tooltip
    drawn = semesters.spec["data"]["values"]
    assert {row["period_label"] for row in drawn} == set(x["sort"])
    # The rows (table, CSV) keep the code, in chronological order.
    assert [row["period"] for row in semesters.rows[:5]] == SEMESTERS


def test_it_names_the_periods_in_the_text_alternative(semesters):
    assert "Wintersemester 2021/22 bis Wintersemester 2023/24" in semesters.description
    assert "P6M" not in semesters.description


def test_it_shows_the_german_names_in_the_svg():
    svg = render.to_svg(
        time_series(
            [{"region": "A", "period": p, "value": 1.0 + i} for i, p in enumerate(SEMESTERS)],
            title="t",
        )
    )
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "Wintersemester 2023/24" in labels and "Sommersemester 2022" in labels
    assert not any("P6M" in label for label in labels)


def test_it_shows_the_german_names_in_the_data_table_and_keeps_the_code_in_the_csv(semesters):
    html = Template("{% load charts %}{% chart c %}").render(Context({"c": semesters}))
    table = html.split("<tbody", 1)[1]
    assert "Wintersemester 2023/24" in table and "P6M" not in table
    assert '<th class="kern-table__header" scope="col">Zeitraum</th>' in html
    rows = list(csv.DictReader(io.StringIO(render.to_csv(semesters))))
    assert rows[0]["period"] == "2021-10P6M"


def test_it_names_the_periods_of_a_measurement_series():
    chart = measurement_series(
        [{"period": "2024-04P3M", "value": 2.0}, {"period": "2024-01P3M", "value": 1.0}],
        title="Quartale",
    )
    layer = chart.spec["layer"][0]["encoding"]
    assert layer["x"]["sort"] == ["1. Quartal 2024", "2. Quartal 2024"]
    assert "1. Quartal 2024 bis 2. Quartal 2024" in chart.description
