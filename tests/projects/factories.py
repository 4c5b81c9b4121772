"""factory_boy factories of kek.projects."""

import datetime

import factory

from ..goals.factories import ConceptFactory
from ..regions.factories import RegionFactory


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Project"
        skip_postgeneration_save = True

    concept = factory.SubFactory(ConceptFactory)
    region = factory.SelfAttribute("concept.region")
    number = factory.Sequence(lambda n: f"P{n:03d}")
    title = factory.Sequence(lambda n: f"Projekt {n}")
    status = "in_progress"

    @classmethod
    def _create(cls, model_class, *args, concept=None, **kwargs):
        """A project of `concept`'s district, listed in that version's catalogue."""
        project = super()._create(model_class, *args, **kwargs)
        concept.projects.add(project)
        return project

    @factory.post_generation
    def subgoals(self, create, subgoals, **kwargs):
        if subgoals:
            for subgoal in subgoals:  # a parental field would wait for a save
                subgoal.projects.add(self)


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
    date = factory.Sequence(lambda n: datetime.date(2015 + n % 10, 12, 31))
    value = 1.0


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.Milestone"

    project = factory.SubFactory(ProjectFactory)
    date = factory.Sequence(lambda n: datetime.date(2021, 1 + n % 12, 1))
    title = factory.Sequence(lambda n: f"Meilenstein {n}")


def ResolutionFactory(  # noqa: N802 – used like the factories around it
    region=None,
    number: str = "",
    date: datetime.date = datetime.date(2021, 6, 30),
    title: str = "Beschluss des Projektkatalogs",
    body: str = "Kreistag",
    result: str = "",
):
    """A resolution: the agenda item of a Kreistag meeting (committees.record_resolution)."""
    from kek.committees.resolutions import record_resolution

    return record_resolution(
        region or RegionFactory(), body, date, title, result=result, reference=number
    )
