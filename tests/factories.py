"""factory_boy factories for the domain objects."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.regions.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("ags",)

    ags = factory.Sequence(lambda n: f"{99000 + n}")
    name = factory.Sequence(lambda n: f"Landkreis {n}")
    level = Region.Level.DISTRICT
    kind = "Landkreis"


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


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("geheim-123")

    @factory.post_generation
    def groups(self, create, names, **kwargs):
        for name in names or []:
            self.groups.add(Group.objects.get(name=name))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"
        skip_postgeneration_save = True

    concept = factory.SubFactory(ConceptFactory)
    number = factory.Sequence(lambda n: f"P{n:03d}")
    title = factory.Sequence(lambda n: f"Projekt {n}")
    status = "in_progress"

    @factory.post_generation
    def subgoals(self, create, subgoals, **kwargs):
        if subgoals:
            self.subgoals.set(subgoals)


class TargetIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.TargetIndicator"

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "Anzahl"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Measurement"

    indicator = factory.SubFactory(TargetIndicatorFactory)
    date = factory.Sequence(lambda n: __import__("datetime").date(2015 + n % 10, 12, 31))
    value = 1.0


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Milestone"

    project = factory.SubFactory(ProjectFactory)
    date = factory.Sequence(lambda n: __import__("datetime").date(2021, 1 + n % 12, 1))
    title = factory.Sequence(lambda n: f"Meilenstein {n}")


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Resolution"

    region = factory.SubFactory(RegionFactory)
    number = factory.Sequence(lambda n: f"KT/{n:03d}/2021")
    date = __import__("datetime").date(2021, 6, 30)
    title = "Beschluss des Projektkatalogs"
