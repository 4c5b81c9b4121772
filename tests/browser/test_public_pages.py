"""The public site in a real browser: WCAG 2.1 AA (axe-core), navigation, keyboard, no-JS."""

import re

import pytest
from playwright.sync_api import expect

from kek.goals.models import Concept, StrategicGoal, SubGoal
from kek.goals.versions import new_version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # WhiteNoise warns about the missing collectstatic folder; the live server's own
    # static handler serves the files from the finders.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

GOAL_URL = re.compile(r"/ziele/\d+\.\d+-[-a-z0-9]+/$")
SUBGOAL_URL = re.compile(r"/ziele/\d+\.\d+\.\d+-[-a-z0-9]+/$")
FIELD_URL = re.compile(r"/handlungsfelder/[-a-z0-9]+/$")


def assert_kern_styles(page) -> None:
    """KERN UX's stylesheet and Fira Sans are loaded and applied."""
    loaded = page.evaluate(
        """() => [...document.styleSheets]
            .filter((sheet) => sheet.href && sheet.href.includes('/static/vendor/kern/'))
            .map((sheet) => [sheet.href, sheet.cssRules.length])"""
    )
    assert any("kern.min.css" in href and rules > 100 for href, rules in loaded), loaded
    font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Fira Sans" in font
    assert page.evaluate("() => document.fonts.check('16px \"Fira Sans\"')")


def test_start_page(page, axe, screenshot):
    page.goto("/")
    expect(page).to_have_title(re.compile("KEK Nordsachsen 2030"))
    expect(page.locator("h1")).to_have_text("KEK Nordsachsen 2030")
    expect(page.locator(".kek-cards > li")).not_to_have_count(0)
    page.evaluate("() => document.fonts.ready")
    assert_kern_styles(page)
    screenshot(page, "start")
    axe(page)


def test_goal_tree(page, axe, screenshot):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Konzept").click()
    nav.get_by_role("link", name="Zielsystem").click()
    expect(page).to_have_url(re.compile(r"/zielsystem/$"))
    expect(page.locator("h1")).to_have_text("Zielsystem KEK Nordsachsen 2030")
    expect(page.locator(".kek-tree__field")).not_to_have_count(0)
    page.evaluate("() => document.fonts.ready")
    assert_kern_styles(page)
    screenshot(page, "zielsystem")
    axe(page)


def test_field_of_action(page, axe):
    page.goto("/zielsystem/")
    link = page.locator(".kek-tree__field h2 a").first
    title = link.inner_text()
    link.click()
    expect(page).to_have_url(FIELD_URL)
    expect(page.locator("h1")).to_contain_text(title)
    expect(page.get_by_role("heading", name="Strategische Ziele und Teilziele")).to_be_visible()
    axe(page)


def test_strategic_goal_and_subgoal(page, axe, screenshot):
    page.goto("/zielsystem/")
    goal_link = page.locator(".kek-tree__goals > li > p a").first
    goal_title = goal_link.inner_text()
    goal_link.click()
    expect(page).to_have_url(GOAL_URL)
    expect(page.locator("h1")).to_contain_text(goal_title)
    expect(page.locator(".kern-preline")).to_contain_text("Strategisches Ziel")
    axe(page)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/zielsystem/$"))
    sub_link = page.locator(".kek-tree__subgoals a").first
    sub_title = sub_link.inner_text()
    sub_link.click()
    expect(page).to_have_url(SUBGOAL_URL)
    expect(page.locator("h1")).to_contain_text(sub_title)
    expect(page.locator(".kern-preline")).to_contain_text("Teilziel")
    breadcrumbs = page.get_by_role("navigation", name="Brotkrumen")
    expect(breadcrumbs.get_by_role("link")).to_have_count(4)
    screenshot(page, "teilziel")
    axe(page)


def test_version_list(page, axe):
    page.goto("/versionen/")
    expect(page.locator("h1")).to_have_text("Versionen und Fortschreibungen")
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    axe(page)


def test_version_compare(page, concept, axe, screenshot):
    draft = new_version(concept)
    goal = StrategicGoal.objects.filter(concept=draft).order_by("number").first()
    goal.title = "Neu formuliertes Ziel für die Fortschreibung"
    goal.save()
    draft.status = Concept.Status.CONSULTATION
    draft.save()

    page.goto("/versionen/")
    page.get_by_role("link", name="Versionen vergleichen").click()
    expect(page).to_have_url(re.compile(r"/versionen/vergleich/$"))
    expect(page.get_by_role("heading", name="Version 1 → Version 2")).to_be_visible()
    reworded = page.get_by_role("table", name="Umformulierte Ziele: alter und neuer Wortlaut")
    expect(reworded).to_contain_text("Neu formuliertes Ziel für die Fortschreibung")
    screenshot(page, "versionsvergleich")
    axe(page)

    page.get_by_label("Ältere Version").select_option("2")
    page.get_by_label("Neuere Version").select_option("1")
    page.get_by_role("button", name="Vergleichen").click()
    expect(page).to_have_url(re.compile(r"\?von=2&zu=1$"))
    expect(page.get_by_role("heading", name="Version 2 → Version 1")).to_be_visible()
    # KERN draws a select's boundary and arrow on its wrapper (WCAG 1.4.11 non-text contrast).
    expect(page.locator(".kern-form-input__select-wrapper > select")).to_have_count(2)


def test_editorial_page(page, axe):
    page.goto("/")
    page.get_by_role("navigation", name="Rechtliches").get_by_role("link", name="Impressum").click()
    expect(page).to_have_url(re.compile(r"/impressum/$"))
    expect(page.locator("h1")).to_have_text("Impressum")
    axe(page)


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    header = page.locator(".kern-kopfzeile")
    top_before = header.bounding_box()["y"]
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Zum Inhalt springen")
    expect(skip).to_be_in_viewport()
    assert header.bounding_box()["y"] == top_before, "the focused skip link shifts the page"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#inhalt$"))
    assert page.evaluate("() => document.activeElement.matches('main#inhalt')")


def test_readable_without_javascript(new_context, concept):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/zielsystem/")
    assert page.evaluate("() => typeof window.htmx") == "undefined"  # page scripts did not run
    tree = page.locator("ol.kek-tree")
    expect(tree).to_be_visible()
    expect(page.locator(".kek-tree__field")).to_have_count(concept.fields_of_action.count())
    rendered = tree.inner_text()  # only text that is actually rendered
    goals = [*StrategicGoal.objects.filter(concept=concept)]
    goals += SubGoal.objects.filter(concept=concept)
    assert goals
    missing = [f"{goal.number} {goal.title}" for goal in goals if goal.title not in rendered]
    assert not missing, f"not readable without JavaScript: {missing}"
    first = StrategicGoal.objects.filter(concept=concept).order_by("position", "id").first()
    expect(tree.get_by_role("link", name=first.title)).to_be_visible()
