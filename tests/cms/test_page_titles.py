"""The browser tab names the page once: the start page "KEK Nordsachsen 2030", every other page
its own title with the site's behind it (issue 11: "KEK Nordsachsen 2030 – KEK Nordsachsen
2030" on the start page)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def title_of(response) -> str:
    assert response.status_code == 200
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1]


def test_it_names_the_start_page_once(client, nordsachsen):
    from kek.cms.models import DistrictHomePage

    home = DistrictHomePage.objects.get(region=nordsachsen)
    assert title_of(client.get("/")) == home.title == "KEK Nordsachsen 2030"


def test_it_names_other_pages_with_the_site_behind(client, nordsachsen):
    assert title_of(client.get("/daten/")) == "Daten &amp; Analyse – KEK Nordsachsen 2030"
    assert title_of(client.get("/anmelden/")) == "Anmelden – KEK Nordsachsen 2030"
    assert title_of(client.get("/impressum/")) == "Impressum – KEK Nordsachsen 2030"


def test_it_escapes_a_site_title(client, nordsachsen):
    from kek.cms.models import DistrictHomePage

    DistrictHomePage.objects.filter(region=nordsachsen).update(title="KEK <Nord> & Süd")
    assert title_of(client.get("/")) == "KEK &lt;Nord&gt; &amp; Süd"
    assert title_of(client.get("/anmelden/")) == "Anmelden – KEK &lt;Nord&gt; &amp; Süd"
