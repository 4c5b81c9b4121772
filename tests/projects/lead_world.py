"""A small district for the project leads' tests: two projects, each with its own lead."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from kek.cms.models import DistrictHomePage
from kek.cms.sites import ensure_site
from kek.goals.models import Concept
from kek.projects.models import Milestone, Project, TargetIndicator

from ..accounts.factories import UserFactory
from ..goals.factories import ConceptFactory
from ..regions.factories import RegionFactory
from .factories import MeasurementFactory, ProjectFactory, TargetIndicatorFactory


@dataclass
class LeadWorld:
    home: DistrictHomePage
    concept: Concept
    project: Project
    indicator: TargetIndicator
    milestone: Milestone
    lead: AbstractBaseUser
    other_project: Project
    other_indicator: TargetIndicator
    other_milestone: Milestone
    other_lead: AbstractBaseUser

    def update_url(self, project: Project | None = None) -> str:
        project = project or self.project
        return f"{self.home.url}projekte/{project.public_ref}/aktualisieren/"

    def project_url(self, project: Project | None = None) -> str:
        return f"{self.home.url}projekte/{(project or self.project).public_ref}/"


def build_world() -> LeadWorld:
    region = RegionFactory(name="Landkreis Prüfhausen")
    concept = ConceptFactory(region=region, title="KEK Prüfhausen 2030")
    home = ensure_site(region, "localhost", {"title": "KEK Prüfhausen", "slug": "kek-pruef"}, [])
    lead = UserFactory(username="radwegamt")
    other_lead = UserFactory(username="schulamt")
    project = ProjectFactory(concept=concept, number="1.1", title="Radweg an der Mulde")
    lead.led_projects.add(project)
    other = ProjectFactory(concept=concept, number="1.2", title="Breitband für Schulen")
    other_lead.led_projects.add(other)
    # Increase desired from 10 km (2020) to 30 km in 2030; 12 km by 2022 is too slow.
    indicator = TargetIndicatorFactory(
        project=project,
        title="Fertiggestellte Radwege",
        unit="km",
        baseline_value=10,
        baseline_year=2020,
        target_value=30,
        target_year=2030,
    )
    MeasurementFactory(indicator=indicator, date=dt.date(2022, 12, 31), value=12)
    other_indicator = TargetIndicatorFactory(project=other, title="Angeschlossene Schulen")
    milestone = Milestone.objects.create(
        project=project, date=dt.date(2025, 3, 31), title="Planfeststellung"
    )
    other_milestone = Milestone.objects.create(
        project=other, date=dt.date(2025, 6, 30), title="Ausschreibung"
    )
    return LeadWorld(
        home=home,
        concept=concept,
        project=project,
        indicator=indicator,
        milestone=milestone,
        lead=lead,
        other_project=other,
        other_indicator=other_indicator,
        other_milestone=other_milestone,
        other_lead=other_lead,
    )


def milestone_data(world: LeadWorld, rows: list[dict], initial: int | None = None) -> dict:
    """POST data of the milestone formset; `rows` are existing milestones first, then new ones."""
    data = {
        "aktion": "meilensteine",
        "meilensteine-TOTAL_FORMS": str(len(rows)),
        "meilensteine-INITIAL_FORMS": str(
            initial if initial is not None else sum(1 for r in rows if r.get("id"))
        ),
        "meilensteine-MIN_NUM_FORMS": "0",
        "meilensteine-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            if key == "done" and not value:
                continue
            data[f"meilensteine-{index}-{key}"] = "on" if value is True else value
        data[f"meilensteine-{index}-project"] = str(world.project.pk)
    return data


def milestone_row(milestone: Milestone, **changes) -> dict:
    row = {
        "id": str(milestone.pk),
        "date": milestone.date.isoformat(),
        "title": milestone.title,
        "done": milestone.done,
    }
    return {**row, **changes}
