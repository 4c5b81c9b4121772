"""Issue 16: `kek import-catalogue --dry-run` shows what the import would do, writes nothing."""

import pytest

from kek.projects import catalogue_io as io
from kek.projects.catalogue_db import export_catalogue
from kek.projects.models import Measurement, Milestone, Project, TargetIndicator

from .. import permission_walk as pw
from ..rows import row_counts

pytestmark = pytest.mark.django_db

TABLES = [Project, Project.subgoals.through, Milestone, TargetIndicator, Measurement]


@pytest.mark.parametrize("remove", [False, True])
def test_a_dry_run_counts_along_the_real_import_and_writes_nothing(
    concept_in_draft, kek, tmp_path, capsys, remove
):
    concept = concept_in_draft
    catalogue = export_catalogue(concept)
    catalogue.projects[0].title = "Nachfolgebörse Nordsachsen 2.0"
    catalogue.projects.pop()  # P4.04
    catalogue.indicators = [i for i in catalogue.indicators if i.owner != "P4.04"]
    catalogue.projects.append(io.Project(number="P9.01", title="Neu", subgoals=["2.1.1"]))
    path = tmp_path / "katalog.xlsx"
    io.write(catalogue, path)
    rows, tables = row_counts(), pw.snapshot(TABLES)
    options = ["--remove-missing"] if remove else []

    kek("import-catalogue", "--district", "14730", "--dry-run", *options, str(path))

    out = capsys.readouterr().out
    assert out.startswith("Probelauf, nichts wurde gespeichert – katalog.xlsx → KEK Nordsachsen")
    assert "Projekte: 1 angelegt, 1 geändert, 0 entfernt, 13 unverändert" in out
    if remove:
        assert "Projekt P4.04 Regionales Energie- und Klimaschutzmanagement: hat" in out
    else:
        assert "Nicht mehr in der Datei, bliebe: 1 Projekt, 2 Zielindikatoren" in out
    assert row_counts() == rows
    assert pw.snapshot(TABLES) == tables
