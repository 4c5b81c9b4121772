"""The start page routes what the apps registered, and addresses come from route names."""

import re

import pytest
from django.template import Context, Template

from kek.cms.models import DistrictHomePage
from kek.cms.sections import SECTIONS
from kek.core.registry import goal_panels, nav_groups, navigation, public_routes, start_page
from kek.core.routes import route_path, route_url


@pytest.fixture
def home(nordsachsen):
    return DistrictHomePage.objects.get(region=nordsachsen)


def test_every_registered_route_is_a_route_of_the_start_page():
    names = {pattern.name for pattern in DistrictHomePage.get_subpage_urls()}
    registered = {route.name for route in public_routes}
    assert len(registered) >= 20
    assert registered | {"index_route"} == names


def test_a_registered_route_answers_through_wagtail(client, home):
    response = client.get(route_url("versions", home))
    assert response.status_code == 200
    assert "Versionen" in response.content.decode()


def test_file_routes_end_in_the_file_name(home):
    assert route_path("swot_download", home, "xlsx") == "swot/tabelle.xlsx"
    assert route_url("data_chart_csv", home, code="BEVSTD", name="zeitreihe").endswith(
        "/daten/indikator/BEVSTD/zeitreihe.csv"
    )
    assert route_path("goal_tree", home) == "zielsystem/"


def test_the_route_tag_builds_addresses_from_names(home, rf):
    template = Template('{% route "evaluation_report" 7 %}|{% route "field_dashboard" slug %}')
    html = template.render(Context({"page": home, "slug": "wirtschaft"}))
    assert html == "/evaluierung/7/|/dashboard/wirtschaft/"


def test_navigation_entries_lead_to_registered_routes_in_known_groups():
    entries = list(navigation)
    assert entries, "no navigation entry registered"
    groups = {group.name for group in nav_groups}
    for entry in entries:
        assert entry.group in groups, entry
        assert entry.route in public_routes or entry.route == "index_route", entry


def test_page_parts_have_a_place_that_exists():
    keys = {section.key for section in SECTIONS}
    assert list(start_page) and list(goal_panels)
    assert {part.place for part in start_page} <= keys
    assert {part.place for part in goal_panels} <= {"field", "goal"}


def test_the_start_page_shows_each_section_with_its_parts(client, home):
    html = client.get("/").content.decode()
    starts = list(re.finditer(r'<section aria-labelledby="([a-z]+)" class="kek-section">', html))
    ends = [m.start() for m in starts[1:]] + [len(html)]
    sections = {m.group(1): html[m.start() : end] for m, end in zip(starts, ends, strict=True)}
    for section in SECTIONS:
        assert section.key in sections, section.key
        assert f'href="#{section.key}"' in html, section.key
    # parts of two apps in the SWOT section, of one app in the catalogue section
    assert 'href="/swot/"' in sections["swot"] and 'href="/daten/"' in sections["swot"]
    assert "kek-swot-matrix" in sections["swot"]
    assert 'href="/projekte/"' in sections["projektkatalog"]
    # sections no app fills yet say what will come; filled ones do not
    assert "Noch nicht verfügbar" not in sections["endbericht"]  # the documents
    assert "Noch nicht verfügbar" not in sections["projektverlauf"]  # the process timeline
    assert "Noch nicht verfügbar" not in sections["projektkatalog"]
