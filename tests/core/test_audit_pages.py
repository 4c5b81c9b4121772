"""Pages are on record through Wagtail's revisions and page log (issue 16), and the Protokoll
lists their edits and publishing with the other changes."""

import html

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from kek.cms.models import StandardPage

pytestmark = pytest.mark.django_db


def test_publishing_a_page_edit_is_logged_and_listed_in_the_protokoll(
    client, nordsachsen, planner, admin_user
):
    page = StandardPage.objects.live().first()
    client.force_login(planner)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {"title": "Impressum (neu)", "slug": page.slug, "action-publish": "action-publish"}
    assert client.post(url, data).status_code == 302

    logged = set(
        PageLogEntry.objects.filter(page=page, user=planner).values_list("action", flat=True)
    )
    assert {"wagtail.edit", "wagtail.publish"} <= logged
    client.force_login(admin_user)
    listing = html.unescape(client.get("/admin/kek/protokoll/", {"art": "pages"}).content.decode())
    assert "Impressum (neu)" in listing and "planerin" in listing
    assert reverse("wagtailadmin_pages:history", args=[page.pk]) in listing
