"""Issue 11: an adopted version's catalogue is read-only in the import too: the file may update
projects and their measured values, but neither add, drop nor re-assign projects."""

import datetime as dt

import pytest
from django.core.management import CommandError

from kek.projects import catalogue_io as io
from kek.projects.catalogue_db import export_catalogue
from kek.projects.models import Measurement, Project

pytestmark = pytest.mark.django_db


def write(catalogue, tmp_path):
    path = tmp_path / "katalog.xlsx"
    io.write(catalogue, path)
    return str(path)


def test_new_projects_for_an_adopted_version_are_refused_and_nothing_changes(
    concept, kek, tmp_path
):
    catalogue = export_catalogue(concept)
    catalogue.projects[0].title = "Geändert"
    catalogue.projects.append(io.Project(number="P9.01", title="Neu", subgoals=["2.1.1"]))

    with pytest.raises(
        CommandError, match="Version 1 ist beschlossen.*nimmt Projekte neu auf: P9.01"
    ):
        kek("import-catalogue", "--district", "14730", write(catalogue, tmp_path))

    assert not Project.objects.filter(number="P9.01").exists()
    assert Project.objects.get(number=catalogue.projects[0].number).title != "Geändert"


def test_moving_a_project_to_other_sub_goals_is_refused(concept, kek, tmp_path):
    catalogue = export_catalogue(concept)
    catalogue.projects[1].subgoals = ["4.1.1"]
    with pytest.raises(CommandError, match="ordnet Projekte anderen Teilzielen zu: P1.02"):
        kek("import-catalogue", "--district", "14730", write(catalogue, tmp_path))


def test_measured_values_and_project_texts_of_the_adopted_catalogue_still_update(
    concept, kek, tmp_path
):
    catalogue = export_catalogue(concept)
    catalogue.projects[0].title = "Nachfolgebörse Nordsachsen 2.0"
    indicator = catalogue.indicators[0]
    indicator.measurements.append(io.Measurement(dt.date(2026, 6, 30), 40.0, "Amt"))

    kek("import-catalogue", "--district", "14730", write(catalogue, tmp_path))

    assert Project.objects.get(number=catalogue.projects[0].number).title.endswith("2.0")
    assert Measurement.objects.filter(indicator__key=indicator.key, value=40.0).exists()
