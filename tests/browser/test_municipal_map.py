"""The map of Nordsachsen's municipalities on an indicator page in a real browser: drawn by
vega-embed from the embedded outlines (each municipality itself, not the globe without it),
with its source note, and accessible (axe-core), on a wide screen and a phone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.mark.parametrize("width", [1280, 390])
def test_the_municipal_map_is_drawn_and_accessible(new_context, axe, screenshot, width):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    failures: list[str] = []
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.goto("/daten/indikator/AI0111/")
    figure = page.locator("#diagramm-gemeindekarte")
    svg = figure.locator(".kek-chart__view svg")
    expect(svg).to_be_visible()
    # grey base shape for all 30 municipalities and a coloured one for the 30 with a value
    shapes = figure.locator('.kek-chart__view svg [aria-roledescription="geoshape"]')
    expect(shapes).to_have_count(60)
    expect(figure.locator(".kek-chart__attribution")).to_have_text(
        "Kartengrundlage: © GeoBasis-DE / BKG (2016)"
    )
    view = svg.bounding_box()
    assert view and view["width"] <= width
    shape = figure.locator('[aria-label^="Gemeinde: Eilenburg"]').first.bounding_box()
    assert shape and 5 < shape["width"] < view["width"] / 2  # a municipality, not the globe
    figure.get_by_role("link", name=re.compile("^Daten als Tabelle")).click()
    expect(page).to_have_url(re.compile(r"#gemeinden$"))
    page.evaluate("() => document.fonts.ready")
    figure.scroll_into_view_if_needed()
    path = screenshot(page, f"gemeindekarte-{width}")
    if width == 1280:
        figure.screenshot(path=str(path.with_name("gemeindekarte-figur.png")))
    axe(page)
    assert not failures, failures
