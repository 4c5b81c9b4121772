"""The goal system in the Wagtail back office, through HTTP as the planner (F2, F3)."""

import html

import pytest
from django.urls import reverse

from kek.core.changes import entries
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import new_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner_client(client, planner):
    """The test client, signed in as the planner."""
    client.force_login(planner)
    return client


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def goal_form(goal: StrategicGoal, **changes) -> dict:
    """The snippet form of a strategic goal as the edit page sends it, with `changes`."""
    data = {
        "field": goal.field_id,
        "title": goal.title,
        "description": goal.description,
        "position": goal.position,
        "slug": goal.slug,
        "sdgs": list(goal.sdgs.values_list("pk", flat=True)),
    }
    if goal.is_example:
        data["is_example"] = "on"
    return {**data, **changes}


def numbers(model, **filters) -> list[tuple[str, str]]:
    return list(
        model.objects.filter(**filters).order_by("position", "id").values_list("number", "title")
    )


@pytest.fixture
def draft(concept):
    """The Fortschreibung the planner works on: only a draft changes (issue 11)."""
    return new_version(concept)


def keys(concept: Concept) -> dict[str, set]:
    return {
        model.__name__: set(model.objects.filter(concept=concept).values_list("key", flat=True))
        for model in (FieldOfAction, StrategicGoal, SubGoal)
    }


# ----------------------------------------------------------------------------- goals


def test_a_goal_added_through_the_snippet_form_is_numbered_and_shown_with_its_version(
    planner_client, concept, draft
):
    field = FieldOfAction.objects.get(concept=draft, number="1")
    assert field.goals.count() == 3
    url = reverse("wagtailsnippets_goals_strategicgoal:add")
    assert "Strategisches Ziel" in text(planner_client.get(url))

    response = planner_client.post(
        url,
        {
            "field": field.pk,
            "title": "Wasserstoffwirtschaft aufbauen",
            "description": "",
            "position": 0,  # the form's default: append after the last goal of the field
            "slug": "",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_goals_strategicgoal:list")
    goal = StrategicGoal.objects.get(title="Wasserstoffwirtschaft aufbauen")
    assert (goal.number, goal.concept, goal.slug) == (
        "1.4",
        draft,
        "wasserstoffwirtschaft-aufbauen",
    )
    assert "Wasserstoffwirtschaft aufbauen" in text(planner_client.get("/versionen/2/"))
    # The public adopted version is not changed by the draft (issue 11).
    assert "Wasserstoffwirtschaft aufbauen" not in text(planner_client.get("/zielsystem/"))
    assert not StrategicGoal.objects.filter(concept=concept, title__startswith="Wasser").exists()


def test_editing_a_goal_records_who_changed_the_title_and_shows_it_on_the_edit_page(
    planner_client, draft
):
    goal = StrategicGoal.objects.get(concept=draft, number="1.2")
    old_title = goal.title
    url = reverse("wagtailsnippets_goals_strategicgoal:edit", args=[goal.pk])

    response = planner_client.post(url, goal_form(goal, title="Innovation gezielt fördern"))

    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.number) == ("Innovation gezielt fördern", "1.2")
    record = goal.history.latest("history_date")
    assert record.history_type == "~"
    assert record.history_user.username == "planerin"
    assert record.prev_record.title == old_title

    page = text(planner_client.get(url))
    panel = page[page.index("<span data-panel-heading-text>Änderungsverlauf</span>") :]
    rows = panel[panel.index("<tbody>") :]
    newest = rows[: rows.index("</tr>")]
    assert "<td>planerin</td>" in newest
    assert "geändert" in newest
    assert f"<strong>Titel:</strong> „{old_title}“ → „Innovation gezielt fördern“" in newest


def test_editing_only_the_title_records_only_the_title(planner_client, draft):
    goal = StrategicGoal.objects.get(concept=draft, number="1.2")
    assert goal.sdgs.exists()
    old_title = goal.title
    url = reverse("wagtailsnippets_goals_strategicgoal:edit", args=[goal.pk])
    planner_client.post(url, goal_form(goal, title="Innovation gezielt fördern"))
    assert entries(goal)[0].changes == [("Titel", old_title, "Innovation gezielt fördern")]


def test_deleting_a_goal_renumbers_its_siblings_and_their_subgoals(planner_client, draft):
    field = FieldOfAction.objects.get(concept=draft, number="1")
    first, second, third = field.goals.order_by("position")
    url = reverse("wagtailsnippets_goals_strategicgoal:delete", args=[first.pk])
    assert first.title in text(planner_client.get(url))

    response = planner_client.post(url)

    assert response.status_code == 302
    assert not StrategicGoal.objects.filter(pk=first.pk).exists()
    assert numbers(StrategicGoal, field=field) == [("1.1", second.title), ("1.2", third.title)]
    assert {number for number, _ in numbers(SubGoal, goal=second)} == {"1.1.1", "1.1.2"}
    assert {number for number, _ in numbers(SubGoal, goal=third)} == {"1.2.1", "1.2.2"}
    # Other fields keep their numbers.
    assert StrategicGoal.objects.filter(concept=draft, number="2.3").exists()


# ----------------------------------------------------------------------------- versions


def test_new_version_asks_for_confirmation_before_copying(planner_client, concept):
    url = reverse("kek_new_version", args=[concept.pk])
    page = text(planner_client.get(url))
    assert "Neue Version anlegen" in page
    assert "als Entwurf angelegt" in page
    assert '<form method="post">' in page
    assert Concept.objects.filter(region=concept.region).count() == 1


def test_new_version_creates_version_2_as_draft_with_the_same_goal_keys(planner_client, concept):
    response = planner_client.post(reverse("kek_new_version", args=[concept.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_goals_concept:list")
    copy = Concept.objects.get(region=concept.region, version=2)
    assert (copy.status, copy.is_current, copy.predecessor) == ("draft", False, concept)
    assert keys(copy) == keys(concept)
    assert len(keys(copy)) == 3 and all(keys(copy).values())
    assert copy.history.latest("history_date").history_user.username == "planerin"
    listing = text(planner_client.get(response["Location"]))
    assert "Version 2 wurde als Entwurf angelegt." in listing


def test_a_draft_version_is_visible_to_the_planner_only(client, planner, concept):
    client.force_login(planner)
    client.post(reverse("kek_new_version", args=[concept.pk]))
    assert "Sie sehen Version 2." in text(client.get("/versionen/2/"))
    assert 'href="/versionen/2/"' in text(client.get("/versionen/"))

    client.logout()
    assert client.get("/versionen/2/").status_code == 404
    assert 'href="/versionen/2/"' not in text(client.get("/versionen/"))
    assert 'href="/versionen/1/"' in text(client.get("/versionen/"))


def test_publishing_version_2_makes_it_current_and_supersedes_version_1(planner_client, concept):
    planner_client.post(reverse("kek_new_version", args=[concept.pk]))
    copy = Concept.objects.get(region=concept.region, version=2)
    url = reverse("kek_publish_version", args=[copy.pk])
    page = text(planner_client.get(url))
    assert "Version 2 veröffentlichen" in page and "Was sich für die Öffentlichkeit ändert" in page
    # Without the explicit confirmation and the adoption nothing is published.
    refused = planner_client.post(url, {"adopted_by": "Kreistag"})
    assert refused.status_code == 400
    assert "Bitte bestätigen Sie" in refused.content.decode()
    refused = planner_client.post(url, {"confirm": "on", "adopted_by": "Kreistag"})
    assert "Bitte geben Sie den Beschluss an" in refused.content.decode()
    copy.refresh_from_db()
    assert not copy.is_current and copy.status == Concept.Status.DRAFT

    response = planner_client.post(
        url,
        {"confirm": "on", "adopted_on": "2026-11-30", "adopted_by": "Kreistag",
         "resolution_number": "KT/2026/17"},
    )  # fmt: skip

    assert response.status_code == 302
    concept.refresh_from_db()
    copy.refresh_from_db()
    assert (copy.is_current, copy.status) == (True, Concept.Status.ADOPTED)
    assert (copy.adopted_by, copy.resolution_number) == ("Kreistag", "KT/2026/17")
    assert (concept.is_current, concept.status) == (False, Concept.Status.SUPERSEDED)
    listing = text(planner_client.get(response["Location"]))
    assert "Version 2 ist beschlossen und jetzt die aktuelle, öffentliche Version." in listing
    # Version 2 is no longer a draft: the public sees it too.
    planner_client.logout()
    assert 'href="/versionen/2/"' in text(planner_client.get("/versionen/"))


def test_the_version_listing_shows_both_actions_to_the_planner(planner_client, concept):
    planner_client.post(reverse("kek_new_version", args=[concept.pk]))
    copy = Concept.objects.get(region=concept.region, version=2)

    listing = text(planner_client.get(reverse("wagtailsnippets_goals_concept:list")))

    assert "Neue Version daraus anlegen" in listing
    assert "Veröffentlichen …" in listing and "Vorschau der Fortschreibung" in listing
    assert reverse("kek_new_version", args=[concept.pk]) in listing
    assert reverse("kek_new_version", args=[copy.pk]) in listing
    assert reverse("kek_publish_version", args=[copy.pk]) in listing
    # The adopted version is not offered for publishing again.
    assert reverse("kek_publish_version", args=[concept.pk]) not in listing
