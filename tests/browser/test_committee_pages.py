"""The committee pages in a real browser: Gremien reached through the navigation, the
Sitzungskalender, a Sitzung with its resolution and a cancelled, non-public world around it;
axe-core (WCAG 2.1 A/AA) on each."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kek.committees.models import AgendaItem, Body, Location, Meeting, Membership, Person

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def meetings(site, nordsachsen):
    body = Body.objects.get(region=nordsachsen)
    kreistag = body.organizations.get(name="Kreistag")
    person = Person.objects.create(body=body, given_name="Erika", family_name="Muster")
    Membership.objects.create(person=person, organization=kreistag, role="Vorsitz")
    place = Location.objects.create(body=body, description="Landratsamt", locality="Torgau")
    cancelled = Meeting.objects.create(
        body=body, name="Sitzung des Kreistags", start=timezone.now() + timedelta(days=14),
        location=place, cancelled=True,
    )  # fmt: skip
    cancelled.organizations.set([kreistag])
    cancelled.save()
    AgendaItem.objects.create(meeting=cancelled, number="1", name="Eröffnung")
    return cancelled


def test_committee_pages_are_accessible(page, axe, screenshot, meetings):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Beteiligung").click()
    nav.get_by_role("link", name="Gremien").click()
    expect(page).to_have_url(re.compile(r"/gremien/$"))
    expect(page.locator("h1")).to_have_text("Gremien")
    expect(page.get_by_role("heading", name="Steuerungsgruppe")).to_be_visible()
    kreistag = page.locator("section", has=page.get_by_role("heading", name="Kreistag"))
    expect(kreistag.get_by_role("table")).to_contain_text("Erika Muster")
    expect(kreistag.get_by_role("table")).to_contain_text("Vorsitz")
    screenshot(page, "gremien")
    axe(page)

    page.get_by_role("link", name="Sitzungskalender", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/sitzungen/$"))
    upcoming = page.locator("section[aria-labelledby=kommende]")
    expect(upcoming.locator("del")).to_have_text("Sitzung des Kreistags")
    expect(upcoming).to_contain_text("abgesagt")
    past = page.locator("section[aria-labelledby=vergangene]")
    expect(past).to_contain_text("24. März 2021")
    screenshot(page, "sitzungskalender")
    axe(page)

    past.locator("li", has_text="24. März 2021").get_by_role(
        "link", name="Sitzung des Kreistags"
    ).click()
    expect(page.locator("h1")).to_contain_text("24. März 2021")
    expect(
        page.get_by_role("heading", name="Kreisentwicklungskonzept Nordsachsen 2030")
    ).to_be_visible()
    expect(page.locator("#tagesordnung").locator("xpath=..")).to_contain_text(
        "unverändert beschlossen"
    )
    screenshot(page, "sitzung")
    axe(page)

    page.goto(f"/sitzungen/{meetings.pk}/")
    expect(page.get_by_text("Diese Sitzung ist abgesagt.")).to_be_visible()
    axe(page)
