"""Shared steps of the tests of `kek undo-run` (issue 16): a changed concept file imported."""

from pathlib import Path

from kek.core.models import ImportRun
from kek.goals import exchange
from kek.goals.concept_db import export_district


def changed_concept_file(region, tmp_path: Path) -> Path:
    """The district's goal system with a renamed goal, a new sub-goal and a new SDG link; the
    current version is made a draft first, as only a draft takes changes (issue 11)."""
    from ..goals.drafts import make_draft

    make_draft(region)
    data = export_district(region)
    version = next(v for v in data.versions if v.current)
    field = version.fields[0]
    field.title = "Umbenanntes Handlungsfeld"
    goal = field.children[0]
    goal.sdgs = sorted({*goal.sdgs, 17})
    goal.children.append(
        exchange.Goal(level="subgoal", title="Neues Teilziel aus der Datei", sdgs=[3, 4])
    )
    path = tmp_path / "geaendert.yaml"
    exchange.write(data, path)
    return path


def import_concept(kek, path: Path, *extra: str) -> ImportRun:
    kek("import-concept", "--district", "14730", str(path), *extra)
    return ImportRun.objects.order_by("-pk").first()


def changed_catalogue_file(concept, tmp_path: Path) -> Path:
    """The catalogue with a renamed project, a new project with a milestone and a sub-goal,
    a new milestone and a new measured value."""
    import dataclasses
    import datetime as dt

    from kek.goals.models import SubGoal
    from kek.projects import catalogue_io
    from kek.projects.catalogue_db import export_catalogue

    catalogue = export_catalogue(concept)
    first = catalogue.projects[0]
    first.title = "Umbenanntes Projekt"
    first.milestones.append(catalogue_io.Milestone(dt.date(2027, 3, 1), "Neuer Meilenstein"))
    subgoal = SubGoal.objects.filter(concept=concept).order_by("pk").first()
    catalogue.projects.append(
        catalogue_io.Project(
            number="99",
            title="Neues Projekt aus der Datei",
            subgoals=[subgoal.number],
            milestones=[catalogue_io.Milestone(dt.date(2027, 1, 1), "Start")],
        )
    )
    indicator = next(i for i in catalogue.indicators if i.measurements)
    last = indicator.measurements[-1]
    indicator.measurements.append(
        dataclasses.replace(last, date=last.date + dt.timedelta(days=400), value=last.value + 1)
    )
    path = tmp_path / "katalog.yaml"
    catalogue_io.write(catalogue, path)
    return path
