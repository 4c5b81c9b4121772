"""The events in a real browser (F24): reached by the navigation, the cancelled forums of 2020
with their reason, an event's page with its form filled by keyboard, the German errors, the
"Bitte bestätigen" page and the confirmation link from the e-mail; axe-core on every page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def immediate_mails(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }


def test_events_list_and_registration_by_keyboard(page, axe, nordsachsen, immediate_mails):
    from kek.events.models import Event, Registration

    start = timezone.localtime(timezone.now() + timedelta(days=20)).replace(hour=18, minute=0)
    forum = Event.objects.create(
        region=nordsachsen, kind="workshop", title="Workshop Mobilität", start=start,
        end=start + timedelta(hours=2), capacity=12, text="Busse und Bahnen im Landkreis.",
    )  # fmt: skip
    page.goto("/")
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("button", name="Beteiligung").click()
    nav.get_by_role("link", name="Veranstaltungen").click()
    expect(page).to_have_url(re.compile(r"/veranstaltungen/$"))
    past = page.locator("section[aria-labelledby=vergangene]")
    expect(past.locator("li")).to_have_count(3)
    expect(past.locator("li").first).to_contain_text("Wegen der Pandemie abgesagt.")
    axe(page)

    page.get_by_role("link", name="Workshop Mobilität").click()
    expect(page.locator("h1")).to_have_text("Workshop Mobilität")
    expect(page.locator("dd time").first).to_have_attribute("datetime", start.isoformat())
    expect(page.get_by_text("noch 12 Plätze frei")).to_be_visible()
    axe(page)

    page.get_by_label("Name").focus()
    page.keyboard.press("Tab")
    page.keyboard.type("kein-at")
    page.get_by_role("button", name="Anmelden").press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte korrigieren Sie die folgenden 3 Fehler")
    expect(summary).to_contain_text("Bitte geben Sie Ihren Namen an.")
    axe(page)

    page.get_by_label("Name").fill("Anna Beispiel")
    page.get_by_label("E-Mail-Adresse").fill("anna@example.org")
    page.get_by_label(re.compile("Ich willige ein")).check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("h1")).to_have_text("Bitte bestätigen Sie Ihre Anmeldung")
    axe(page)

    (message,) = mail.outbox
    link = re.search(r"https?://\S+/bestaetigen/", message.body).group(0)
    page.goto(link)
    assert Registration.objects.get(event=forum).status == "unbestaetigt"
    axe(page)
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.locator("h1")).to_have_text("Ihre Anmeldung ist bestätigt")
    axe(page)
    assert Registration.objects.get(event=forum).status == "angemeldet"
    page.goto(f"/veranstaltungen/{forum.pk}/")
    expect(page.get_by_text("noch 11 Plätze frei")).to_be_visible()


def test_a_cancelled_forum_on_a_phone(new_context, axe, nordsachsen):
    from kek.events.models import Event

    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    found = Event.objects.get(title="Regionales Diskussionsforum in Eilenburg")
    page.goto(f"/veranstaltungen/{found.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Diese Veranstaltung ist abgesagt.")
    expect(page.get_by_text("Bürgerhaus, Eilenburg")).to_be_visible()
    axe(page)
