import datetime as dt

import pytest

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import Adoption, new_version, publish

pytestmark = pytest.mark.django_db


def contents(concept):
    return {
        model.__name__: sorted(
            model.objects.filter(concept=concept).values_list("key", "number", "title", "slug")
        )
        for model in (FieldOfAction, StrategicGoal, SubGoal)
    }


def test_a_new_version_copies_the_whole_tree_with_the_same_keys(concept, planner):
    copy = new_version(concept, planner)
    assert (copy.version, copy.status, copy.is_current) == (2, "draft", False)
    assert copy.predecessor == concept
    assert contents(copy) == contents(concept)
    field = FieldOfAction.objects.get(concept=copy, number="1")
    assert list(field.sdgs.values_list("number", flat=True)) == [8, 9]
    assert copy.history.latest().history_user == planner


def test_changing_the_copy_leaves_the_original_alone(concept):
    copy = new_version(concept)
    goal = StrategicGoal.objects.get(concept=copy, number="1.1")
    goal.title = "Neu formuliert"
    goal.save()
    assert StrategicGoal.objects.get(concept=concept, number="1.1").title != "Neu formuliert"


def test_making_a_version_current_supersedes_the_adopted_one(concept):
    copy = new_version(concept)
    publish(copy, adoption=Adoption(dt.date(2026, 11, 30), "Kreistag"))
    concept.refresh_from_db()
    copy.refresh_from_db()
    assert copy.is_current and copy.status == Concept.Status.ADOPTED
    assert (copy.adopted_on, copy.adopted_by) == (dt.date(2026, 11, 30), "Kreistag")
    assert not concept.is_current and concept.status == Concept.Status.SUPERSEDED
    assert Concept.objects.filter(region=concept.region, is_current=True).count() == 1
