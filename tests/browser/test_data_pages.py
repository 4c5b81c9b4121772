"""The data pages in a real browser: an indicator page with its map, checked by axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_indicator_page_with_map_is_accessible(page, axe, screenshot):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Daten").click()
    nav.get_by_role("link", name="Daten").click()
    expect(page).to_have_url(re.compile(r"/daten/$"))
    expect(page.locator("h1")).to_have_text("Daten & Analyse")
    axe(page)

    page.get_by_role("link", name="Bevölkerung", exact=True).click()
    expect(page).to_have_url(re.compile(r"/daten/indikator/BEVSTD/$"))
    expect(page.locator("h1")).to_have_text("Bevölkerung")
    figure = page.locator("#diagramm-karte")
    expect(figure.locator(".kek-chart__view svg")).to_be_visible()
    # The boundaries are drawn: one path per district, with the district outlined.
    assert figure.locator(".kek-chart__view svg path").count() > 400
    expect(figure.locator(".kek-chart__attribution")).to_have_text(
        "Kartengrundlage: © GeoBasis-DE / BKG (2021)"
    )
    expect(page.locator("#diagramm-verteilung .kek-chart__view svg")).to_be_visible()
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "indikator-bevoelkerung")
    axe(page)


def test_municipal_table_sorts_and_is_accessible(page, axe):
    page.goto("/daten/indikator/AI0111/")
    section = page.locator("section[aria-labelledby=gemeinden]")
    expect(section.get_by_role("heading", level=2)).to_have_text("Gemeinden in Nordsachsen")
    first = section.locator("tbody tr").first.locator("th")
    expect(first).to_have_text("Arzberg")
    section.get_by_role("link", name=re.compile(r"^Wert")).click()
    expect(page).to_have_url(re.compile(r"\?sortierung=wert#gemeinden$"))
    expect(first).to_have_text("Schkeuditz, Stadt")  # the highest share of settlement area
    expect(section.locator("th[aria-sort=descending]")).to_have_count(1)
    axe(page)
