"""A concept version, the Projektkatalog and a project page say which resolution adopted them:
"beschlossen am … in der Sitzung des Kreistags (TOP …)", linked to the agenda item on its
meeting page; an agenda item the visitor may not see is named by day and committee only
(F19, issue 12)."""

import datetime as dt
import re

import pytest

from kek.committees.models import AgendaItem, Meeting
from kek.committees.resolutions import record_resolution
from kek.projects.models import Project

pytestmark = pytest.mark.django_db


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", response.content.decode())


def link(item: AgendaItem) -> str:
    return f'href="/sitzungen/{item.meeting_id}/#top-{item.pk}"'


def a_project(concept) -> Project:
    return Project.objects.filter(concepts=concept).order_by("number").first()


def test_the_version_pages_name_the_kreistags_adoption(client, concept):
    item = concept.adoption
    sentence = (
        'unverändert beschlossen am <time datetime="2021-03-24">24.03.2021</time> in der '
        "Sitzung des Kreistags</a>"
    )
    for url in ("/zielsystem/", "/versionen/1/", "/versionen/"):
        page = html(client, url)
        assert f'<a class="kern-link" {link(item)}>{sentence}' in page, url
    meeting = html(client, f"/sitzungen/{item.meeting_id}/")
    assert f'id="top-{item.pk}"' in meeting  # the anchor exists


def test_the_catalogue_and_a_project_page_name_the_catalogues_resolution(client, concept):
    item = AgendaItem.objects.get(meeting__start__date="2021-06-30", body__region=concept.region)
    sentence = (
        f'<a class="kern-link" {link(item)}>beschlossen am <time datetime="2021-06-30">'
        "30.06.2021</time> in der Sitzung des Kreistags</a>"
    )
    catalogue = html(client, "/projekte/")
    assert f"Der Projektkatalog wurde {sentence}." in catalogue
    project = a_project(concept)
    page = html(client, f"/projekte/{project.public_ref}/")
    assert f"{sentence}: Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030" in page


def test_the_top_and_the_resolution_number_are_named_when_known(client, concept):
    project = a_project(concept)
    item = record_resolution(
        concept.region, "Kreistag", dt.date(2022, 2, 9), "Nachfolgebörse", "beschlossen", "5",
        reference="KT/2022/031",
    )  # fmt: skip
    Project.objects.filter(pk=project.pk).update(resolution=item)
    page = html(client, f"/projekte/{project.public_ref}/")
    assert (
        f'<a class="kern-link" {link(item)}>beschlossen am <time datetime="2022-02-09">09.02.2022'
        "</time> in der Sitzung des Kreistags (TOP 5)</a>, Beschluss Nr. KT/2022/031: "
        "Nachfolgebörse"
    ) in page


def test_a_non_public_item_is_named_by_day_and_committee_only(client, concept, planner):
    item = concept.adoption
    AgendaItem.objects.filter(pk=item.pk).update(public=False, number="4")
    page = html(client, "/versionen/1/")
    assert link(item) not in page and "TOP 4" not in page
    assert "beschlossen am <time datetime=\"2021-03-24\">24.03.2021</time> in der Sitzung des " \
        "Kreistags)" in page  # fmt: skip
    assert "unverändert beschlossen am" not in page  # the result is the item's, not public
    client.force_login(planner)  # planners see every agenda item
    assert link(item) in html(client, "/versionen/1/")


def test_an_item_of_a_non_public_meeting_is_not_linked(client, concept):
    project = a_project(concept)
    item = project.resolution
    Meeting.objects.filter(pk=item.meeting_id).update(public=False)
    for url in ("/projekte/", f"/projekte/{project.public_ref}/"):
        page = html(client, url)
        assert link(item) not in page and "Sitzung des Kreistags" in page
        assert "Kreistags: Projektkatalog zum" not in page  # the subject only where visible
