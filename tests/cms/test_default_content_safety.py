"""Default-content files are user input (issue 16): `kek load-defaults --data DIR` sanitises
their rich text and refuses addresses other than http/https, changing nothing then."""

import re

import pytest
from django.core.management import CommandError

from kek.cms.models import DistrictHomePage, StandardPage
from kek.goals.models import Concept
from kek.swot.models import DocumentEvidence, SwotItem
from tests import mutations

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

HOSTILE = (
    '<p><script>alert(1)</script><img src=x onerror=alert(1)><b>fett</b> <a href="'
    'https://www.landkreis-nordsachsen.de/" onclick="alert(1)">Landkreis</a> <a href="'
    'javascript:alert(1)">böse</a> <a href="mailto:kreisentwicklung@example.org">Post</a></p>'
)


def assert_harmless(html: str) -> None:
    assert "alert(1)" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html.replace('type="application/json"', ""))
    assert "onerror" not in html and "onclick" not in html and "javascript:" not in html
    assert "<b>fett</b>" in html
    assert '<a href="https://www.landkreis-nordsachsen.de/">Landkreis</a>' in html
    assert '<a href="mailto:kreisentwicklung@example.org">Post</a>' in html


def test_rich_text_from_district_yaml_is_sanitised_on_the_start_page(kek, folder, client):
    """Regression: `<script>` from district.yaml was rendered raw on /."""
    district = folder / "district.yaml"
    mutations.replace_once(district, "  background: >-\n", f"  background: >-\n    {HOSTILE}\n")
    mutations.replace_once(district, "  intro: >-\n", f"  intro: >-\n    {HOSTILE}\n")
    mutations.replace_once(district, "    body: >-\n", f"    body: >-\n      {HOSTILE}\n")
    kek("load-defaults", "--data", str(folder))

    home = DistrictHomePage.objects.get(region__ags="14730")
    for stored in (home.intro, home.background, StandardPage.objects.get(slug="impressum").body):
        assert "<script" not in stored and "onerror" not in stored and "<img" not in stored
        assert "<b>fett</b>" in stored
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<b>fett</b>") == 2
    assert_harmless(html)
    assert "sozioökonomischen Rahmenbedingungen" in html  # the rest of the text is kept
    assert_harmless(client.get("/impressum/").content.decode())


def test_a_javascript_url_in_swot_yaml_is_refused_and_nothing_is_written(kek, folder):
    """Regression: a `javascript:` document URL from swot.yaml became a link."""
    mutations.replace_once(
        folder / "swot.yaml",
        "        author: Leibniz-Institut für Länderkunde\n",
        "        author: Leibniz-Institut für Länderkunde\n        url: javascript:alert(1)\n",
    )
    with pytest.raises(
        CommandError,
        match=r"^swot\.yaml, Eintrag \d+, Feld documents\[1\]\.url: „javascript:alert\(1\)“ "
        r"ist nicht erlaubt\. Erlaubt sind nur Adressen mit http:// oder https://\.",
    ):
        kek("load-defaults", "--data", str(folder))
    assert not Concept.objects.exists()
    assert not DistrictHomePage.objects.exists()
    assert not SwotItem.objects.exists() and not DocumentEvidence.objects.exists()


def test_the_back_office_refuses_other_schemes_for_a_document_url():
    from django.core.exceptions import ValidationError

    field = DocumentEvidence._meta.get_field("url")
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.org/a.pdf"):
        with pytest.raises(ValidationError):
            field.clean(url, None)
    assert field.clean("https://example.org/studie.pdf", None) == "https://example.org/studie.pdf"
