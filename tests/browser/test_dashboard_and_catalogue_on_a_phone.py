"""The dashboard, the start page's fields of action and the project catalogue in a real
browser (issue 11): the catalogue reads at 390 px without sideways scrolling (each project a
card, every cell named by its column), and axe-core finds nothing on the changed pages, with
every disclosure ("weitere Bewertungen", legend, table) open."""

import pytest
from playwright.sync_api import expect

from kek.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

PHONE = {"width": 390, "height": 844}
OPEN_ALL = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_it_shows_the_catalogue_as_cards_on_a_phone(new_context, concept, axe, screenshot):
    page = new_context(viewport=PHONE).new_page()
    page.goto("/projekte/")
    rows = page.locator("#ergebnisse tbody tr")
    expect(rows).to_have_count(Project.objects.filter(concepts=concept).count())
    page.evaluate("() => document.fonts.ready")
    assert fits(page)
    # No cell of a project hides in a sideways scroll: every one lies within the screen.
    first = rows.first
    cells = first.locator("th, td")
    assert cells.count() == 6
    for index in range(cells.count()):
        box = cells.nth(index).bounding_box()
        assert box is not None and box["width"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], index
    wrapper = page.locator("#ergebnisse .kern-table-responsive")
    assert wrapper.evaluate("(el) => el.scrollWidth <= el.clientWidth")
    # Each value says which column it is.
    lead = first.locator('td[data-label="Federführung"]')
    expect(lead).to_be_visible()
    label = lead.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert "Federführung" in label
    screenshot(page, "projektkatalog-390")
    axe(page)


def test_the_dashboard_and_the_start_page_pass_axe(new_context, concept, axe, screenshot):
    from kek.goals.models import FieldOfAction

    field = FieldOfAction.objects.filter(concept=concept).order_by("position").first()
    for viewport, suffix in (({"width": 1280, "height": 900}, ""), (PHONE, "-390")):
        page = new_context(viewport=viewport).new_page()
        for url, name in (
            ("/dashboard/", "dashboard"),
            (f"/dashboard/{field.slug}/", "dashboard-handlungsfeld"),
            ("/", "start"),
        ):
            page.goto(url)
            page.evaluate("() => document.fonts.ready")
            page.evaluate(OPEN_ALL)
            expect(page.locator(".kek-status__icon").first).to_be_visible()
            assert fits(page), (url, viewport)
            screenshot(page, f"{name}-karten{suffix}")
            axe(page)
        page.close()
