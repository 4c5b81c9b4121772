"""The project form chooses the project's resolution among its district's agenda items with a
result, newest first (F19, issue 12); an item of another district is refused with a German
message, and a draft keeps the chosen item until it is published."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from kek.committees.models import AgendaItem
from kek.committees.resolutions import record_resolution
from kek.projects.models import Project

from ..regions.factories import RegionFactory
from .admin_forms import project_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(concept):
    return Project.objects.filter(concepts=concept).order_by("number").first()


def edit_url(project: Project) -> str:
    return reverse("wagtailsnippets_projects_project:edit", args=[project.pk])


def offered(page: str) -> list[str]:
    select = page.split('name="resolution"')[1].split("</select>")[0]
    return [re.sub(r"\s+", " ", o).strip() for o in re.findall(r"<option[^>]*>([^<]*)", select)]


def test_the_form_offers_the_districts_resolutions_newest_first(client, planner, project):
    record_resolution(project.region, "Kreisausschuss", dt.date(2023, 9, 4), "Radweg", "", "3")
    item = record_resolution(project.region, "Kreistag", dt.date(2023, 1, 1), "Offen")
    AgendaItem.objects.filter(pk=item.pk).update(result="")  # no result: no resolution
    record_resolution(RegionFactory(), "Kreistag", dt.date(2024, 1, 1), "Anderswo")
    client.force_login(planner)
    page = client.get(edit_url(project)).content.decode()
    assert offered(page) == [
        "– kein Beschluss –",
        "04.09.2023, Kreisausschuss, TOP 3: Radweg (beschlossen)",
        "30.06.2021, Kreistag: Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030 "
        "(beschlossen)",
        "24.03.2021, Kreistag: Kreisentwicklungskonzept Nordsachsen 2030 (unverändert beschlossen)",
    ]


def test_choosing_another_resolution_is_a_draft_until_published(client, planner, project):
    item = record_resolution(project.region, "Kreisausschuss", dt.date(2023, 9, 4), "Radweg")
    old = project.resolution_id
    client.force_login(planner)
    response = client.post(
        edit_url(project), project_form(project, publish=False, resolution=item.pk)
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.resolution_id == old  # the public row
    assert project.latest_revision.content["resolution"] == item.pk
    assert project.latest_revision.as_object().resolution == item
    response = client.post(edit_url(project), project_form(project, resolution=item.pk))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.resolution == item
    assert f"#top-{item.pk}" in client.get(f"/projekte/{project.public_ref}/").content.decode()


def test_an_agenda_item_of_another_district_is_refused(client, planner, project):
    other = record_resolution(RegionFactory(), "Kreistag", dt.date(2024, 1, 1), "Anderswo")
    old = project.resolution_id
    client.force_login(planner)
    response = client.post(edit_url(project), project_form(project, resolution=other.pk))
    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    project.refresh_from_db()
    assert project.resolution_id == old and not project.has_unpublished_changes
