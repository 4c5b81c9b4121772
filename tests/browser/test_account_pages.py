"""Accounts in a real browser (F25): sign-up with the keyboard only, the confirmation link from
the e-mail outbox, confirmed and signed in; axe-core on the sign-up, sign-in and account pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
PASSWORD = "Mulde-Radweg-2030!"


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until `locator` has the focus (like a keyboard user)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} never got the focus")


def test_register_by_keyboard_confirm_by_mail_and_land_signed_in(page, axe, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core.cache import cache

    cache.clear()  # allauth's rate limits
    page.goto("/anmelden/")
    expect(page.locator("h1")).to_have_text("Anmelden")
    axe(page)

    tab_to(
        page, page.get_by_role("navigation", name="Konto").get_by_role("link", name="Registrieren")
    )
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Registrieren")
    axe(page)

    # The consent missing: the error summary, focused, links the field.
    tab_to(page, page.get_by_label("E-Mail-Adresse"))
    page.keyboard.type("anna@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Anna aus Eilenburg")
    page.keyboard.press("Tab")  # organisation: optional
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")  # the consent checkbox, left unticked
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte willigen Sie in die Datenschutzhinweise ein.")
    axe(page)

    tab_to(page, page.get_by_label("Passwort", exact=True))
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(
        page.get_by_label(re.compile("Ich habe die Datenschutzhinweise gelesen"))
    ).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    axe(page)

    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    link = re.search(r"https?://\S+/konto/bestaetigen/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.locator("h1")).to_have_text("E-Mail-Adresse bestätigen")
    axe(page)
    tab_to(page, page.get_by_role("button", name="Bestätigen"))
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Mein Konto")
    expect(
        page.get_by_role("navigation", name="Konto").get_by_role("link", name="Mein Konto")
    ).to_be_visible()
    expect(page.get_by_label("Anzeigename")).to_have_value("Anna aus Eilenburg")
    axe(page)
