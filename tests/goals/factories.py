"""factory_boy factories of kek.goals."""

import factory

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal

from ..regions.factories import RegionFactory


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concept

    region = factory.SubFactory(RegionFactory)
    title = factory.LazyAttribute(lambda o: f"KEK {o.region.name} 2030")
    version = 1
    status = Concept.Status.ADOPTED
    is_current = True


class FieldOfActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfAction

    concept = factory.SubFactory(ConceptFactory)
    title = factory.Sequence(lambda n: f"Handlungsfeld Thema {n}")
    vision = factory.Sequence(lambda n: f"Leitbild Nummer {n}")


class StrategicGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    field = factory.SubFactory(FieldOfActionFactory)
    title = factory.Sequence(lambda n: f"Strategisches Ziel {n}")


class SubGoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubGoal

    goal = factory.SubFactory(StrategicGoalFactory)
    title = factory.Sequence(lambda n: f"Teilziel {n}")
