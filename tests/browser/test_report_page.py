"""The web page "Endbericht" in a real browser: its table of contents leads to the chapters,
the population chart is drawn with its text alternative and data table, the downloads box
says when the documents come; axe-core (WCAG 2.1 A/AA) on the page and on a chapter."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_the_endbericht_page_is_accessible(page, axe, screenshot, site):
    page.goto("/endbericht/")
    expect(page.locator("h1")).to_contain_text("Endbericht")
    contents = page.get_by_role("navigation", name="Auf dieser Seite")
    link = contents.get_by_role("link", name="2 Makrolage")
    target = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(f"h2[id='{target.removeprefix('#')}']")).to_have_text("2 Makrolage")
    figure = page.locator("figure.kek-chart").first
    expect(figure.locator(".kek-chart__view svg, .kek-chart__view canvas").first).to_be_visible()
    expect(figure).to_contain_text("Nordsachsen: 199.422")
    figure.get_by_text("Daten als Tabelle").click()
    expect(figure.get_by_role("table")).to_contain_text("199.422")
    expect(page.get_by_role("region", name="Endbericht herunterladen")).to_contain_text(
        "sobald sie fertig sind"
    )
    vision = page.get_by_text("Leitbild 2030: Nordsachsen ist ein attraktiver Wirtschaftsstandort")
    expect(vision.first).to_be_visible()
    screenshot(page, "endbericht")
    axe(page)

    page.goto("/endbericht/makrolage/")
    expect(page.locator("h1")).to_have_text("Makrolage")
    page.get_by_role("link", name="Zurück zum Endbericht").click()
    expect(page).to_have_url(re.compile(r"/endbericht/$"))
    page.goto("/endbericht/makrolage/")
    screenshot(page, "endbericht-makrolage")
    axe(page)
