"""Issue 11: an adopted version is a record in the back office. A planner's edit, delete or new
goal in it is refused on the server with the German reason and changes nothing; the goal is
shown read-only with the way on (the same goal in the working draft, or a new version)."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from kek.committees.resolutions import record_resolution
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import new_version

from .test_admin import goal_form

pytestmark = pytest.mark.django_db

REASON = "Version 1 ist beschlossen und kann nicht mehr geändert werden."


@pytest.fixture
def planner_client(client, planner):
    client.force_login(planner)
    return client


@pytest.fixture
def goal(concept):
    return StrategicGoal.objects.get(concept=concept, number="1.2")


def page(response) -> str:
    return html.unescape(response.content.decode())


def select(form: str, name: str) -> str:
    """The <select name=…> element of a form page."""
    start = form.index(f'<select name="{name}"')
    return form[start : form.index("</select>", start)]


def url(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_goals_{model._meta.model_name}:{action}", args=args)


def test_it_refuses_a_planners_edit_of_a_goal_of_the_adopted_version(planner_client, goal):
    old_title, records = goal.title, goal.history.count()

    response = planner_client.post(url(StrategicGoal, "edit", goal.pk), goal_form(goal, title="X"))

    assert response.status_code == 403
    assert REASON in page(response)
    goal.refresh_from_db()
    assert goal.title == old_title
    assert goal.history.count() == records


def test_it_shows_the_goal_read_only_with_the_reason_and_a_new_version_button(
    planner_client, goal, concept
):
    response = planner_client.get(url(StrategicGoal, "edit", goal.pk))
    inspect = url(StrategicGoal, "inspect", goal.pk)
    assert response.status_code == 302 and response["Location"] == inspect

    shown = page(planner_client.get(inspect))
    assert REASON in shown and goal.title in shown
    assert ">Neue Version daraus anlegen</a>" in shown
    assert f'href="{reverse("kek_new_version", args=[concept.pk])}?next=' in shown
    assert f'href="{url(StrategicGoal, "edit", goal.pk)}"' not in shown
    assert f'href="{url(StrategicGoal, "delete", goal.pk)}"' not in shown


def test_after_the_new_version_the_goal_leads_to_its_copy_in_the_draft(
    planner_client, goal, concept
):
    inspect = url(StrategicGoal, "inspect", goal.pk)
    created = planner_client.post(f"{reverse('kek_new_version', args=[concept.pk])}?next={inspect}")
    assert created["Location"] == inspect
    copy = StrategicGoal.objects.get(concept__version=2, key=goal.key)

    shown = page(planner_client.get(inspect))
    assert f'href="{url(StrategicGoal, "edit", copy.pk)}"' in shown
    assert "Im Entwurf (Version 2) bearbeiten" in shown
    assert ">Neue Version daraus anlegen</a>" not in shown

    data = goal_form(copy, title="In der Fortschreibung geändert")
    response = planner_client.post(url(StrategicGoal, "edit", copy.pk), data)
    assert response.status_code == 302
    copy.refresh_from_db()
    goal.refresh_from_db()
    assert copy.title == "In der Fortschreibung geändert"
    assert goal.title != copy.title


@pytest.mark.parametrize("model", [FieldOfAction, StrategicGoal, SubGoal])
def test_it_refuses_deleting_an_object_of_the_adopted_version(planner_client, concept, model):
    obj = model.objects.filter(concept=concept).first()
    assert planner_client.get(url(model, "delete", obj.pk))["Location"] == url(
        model, "inspect", obj.pk
    )
    response = planner_client.post(url(model, "delete", obj.pk))
    assert response.status_code == 403 and REASON in page(response)
    assert model.objects.filter(pk=obj.pk).exists()


def test_bulk_deletion_leaves_the_adopted_version_alone(planner_client, concept):
    ids = list(SubGoal.objects.filter(concept=concept).values_list("pk", flat=True)[:2])
    bulk = reverse("wagtail_bulk_action", args=["goals", "subgoal", "delete"])
    planner_client.post(f"{bulk}?{'&'.join(f'id={pk}' for pk in ids)}", {})
    assert SubGoal.objects.filter(pk__in=ids).count() == 2


def test_the_add_form_offers_only_fields_of_a_draft_and_refuses_others(planner_client, concept):
    adopted = FieldOfAction.objects.filter(concept=concept).first()
    form = page(planner_client.get(url(StrategicGoal, "add")))
    assert f'<option value="{adopted.pk}"' not in select(form, "field")
    assert "Zurzeit ist keine Version im Entwurf" in form

    data = {"field": adopted.pk, "title": "Neu im Beschluss", "description": "", "position": 0,
            "slug": ""}  # fmt: skip
    response = planner_client.post(url(StrategicGoal, "add"), data)
    assert response.status_code == 200
    assert not StrategicGoal.objects.filter(title="Neu im Beschluss").exists()

    draft = new_version(concept)
    field = FieldOfAction.objects.get(concept=draft, key=adopted.key)
    choices = select(page(planner_client.get(url(StrategicGoal, "add"))), "field")
    assert f'<option value="{field.pk}">{field} – {draft.title}, Version 2</option>' in choices
    assert f'<option value="{adopted.pk}"' not in choices
    response = planner_client.post(url(StrategicGoal, "add"), {**data, "field": field.pk})
    assert response.status_code == 302
    assert StrategicGoal.objects.get(title="Neu im Beschluss").concept == draft


def test_a_goal_of_the_draft_cannot_move_into_the_adopted_version(planner_client, concept):
    draft = new_version(concept)
    moving = StrategicGoal.objects.filter(concept=draft).first()
    adopted_field = FieldOfAction.objects.filter(concept=concept).first()
    response = planner_client.post(
        url(StrategicGoal, "edit", moving.pk), goal_form(moving, field=adopted_field.pk)
    )
    assert response.status_code == 200  # the form again, with the error
    moving.refresh_from_db()
    assert moving.concept == draft


def test_the_listing_opens_adopted_goals_read_only_and_draft_goals_for_editing(
    planner_client, concept
):
    draft = new_version(concept)
    old = StrategicGoal.objects.filter(concept=concept).first()
    new = StrategicGoal.objects.get(concept=draft, key=old.key)
    listing = page(planner_client.get(url(StrategicGoal, "list")))
    assert f'href="{url(StrategicGoal, "inspect", old.pk)}"' in listing
    assert f'href="{url(StrategicGoal, "edit", old.pk)}"' not in listing
    assert f'href="{url(StrategicGoal, "edit", new.pk)}"' in listing


def test_an_adopted_version_records_its_note_but_not_a_new_title_or_the_draft_status(
    planner_client, concept
):
    """Its adoption is a link to an agenda item, changed only by "Beschluss verknüpfen …"
    (tests/goals/test_link_adoption.py): the edit form shows it and ignores a posted one."""
    adoption = concept.adoption
    other = record_resolution(concept.region, "Kreistag", dt.date(2021, 3, 24), "Anderer TOP")
    data = {
        "region": concept.region_id, "title": "Umbenannt", "horizon_year": 2040,
        "version": 7, "status": Concept.Status.DRAFT, "adoption": other.pk,
        "version_note": "Nachgetragen",
    }  # fmt: skip
    response = planner_client.post(url(Concept, "edit", concept.pk), data)
    assert response.status_code == 200  # "draft" is no choice any more
    concept.refresh_from_db()
    assert concept.version_note != "Nachgetragen"

    response = planner_client.post(
        url(Concept, "edit", concept.pk), {**data, "status": Concept.Status.ADOPTED}
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.version_note == "Nachgetragen"
    assert concept.adoption == adoption
    assert (concept.title, concept.horizon_year, concept.version, concept.status) == (
        "KEK Nordsachsen 2030",
        2030,
        1,
        Concept.Status.ADOPTED,
    )
    response = planner_client.post(url(Concept, "delete", concept.pk))
    assert response.status_code == 403 and REASON in page(response)
    assert Concept.objects.filter(pk=concept.pk).exists()


def test_the_rules_answer_per_object(planner, concept):
    goal = StrategicGoal.objects.filter(concept=concept).first()
    assert planner.has_perm("goals.change_strategicgoal")
    assert not planner.has_perm("goals.change_strategicgoal", goal)
    assert not planner.has_perm("goals.delete_concept", concept)
    copy = StrategicGoal.objects.get(concept=new_version(concept), key=goal.key)
    assert planner.has_perm("goals.change_strategicgoal", copy)
