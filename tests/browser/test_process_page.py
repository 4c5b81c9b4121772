"""The timeline "Der Weg zum KEK" in a real browser: reached from the navigation and the start
page, phases as headed ordered lists with dates, the phase filter by keyboard without
JavaScript of its own, the cancelled forums marked, and axe-core."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_timeline_page_is_accessible_and_filters_by_phase(page, axe, screenshot, nordsachsen):
    page.goto("/")
    summary = page.locator("section[aria-labelledby=projektverlauf]")
    expect(summary.locator("time[datetime='2021-03-24']")).to_have_text("24. März 2021")
    expect(summary.get_by_text("Stand: abgesagt")).to_have_count(3)
    summary.get_by_role("link", name=re.compile("Der Weg zum KEK")).click()
    expect(page).to_have_url(re.compile(r"/projektverlauf/$"))
    expect(page.locator("h1")).to_have_text("Der Weg zum KEK")
    phases = page.locator("ol.kek-timeline > li h2")
    names = ["Vorbereitung", "Analyse und Beteiligung", "Entwurf", "Öffentlichkeitsbeteiligung",
             "Endbericht und Beschluss"]  # fmt: skip
    expect(phases).to_have_text(names)
    workshop = page.get_by_role("heading", name=re.compile("Workshop „Tourismus“"))
    expect(workshop.locator("time")).to_have_attribute("datetime", "2019-07-04")
    forum = page.locator("li.kek-timeline__entry", has_text="Diskussionsforum in Collm")
    expect(forum).to_contain_text("Stand: abgesagt")
    expect(forum).to_contain_text("Wegen der Pandemie abgesagt.")
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "projektverlauf")
    axe(page)

    select = page.get_by_label("Phase", exact=True)
    select.focus()
    select.select_option(label="Entwurf")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/projektverlauf/\?phase=entwurf$"))
    expect(page.locator("h1")).to_have_text("Der Weg zum KEK: Entwurf")
    expect(page.locator("ol.kek-timeline > li")).to_have_count(1)
    expect(page.get_by_text("bis Anfang 2020", exact=True)).to_be_visible()
    expect(page.get_by_text("Zeitpunkt nicht bekannt", exact=True)).to_be_visible()
    axe(page)

    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Konzept").click()
    nav.get_by_role("link", name="Projektverlauf").click()
    expect(page).to_have_url(re.compile(r"/projektverlauf/$"))
