"""The page "Presseserie" in a real browser: reached from the start page's "Beteiligung"
section and the navigation, the parts as a headed ordered list with their dates, the
field-of-action filter by keyboard, and axe-core (also on a phone's width)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def link_fields(region) -> list:
    from kek.goals.models import Concept, FieldOfAction
    from kek.press.models import PressArticle

    concept = Concept.objects.current_for(region)
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    PressArticle.objects.get(region=region, part=1).fields_of_action.set(fields[:1])
    PressArticle.objects.get(region=region, part=2).fields_of_action.set(fields[1:2])
    return fields


def test_press_page_is_accessible_and_filters_by_field(page, axe, screenshot, nordsachsen):
    fields = link_fields(nordsachsen)
    page.goto("/")
    summary = page.locator("section[aria-labelledby=beteiligung]")
    expect(summary.locator("time[datetime='2020-09-12']")).to_have_text("12./13. September 2020")
    expect(summary).to_contain_text("LVZ Delitzsch-Eilenburg, September/Oktober 2020")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Beteiligung").click()
    nav.get_by_role("link", name="Presseserie").click()
    expect(page).to_have_url(re.compile(r"/presse/$"))
    expect(page.locator("h1")).to_have_text("Presseserie")
    parts = page.locator("ol.kek-press-articles > li h3")
    expect(parts).to_have_count(3)
    expect(parts.first).to_contain_text("Teil 1: „Dem Landkreis geht es gut")
    expect(parts.nth(2)).to_contain_text("Teil 3: „Geht es der Wirtschaft gut")
    third = page.locator("li.kek-press-article", has_text="Teil 3")
    expect(third).to_contain_text("September/Oktober 2020 (genaues Datum nicht bekannt)")
    first = page.locator("li.kek-press-article", has_text="Teil 1")
    expect(first.get_by_role("link", name=re.compile(fields[0].title))).to_be_visible()
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "presse")
    axe(page)

    select = page.get_by_label("Handlungsfeld", exact=True)
    select.focus()
    select.select_option(label=f"{fields[1].number} {fields[1].title}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/presse/\?handlungsfeld={fields[1].slug}$"))
    expect(page.locator("h1")).to_contain_text(fields[1].title)
    expect(page.locator("ol.kek-press-articles > li")).to_have_count(1)
    expect(page.locator("ol.kek-press-articles > li h3")).to_contain_text("Teil 2")
    axe(page)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/presse/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways ({width} px)"
    axe(page)
