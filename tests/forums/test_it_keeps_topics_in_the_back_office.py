"""The back office's topics (snippets "Foren"): a planner opens a topic on a strategic goal
through the one choice "Gegenstand" (stored by the goal's stable key); a subject of another
district is refused; a district's moderator lists and edits only the topics of their district
and is offered only that district; the edit form keeps a subject the current version no
longer has."""

import pytest
from django.urls import reverse

from kek.forums.models import SubjectKind, Topic
from kek.goals.models import StrategicGoal
from kek.projects.models import Project
from kek.regions.models import Region

from .world import topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def leipzig(db):
    return Region.objects.get_or_create(
        ags="14729", defaults={"name": "Leipzig", "level": Region.Level.DISTRICT}
    )[0]


def form(region, title: str, subject: str = "") -> dict:
    return {"district": region.pk, "title": title, "description": "", "subject": subject,
            "opens_at": "", "closes_at": "", "position": 0}  # fmt: skip


def test_a_planner_opens_a_topic_on_a_goal(client, nordsachsen, concept, planner):
    goal = StrategicGoal.objects.get(concept=concept, number="3.2")
    client.force_login(planner)
    add = reverse("wagtailsnippets_forums_topic:add")
    html = client.get(add).content.decode()
    assert f'value="goal:{goal.key}"' in html and f"Ziel {goal}" in html
    response = client.post(add, form(nordsachsen, "Zum Ziel 3.2", f"goal:{goal.key}"))
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Topic.objects.get(title="Zum Ziel 3.2")
    assert (made.subject_kind, made.subject_key) == (SubjectKind.GOAL, goal.key)
    assert made.subject_in(concept) == goal


def test_a_subject_of_another_district_is_refused(client, nordsachsen, leipzig, planner):
    project = Project.objects.filter(region=nordsachsen).first()
    client.force_login(planner)
    response = client.post(
        reverse("wagtailsnippets_forums_topic:add"),
        form(leipzig, "Falscher Landkreis", f"project:{project.key}"),
    )
    assert response.status_code == 200
    assert "Der Gegenstand gehört zu einem anderen Landkreis." in response.content.decode()
    assert not Topic.objects.filter(title="Falscher Landkreis").exists()


def test_a_moderator_sees_and_edits_only_their_district(
    client, nordsachsen, leipzig, moderator, other_moderator
):
    ours = topic(nordsachsen, "Thema in Nordsachsen")
    theirs = topic(leipzig, "Thema in Leipzig")
    client.force_login(moderator)
    listing = client.get(reverse("wagtailsnippets_forums_topic:list")).content.decode()
    assert "Thema in Nordsachsen" in listing and "Thema in Leipzig" not in listing
    add = client.get(reverse("wagtailsnippets_forums_topic:add")).content.decode()
    assert f'<option value="{nordsachsen.pk}"' in add
    assert f'<option value="{leipzig.pk}"' not in add
    edit = reverse("wagtailsnippets_forums_topic:edit", args=[theirs.pk])
    assert client.get(edit).status_code == 302  # refused: to the dashboard
    own = reverse("wagtailsnippets_forums_topic:edit", args=[ours.pk])
    assert client.get(own).status_code == 200


def test_the_form_keeps_a_subject_the_current_version_dropped(
    client, nordsachsen, concept, planner
):
    import datetime as dt

    from kek.goals.versions import Adoption, new_version, publish

    goal = StrategicGoal.objects.get(concept=concept, number="4.2")
    kept = topic(nordsachsen, "Altes Ziel", subject=goal)
    copy = new_version(concept)
    StrategicGoal.objects.get(concept=copy, key=goal.key).delete()
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    client.force_login(planner)
    edit = reverse("wagtailsnippets_forums_topic:edit", args=[kept.pk])
    html = client.get(edit).content.decode()
    assert f'value="goal:{goal.key}" selected' in html
    assert "(nicht in der aktuellen Version)" in html
    response = client.post(edit, form(nordsachsen, "Altes Ziel, neu benannt", f"goal:{goal.key}"))
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.title == "Altes Ziel, neu benannt" and kept.subject_key == goal.key


def test_a_topic_with_comments_is_not_deleted(client, nordsachsen, planner, participant):
    from .world import comment

    discussed = topic(nordsachsen, "Schon diskutiert")
    comment(discussed, participant, "Mein Beitrag bleibt.")
    client.force_login(planner)
    delete = reverse("wagtailsnippets_forums_topic:delete", args=[discussed.pk])
    response = client.post(delete, follow=True)
    assert Topic.objects.filter(pk=discussed.pk).exists()
    assert "lässt sich nicht mehr löschen" in response.content.decode()
    quiet = topic(nordsachsen, "Noch ohne Beiträge")
    client.post(reverse("wagtailsnippets_forums_topic:delete", args=[quiet.pk]))
    assert not Topic.objects.filter(pk=quiet.pk).exists()
