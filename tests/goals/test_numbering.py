import pytest

from kek.goals.models import StrategicGoal

from .factories import FieldOfActionFactory, StrategicGoalFactory, SubGoalFactory

pytestmark = pytest.mark.django_db


def numbers(field):
    return list(field.goals.order_by("position").values_list("number", flat=True))


def test_it_numbers_fields_goals_and_subgoals_in_order():
    first = FieldOfActionFactory()
    second = FieldOfActionFactory(concept=first.concept)
    goal = StrategicGoalFactory(field=second)
    sub_a = SubGoalFactory(goal=goal)
    sub_b = SubGoalFactory(goal=goal)
    assert (first.number, second.number, goal.number) == ("1", "2", "2.1")
    assert (sub_a.number, sub_b.number) == ("2.1.1", "2.1.2")


def test_it_renumbers_siblings_when_a_goal_is_deleted():
    field = FieldOfActionFactory()
    goals = [StrategicGoalFactory(field=field) for _ in range(3)]
    sub = SubGoalFactory(goal=goals[2])
    goals[0].delete()
    assert numbers(field) == ["1.1", "1.2"]
    sub.refresh_from_db()
    assert sub.number == "1.2.1"


def test_it_follows_a_changed_position():
    field = FieldOfActionFactory()
    first, second = StrategicGoalFactory(field=field), StrategicGoalFactory(field=field)
    first.position = second.position + 1
    first.save()
    assert StrategicGoal.objects.get(pk=first.pk).number == "1.2"
    assert StrategicGoal.objects.get(pk=second.pk).number == "1.1"


def test_numbers_start_again_in_each_field():
    field = FieldOfActionFactory()
    other = FieldOfActionFactory(concept=field.concept)
    StrategicGoalFactory(field=field)
    goal = StrategicGoalFactory(field=other)
    assert goal.number == "2.1"


def test_slugs_are_generated_once_and_stay_stable():
    goal = StrategicGoalFactory(title="Fachkräfte sichern")
    goal.title = "Fachkräfte gewinnen"
    goal.save()
    goal.refresh_from_db()
    assert goal.slug == "fachkraefte-sichern"


def test_slugs_are_unique_within_a_concept_level():
    field = FieldOfActionFactory()
    a = StrategicGoalFactory(field=field, title="Bildung")
    b = StrategicGoalFactory(field=FieldOfActionFactory(concept=field.concept), title="Bildung")
    assert (a.slug, b.slug) == ("bildung", "bildung-2")
