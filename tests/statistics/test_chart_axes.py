"""The charts of an indicator page keep their axis labels apart (kek.charts.specs): the
time axis of the household waste series (2004–2023) asks for a limited number of ticks and
lets Vega hide labels that would overlap."""

import json
import re

import pytest

from kek.charts.specs import TIME_TICKS, VALUE_TICKS

pytestmark = pytest.mark.django_db


def specs_of(html: str) -> dict[str, dict]:
    found = re.findall(r'<script id="diagramm-([a-z]+)-spec"[^>]*>(.*?)</script>', html, re.S)
    return {name: json.loads(text) for name, text in found}


def test_it_limits_the_ticks_of_the_time_axis(client, nordsachsen):
    html = client.get("/daten/indikator/ABFALL1A/").content.decode()
    x = specs_of(html)["zeitreihe"]["encoding"]["x"]["axis"]
    assert x["labelOverlap"] == "greedy"
    assert x["tickCount"] <= TIME_TICKS


def test_it_gives_long_numbers_on_a_horizontal_axis_few_ticks(client, nordsachsen):
    html = client.get("/daten/indikator/BEVSTD/").content.decode()
    charts = specs_of(html)
    bars = charts["vergleich"]["encoding"]["x"]["axis"]
    ticks = charts["verteilung"]["layer"][0]["encoding"]["x"]["axis"]
    for axis in (bars, ticks):
        assert axis["labelOverlap"] == "greedy"
        assert axis["tickCount"] == VALUE_TICKS
