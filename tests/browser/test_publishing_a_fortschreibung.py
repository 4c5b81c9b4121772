"""Issue 11 in a real browser: a planner previews a Fortschreibung on the public site (banner,
axe-core), reviews what publishing changes and publishes it; afterwards a dropped goal's old
address says "In dieser Fassung entfallen" (axe-core) and the catalogue keeps its projects."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from kek.goals.models import Concept, StrategicGoal
from kek.goals.versions import new_version
from kek.projects.models import Project

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]
DRAFT_TITLE = "Fachkräfte gemeinsam gewinnen und halten"


def signed_in(new_context, site, user):
    client = Client()
    client.force_login(user)
    context = new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return context.new_page()


def test_preview_review_and_publish(new_context, site, concept, planner, axe, screenshot):
    dropped = StrategicGoal.objects.get(concept=concept, number="3.2")
    old_address = f"/ziele/3.2-{dropped.slug}/"
    draft = new_version(concept)
    goal = StrategicGoal.objects.get(concept=draft, number="1.1")
    goal.title = DRAFT_TITLE
    goal.save()
    StrategicGoal.objects.get(concept=draft, key=dropped.key).delete()
    projects = Project.objects.filter(concepts=concept).count()
    page = signed_in(new_context, site, planner)

    page.goto(reverse("kek_preview_version", args=[draft.pk]))
    page.get_by_role("button", name="Vorschau starten").click()
    page.goto("/zielsystem/")
    banner = page.get_by_role("region", name="Vorschau")
    expect(banner).to_contain_text("Vorschau der Fortschreibung")
    expect(page.get_by_role("link", name=re.compile(DRAFT_TITLE))).to_be_visible()
    expect(page.get_by_text("Ältere oder nicht aktuelle Version")).to_have_count(0)
    axe(page)
    screenshot(page, "fortschreibung-vorschau")
    banner.get_by_role("button", name="Vorschau beenden").click()
    expect(page.get_by_text(DRAFT_TITLE)).to_have_count(0)

    page.goto(reverse("kek_publish_version", args=[draft.pk]))
    expect(page.get_by_text("Umformulierte Ziele (1)")).to_be_visible()
    expect(page.get_by_text("Entfallende Ziele")).to_be_visible()
    screenshot(page, "fortschreibung-veroeffentlichen")
    page.get_by_label("Beschlossen am").fill("2026-11-30")
    page.get_by_label("Ich habe die Änderungen für die Öffentlichkeit geprüft.").check()
    page.get_by_role("button", name="Veröffentlichen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/snippets/goals/concept/"))
    assert Concept.objects.get(pk=draft.pk).is_current

    public = new_context().new_page()
    response = public.goto(old_address)
    assert response is not None and response.status == 410
    expect(public.get_by_role("heading", level=1)).to_have_text(dropped.title)
    expect(public.get_by_text("In dieser Fassung entfallen").first).to_be_visible()
    axe(public)
    screenshot(public, "fortschreibung-entfallen")
    public.goto("/projekte/")
    expect(public.get_by_text(f"{projects} Projekte im Katalog")).to_be_visible()
