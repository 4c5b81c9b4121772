"""Choosing regions in the back office in a real browser (issue 11): "Gebiete hinzufügen" on a
project opens Wagtail's chooser with the municipalities of the project's district only, the
chosen ones become ticked boxes, and saving the form stores them."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture
def admin_page(new_context, site, django_user_model):
    user = django_user_model.objects.create_superuser("su-browser", "su@example.org", "x")
    client = Client()
    client.force_login(user)
    context = new_context(viewport={"width": 1280, "height": 1000})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}])
    return context.new_page()


def test_it_adds_municipalities_of_the_district_from_the_chooser(
    admin_page, nordsachsen, screenshot
):
    from kek.goals.models import Concept
    from kek.regions.models import Region

    from ..core.test_region_choosers import some_project

    Concept.objects.filter(region=nordsachsen).update(status=Concept.Status.DRAFT)
    project = some_project(nordsachsen)
    project.municipalities.clear()
    project.save()
    own = Region.objects.filter(level=Region.Level.MUNICIPALITY, parent=nordsachsen)
    assert own.count() > 2
    page = admin_page
    page.goto(reverse("wagtailsnippets_projects_project:edit", args=[project.pk]))
    widget = page.locator('[data-kek-regions][data-name="municipalities"]')
    widget.get_by_role("button", name="Gebiete hinzufügen").click()

    modal = page.locator(".modal-content")
    expect(modal.get_by_role("heading", name="Gebiet wählen")).to_be_visible()
    boxes = modal.locator("input[data-multiple-choice-select]")
    expect(boxes.first).to_be_visible()
    listed = modal.locator("td.title").all_inner_texts()
    assert listed and all(any(f"({r.ags})" in text for r in own) for text in listed), listed
    wanted = own.order_by("-ags").first()  # not on the first page
    modal.locator("#id_q").fill(wanted.ags)
    expect(modal.locator("td.title")).to_have_count(1)
    expect(modal.locator("td.title")).to_contain_text(str(wanted))
    boxes.first.check()
    screenshot(page, "region-chooser-modal")
    modal.locator("[data-multiple-choice-submit]").click()
    expect(modal).to_be_hidden()

    ticked = widget.locator("input[type=checkbox]:checked")
    expect(ticked).to_have_count(1)
    chosen = int(ticked.first.get_attribute("value"))
    assert chosen == wanted.pk
    expect(widget).to_contain_text(str(wanted))
    widget.scroll_into_view_if_needed()
    screenshot(page, "region-chooser-chosen")

    page.get_by_role("button", name="Entwurf speichern").first.click()
    expect(page.locator(".messages")).to_be_visible()
    draft = type(project).objects.get(pk=project.pk).latest_revision  # a draft (issue 11)
    assert draft.content["municipalities"] == [chosen]
