"""The project catalogue and a project page in a real browser: axe-core, htmx filters, chart."""

import re

import pytest
from playwright.sync_api import expect

from kek.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


def test_catalogue_filters_and_a_project_page_with_a_chart(page, concept, axe, screenshot):
    projects = Project.objects.filter(concepts=concept)
    completed = projects.filter(status="completed").count()
    assert projects.count() > completed > 0  # the shipped example catalogue

    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Umsetzung").click()
    nav.get_by_role("link", name="Projekte").click()
    expect(page).to_have_url(re.compile(r"/projekte/$"))
    expect(page.locator("h1")).to_have_text("Projektkatalog")
    rows = page.locator("#ergebnisse tbody tr")
    expect(rows).to_have_count(projects.count())
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "projektkatalog")
    axe(page)

    # htmx: choosing a status updates the list and the address without a reload.
    page.evaluate("() => { window.kekNoReload = true; }")
    page.get_by_label("Status").select_option("completed")
    expect(page).to_have_url(re.compile(r"status=completed"))
    expect(rows).to_have_count(completed)
    expect(page.locator("#treffer")).to_have_text(re.compile(rf"^{completed} Projekt"))
    assert page.evaluate("() => window.kekNoReload === true")
    axe(page)

    measured = (
        projects.filter(
            indicators__measurements__isnull=False, indicators__target_value__isnull=False
        )
        .distinct()
        .order_by("number")
        .first()
    )
    page.goto(f"/projekte/{measured.public_ref}/")
    expect(page.locator("h1")).to_contain_text(measured.title)
    chart = page.locator("figure.kek-chart").first
    expect(chart.locator(".kek-chart__view svg")).to_be_visible()
    expect(page.locator(".kek-status").first).to_be_visible()
    expect(page.get_by_role("heading", name="Meilensteine")).to_be_visible()
    page.evaluate("() => document.fonts.ready")
    screenshot(page, "projekt")
    axe(page)


def test_dashboard_goal_page_and_evaluation_report(page, concept, axe, screenshot):
    from kek.goals.models import StrategicGoal
    from kek.projects.models import Measurement
    from kek.projects.snapshots import take_report

    first = take_report(concept, "Evaluierung 2023")
    Measurement.objects.filter(indicator__project__concepts=concept).update(value=1)
    take_report(concept, "Evaluierung 2024")
    assert first.pk

    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Umsetzung").click()
    nav.get_by_role("link", name="Dashboard").click()
    expect(page.locator("h1")).to_have_text("Dashboard: Stand der Umsetzung")
    expect(page.locator("#handlungsfelder ~ .kek-status-cards > li")).not_to_have_count(0)
    page.get_by_text("Handlungsfelder als Tabelle").click()
    expect(page.get_by_role("table", name=re.compile("^Handlungsfelder"))).to_be_visible()
    screenshot(page, "dashboard")
    axe(page)

    page.locator("#handlungsfelder ~ .kek-status-cards").get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/dashboard/[-a-z0-9]+/$"))
    expect(page.get_by_role("heading", name="Projekte", exact=True)).to_be_visible()
    axe(page)

    goal = StrategicGoal.objects.filter(concept=concept, subgoals__projects__isnull=False).first()
    page.goto(f"/ziele/{goal.number}-{goal.slug}/")
    expect(page.get_by_role("heading", name="Projekte zu diesem Ziel")).to_be_visible()
    screenshot(page, "ziel-mit-projekten")
    axe(page)

    page.goto("/evaluierung/")
    page.get_by_role("link", name="Evaluierung 2024").click()
    expect(page.get_by_role("heading", name="Was hat sich seit dem letzten Bericht geändert?"))
    expect(page.get_by_role("table", name=re.compile("geändertem Status"))).to_be_visible()
    screenshot(page, "evaluierungsbericht")
    axe(page)
