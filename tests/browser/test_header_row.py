"""On a desktop screen the main navigation and the account links stand in one row below the
site title (issue 11: "Anmelden" sat in a row of its own above the navigation at 1280 and
1024 px)."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

WIDTHS = [1280, 1024]


def boxes(locators) -> list[dict]:
    found = []
    for locator in locators:
        expect(locator).to_be_visible()
        found.append(locator.bounding_box())
    return found


def assert_one_row(locators) -> None:
    """Every element's box overlaps every other's vertically, and they go left to right."""
    found = boxes(locators)
    assert max(b["y"] for b in found) < min(b["y"] + b["height"] for b in found), found
    lefts = [b["x"] for b in found]
    assert lefts == sorted(lefts), found


def row_of(page, *account_names) -> list:
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    account = page.get_by_role("navigation", name="Konto")
    groups = nav.locator("button.kek-main-nav__button").all()
    mine = [account.get_by_role(role, name=name) for role, name in account_names]
    return [nav.get_by_role("link", name="Start"), *groups, *mine]


def single_line(locator) -> int:
    return locator.evaluate(
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }"""
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_it_keeps_anmelden_in_the_row_of_the_navigation(new_context, screenshot, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto("/")
    page.evaluate("() => document.fonts.ready")
    row = row_of(page, ("link", "Anmelden"))
    assert len(row) >= 4  # Start, at least two groups, Anmelden
    assert_one_row(row)
    assert single_line(row[-1]) == 1
    # below the site title, within the screen
    title = page.locator(".kek-site-title").bounding_box()
    assert all(box["y"] >= title["y"] + title["height"] for box in boxes(row))
    assert boxes(row)[-1]["x"] + boxes(row)[-1]["width"] <= width
    screenshot(page, f"header-row-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_it_keeps_the_signed_in_account_links_in_that_row(new_context, site, planner, width):
    client = Client()
    client.force_login(planner)
    context = new_context(viewport={"width": width, "height": 800})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    page = context.new_page()
    page.goto("/")
    page.evaluate("() => document.fonts.ready")
    assert_one_row(row_of(page, ("link", "Meine Projekte"), ("button", "Abmelden")))
