"""The forum overview (beteiligung/foren/, route "forums"): open and closed topics in their own
sections, each with its phase label, its subject and the number of its visible comments only
(pending, hidden and deleted ones do not count); a fixed number of queries however many
topics it lists. The navigation's group "Beteiligung" links it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kek.goals.models import StrategicGoal
from kek.participation.models import CommentState

from .world import closed, comment, topic

pytestmark = pytest.mark.django_db


def page(client) -> str:
    response = client.get("/beteiligung/foren/")
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_open_and_closed_topics_are_listed_apart_with_visible_comment_counts(
    client, nordsachsen, concept, participant
):
    goal = StrategicGoal.objects.get(concept=concept, number="2.1")
    running = topic(nordsachsen, "Radwege im Landkreis", subject=goal, position=1)
    ended = closed(nordsachsen, "Busverbindungen am Wochenende")
    for state in (CommentState.VISIBLE, CommentState.VISIBLE, CommentState.PENDING,
                  CommentState.HIDDEN, CommentState.DELETED):  # fmt: skip
        comment(running, participant, state=state)
    comment(ended, participant)

    html = page(client)
    open_part = section(html, "offene-themen")
    closed_part = section(html, "abgeschlossene-themen")
    assert f'href="/beteiligung/foren/{running.pk}/">Radwege im Landkreis</a>' in open_part
    assert "Busverbindungen" not in open_part
    assert f'href="/beteiligung/foren/{ended.pk}/">Busverbindungen am Wochenende</a>' in closed_part
    assert "Radwege" not in closed_part
    radwege = open_part[open_part.index("Radwege im Landkreis") :]
    assert "2 Kommentare" in radwege.split("</li>")[0]
    assert "Beteiligung offen" in radwege.split("</li>")[0]
    assert f">{goal.number} {goal.title}</a>" in radwege.split("</li>")[0]
    bus = closed_part[closed_part.index("Busverbindungen") :].split("</li>")[0]
    assert "1 Kommentar" in bus and "1 Kommentare" not in bus
    assert "Beteiligung beendet" in bus


def test_a_topic_not_yet_open_is_listed_with_the_open_ones(client, nordsachsen):
    later = topic(nordsachsen, "Ab nächster Woche", opens_at=timezone.now() + timedelta(days=7))
    open_part = section(page(client), "offene-themen")
    assert f"/beteiligung/foren/{later.pk}/" in open_part
    assert "Beteiligung noch nicht eröffnet" in open_part


def test_the_example_topic_of_the_default_content_is_listed_and_marked(client, nordsachsen):
    html = section(page(client), "offene-themen")
    assert "Wie gewinnt Nordsachsen Fachkräfte für seine Unternehmen?" in html
    assert "Beispielinhalt" in html


def test_the_navigation_links_the_forums(client, nordsachsen):
    html = client.get("/").content.decode()
    assert 'href="/beteiligung/foren/"' in html
    assert ">Foren</a>" in html


def test_the_queries_do_not_grow_with_the_topics(client, nordsachsen, participant):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page(client)
        return len(captured.captured_queries)

    goals = list(
        StrategicGoal.objects.filter(concept__region=nordsachsen, concept__is_current=True)
    )
    comment(topic(nordsachsen, "Erstes", subject=goals[0]), participant)
    queries()  # caches warm
    before = queries()
    for n in range(4):
        comment(topic(nordsachsen, f"Weiteres {n}", subject=goals[n + 1]), participant)
        closed(nordsachsen, f"Beendet {n}")
    assert queries() == before
