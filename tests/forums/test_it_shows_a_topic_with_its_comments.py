"""A topic's page (beteiligung/foren/<pk>/, route "topic"): title, phase, the description as
plain text (escaped, links clickable), the link to its subject in the current version, and
the comment thread of the participation base with its form for a signed-in participant while
the phase is open. Another district's topic is not found."""

import pytest
from django.utils.html import escape

from kek.goals.models import FieldOfAction
from kek.participation.models import CommentState
from kek.projects.models import Project
from kek.regions.models import Region

from .world import closed, comment, topic

pytestmark = pytest.mark.django_db


def page(client, obj) -> str:
    response = client.get(f"/beteiligung/foren/{obj.pk}/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_page_shows_description_subject_and_visible_comments(
    client, nordsachsen, concept, participant
):
    field = FieldOfAction.objects.get(concept=concept, number="1")
    description = "Erste Zeile\n<script>alert(1)</script> https://example.org/x"
    found = topic(nordsachsen, "Wirtschaft im Wandel", subject=field, description=description)
    comment(found, participant, "Mehr Gewerbeflächen an der B87, bitte.")
    comment(found, participant, "Noch nicht freigegeben.", state=CommentState.PENDING)

    html = page(client, found)
    assert '<h1 class="kern-heading-x-large">Wirtschaft im Wandel' in html
    assert "Beteiligung offen" in html
    assert f'href="/handlungsfelder/{field.slug}/">{escape(field)}</a>' in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="https://example.org/x"' in html and 'rel="nofollow ugc"' in html
    assert "Mehr Gewerbeflächen an der B87, bitte." in html
    assert "Noch nicht freigegeben." not in html
    assert "Kommentare (1)" in html


def test_a_signed_in_participant_finds_the_comment_form(client, nordsachsen, participant):
    found = topic(nordsachsen)
    client.force_login(participant)
    html = page(client, found)
    assert f'action="/beteiligung/forums-topic/{found.pk}/kommentieren/"' in html


def test_a_closed_topic_is_readable_without_a_form(client, nordsachsen, participant):
    found = closed(nordsachsen)
    comment(found, participant, "Aus der Zeit der Beteiligung.")
    client.force_login(participant)
    html = page(client, found)
    assert "Aus der Zeit der Beteiligung." in html
    assert "Beteiligung beendet" in html
    assert "kommentieren/" not in html


def test_a_general_topic_says_so_and_a_project_topic_links_the_project(
    client, nordsachsen, concept
):
    assert "allgemeines Thema" in page(client, topic(nordsachsen))
    project = Project.objects.filter(region=nordsachsen, concepts=concept).first()
    html = page(client, topic(nordsachsen, "Zum Projekt", subject=project))
    assert f'href="/projekte/{project.public_ref}/">' in html


def test_another_districts_topic_is_not_found(client, nordsachsen):
    leipzig, _ = Region.objects.get_or_create(
        ags="14729", defaults={"name": "Leipzig", "level": Region.Level.DISTRICT}
    )
    elsewhere = topic(leipzig, "In Leipzig")
    assert client.get(f"/beteiligung/foren/{elsewhere.pk}/").status_code == 404
