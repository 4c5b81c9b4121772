"""The main navigation in a real browser (issue 10): grouped disclosure menu on wide screens,
a "Menü" toggle on a phone, everything visible without JavaScript, WCAG 2.1 AA (axe-core)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # WhiteNoise warns about the missing collectstatic folder; the live server's own
    # static handler serves the files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp")


def shot(page, name: str) -> None:
    """/tmp/nav-<name>.png, the visible viewport (where an open panel is seen)."""
    page.evaluate("() => document.fonts.ready")
    page.screenshot(path=str(SHOTS / f"nav-{name}.png"))


def main_nav(page):
    return page.get_by_role("navigation", name="Hauptnavigation")


def group_buttons(page):
    return main_nav(page).locator("button.kek-main-nav__button")


def no_horizontal_scroll(page, width: int) -> None:
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways: {scroll_width} > {width}"
    too_wide = page.evaluate(
        """(width) => [...document.querySelectorAll('header *')]
            .filter((el) => el.getClientRects().length)
            .filter((el) => {
                const box = el.getBoundingClientRect();
                return box.left < 0 || box.right > width;
            })
            .map((el) => el.outerHTML.slice(0, 80))""",
        width,
    )
    assert not too_wide, f"header elements wider than the viewport: {too_wide}"


def one_line(locator) -> None:
    """The element's text is set on a single line (its height is one line box)."""
    lines = locator.evaluate(
        """(el) => { const range = document.createRange(); range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }"""
    )
    assert lines == 1, f"{locator} wraps onto {lines} lines"


def same_row(*locators) -> None:
    """The elements stand in one row: each one's box overlaps every other's vertically."""
    boxes = [locator.bounding_box() for locator in locators]
    lowest_top = max(box["y"] for box in boxes)
    highest_bottom = min(box["y"] + box["height"] for box in boxes)
    assert lowest_top < highest_bottom, f"not in one row: {boxes}"


def focus_by_tab(page, locator, limit: int = 30) -> None:
    """Press Tab until `locator` has the focus (like a keyboard user)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reached with Tab")


def test_desktop_group_opens_with_keyboard_and_closes_with_escape(page, axe):
    page.goto("/")
    buttons = group_buttons(page)
    expect(buttons).not_to_have_count(0)
    expect(page.locator(".kek-menu-toggle")).to_be_hidden()
    nav = main_nav(page)
    start = nav.get_by_role("link", name="Start")
    expect(start).to_have_attribute("aria-current", "page")
    # One row: "Start" and every group button share the same line.
    same_row(start, *buttons.all())

    for button in buttons.all():
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(page.locator(f"#{button.get_attribute('aria-controls')}")).to_be_hidden()
    shot(page, "desktop-closed")
    axe(page)

    konzept = nav.get_by_role("button", name="Konzept")
    panel = page.locator(f"#{konzept.get_attribute('aria-controls')}")
    focus_by_tab(page, konzept)
    page.keyboard.press("Enter")
    expect(konzept).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    links = panel.get_by_role("link")
    expect(links).not_to_have_count(0)
    for link in links.all():
        expect(link).to_be_visible()
    expect(panel.get_by_role("link", name="Zielsystem")).to_be_in_viewport()
    shot(page, "desktop-open")
    axe(page)

    # Tab moves into the panel: its first link follows the button.
    page.keyboard.press("Tab")
    expect(links.first).to_be_focused()
    page.keyboard.press("Escape")
    expect(konzept).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()
    expect(konzept).to_be_focused()

    # Only one group open at a time; a click outside closes it.
    konzept.click()
    expect(panel).to_be_visible()
    if buttons.count() > 1:
        other = buttons.nth(1)
        other.click()
        expect(other).to_have_attribute("aria-expanded", "true")
        expect(konzept).to_have_attribute("aria-expanded", "false")
        expect(panel).to_be_hidden()
        konzept.click()
    page.locator("h1").click()
    expect(konzept).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    # A link in a panel leads to its page, which marks it as current.
    konzept.click()
    panel.get_by_role("link", name="Zielsystem").click()
    expect(page.locator("h1")).to_contain_text("Zielsystem")
    nav = main_nav(page)
    current = nav.get_by_role("link", name="Zielsystem", include_hidden=True)
    expect(current).to_have_attribute("aria-current", "page")
    expect(nav.get_by_role("link", name="Start")).not_to_have_attribute("aria-current", "page")
    # Its group's button is marked too, so the current place shows with the panel closed.
    expect(nav.get_by_role("button", name="Konzept")).to_have_class(re.compile("--current"))
    shot(page, "desktop-current")


def test_phone_menu_toggle(new_context, axe):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")
    toggle = page.get_by_role("button", name="Menü")
    nav_id = toggle.get_attribute("aria-controls")
    nav = page.locator(f"#{nav_id}")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    account = page.get_by_role("navigation", name="Konto")
    expect(account.get_by_role("link", name="Anmelden")).to_be_visible()
    one_line(account.get_by_role("link", name="Anmelden"))
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "phone-closed")
    axe(page)

    focus_by_tab(page, toggle)
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav).to_have_attribute("aria-label", "Hauptnavigation")
    # Stacked groups, no nested disclosure: every group's label and links are visible.
    for button in nav.locator("button.kek-main-nav__button").all():
        expect(button).to_be_hidden()
    labels = nav.locator(".kek-main-nav__label")
    expect(labels).not_to_have_count(0)
    for label in labels.all():
        expect(label).to_be_visible()
    links = nav.get_by_role("link")
    expect(links).not_to_have_count(1)
    for link in links.all():
        expect(link).to_be_visible()
        link.scroll_into_view_if_needed()
        expect(link).to_be_in_viewport()
    # …and reachable with the keyboard, in order, after the toggle.
    toggle.focus()
    for link in links.all():
        page.keyboard.press("Tab")
        expect(link).to_be_focused()
    one_line(account.get_by_role("link", name="Anmelden"))
    no_horizontal_scroll(page, PHONE["width"])
    page.evaluate("() => window.scrollTo(0, 0)")
    shot(page, "phone-open")
    axe(page)

    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(nav).to_be_hidden()


def test_phone_account_links_of_a_signed_in_user_stay_in_one_row(new_context, site, planner):
    client = Client()
    client.force_login(planner)
    context = new_context(viewport=PHONE)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    page = context.new_page()
    page.goto("/")
    account = page.get_by_role("navigation", name="Konto")
    mine = account.get_by_role("link", name="Meine Projekte")
    logout = account.get_by_role("button", name="Abmelden")
    toggle = page.get_by_role("button", name="Menü")
    for element in (mine, logout, toggle):
        expect(element).to_be_visible()
        expect(element).to_be_in_viewport()
    one_line(mine)
    same_row(mine, logout, toggle)
    no_horizontal_scroll(page, PHONE["width"])
    shot(page, "phone-signed-in")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_navigation_without_javascript(new_context, viewport):
    page = new_context(java_script_enabled=False, viewport=viewport).new_page()
    page.goto("/")
    nav = main_nav(page)
    expect(nav).to_be_visible()
    expect(page.locator(".kek-menu-toggle")).to_be_hidden()
    for button in nav.locator("button").all():
        expect(button).to_be_hidden()
    labels = nav.locator(".kek-main-nav__label")
    expect(labels).not_to_have_count(0)
    for label in labels.all():
        expect(label).to_be_visible()
    for link in nav.get_by_role("link").all():
        expect(link).to_be_visible()
    no_horizontal_scroll(page, viewport["width"])
    name = "desktop" if viewport["width"] > 1000 else "phone"
    shot(page, f"{name}-no-js")
