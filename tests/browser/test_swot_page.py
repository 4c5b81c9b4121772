"""The SWOT page in a real browser: quadrants as headed lists, evidence charts, the topic
filter by keyboard, and axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_swot_page_is_accessible_and_filters_by_topic(page, axe, screenshot):
    page.goto("/")
    summary = page.locator("section[aria-labelledby=swot]")
    expect(summary.get_by_role("heading", name=re.compile(r"^Stärken \(\d+\)$"))).to_be_visible()
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Konzept").click()
    nav.get_by_role("link", name="SWOT-Analyse").click()
    expect(page).to_have_url(re.compile(r"/swot/$"))
    expect(page.locator("h1")).to_contain_text("SWOT-Analyse")
    for label in ("Stärken", "Schwächen", "Chancen", "Risiken"):
        heading = (
            page.locator("#matrix")
            .locator("xpath=..")
            .get_by_role("heading", name=re.compile(rf"^{label} \(\d+\)$"))
        )
        expect(heading).to_be_visible()
    weakness = page.locator("li.kek-swot-item", has_text="Geringe Bevölkerungsdichte")
    expect(weakness.locator(".kek-chart__view svg").first).to_be_visible()
    expect(weakness).to_contain_text("Leibniz-Institut für Länderkunde")
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "swot")
    axe(page)

    select = page.get_by_label("Themenfeld", exact=True)
    select.focus()
    select.select_option(label="Umwelt & Klima")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/swot/\?thema=umwelt-klima$"))
    expect(page.locator("h1")).to_contain_text("Umwelt & Klima")
    expect(page.locator("li.kek-swot-item", has_text="Bevölkerungsdichte")).to_have_count(0)
    expect(
        page.get_by_role("heading", name="Bioabfall aus Haushalten getrennt sammeln")
    ).to_have_count(1)
    axe(page)
