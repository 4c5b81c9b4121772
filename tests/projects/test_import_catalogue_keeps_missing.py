"""Issue 16: a catalogue file cut before `- number: P1.03` removed 13 projects, 27 milestones,
17 target indicators and 59 measured values. Now the import keeps them; with
`--remove-missing` the summary names them, and what has measured values or a resolution
stays."""

from pathlib import Path

import pytest

from kek.projects.models import Measurement, Milestone, Project, TargetIndicator

pytestmark = pytest.mark.django_db

CATALOGUE = Path(__file__).resolve().parents[2] / "data" / "nordsachsen" / "catalogue.yaml"
LISTED = ["P1.01", "P1.02"]


@pytest.fixture
def cut(tmp_path) -> Path:
    text = CATALOGUE.read_text(encoding="utf-8")
    path = tmp_path / "katalog.yaml"
    path.write_text(text[: text.index("- number: P1.03")], encoding="utf-8")
    return path


def unlisted() -> tuple[int, int, int, int]:
    """Projects the cut file lacks, their milestones, and the indicators and measured values
    the file lacks (also those of goals, which follow the projects in the file)."""
    indicators = TargetIndicator.objects.exclude(project__number__in=LISTED)
    return (
        Project.objects.exclude(number__in=LISTED).count(),
        Milestone.objects.exclude(project__number__in=LISTED).count(),
        indicators.count(),
        Measurement.objects.filter(indicator__in=indicators).count(),
    )


def test_a_cut_catalogue_removes_nothing(concept, kek, cut, capsys):
    assert unlisted() == (13, 27, 17, 59)

    kek("import-catalogue", "--district", "14730", str(cut))

    out = capsys.readouterr().out
    assert "Projekte: 0 angelegt, 0 geändert, 0 entfernt, 2 unverändert" in out
    assert "Nicht mehr in der Datei, behalten: 13 Projekte, 17 Zielindikatoren" in out
    assert unlisted() == (13, 27, 17, 59)


def test_with_remove_missing_the_protected_stay_whole_and_the_rest_goes(
    concept_in_draft, kek, cut, capsys
):
    concept = concept_in_draft
    # P4.04 without resolution and measured values may go, with its milestones and indicator.
    Project.objects.filter(concepts=concept, number="P4.04").update(resolution=None)
    measured = Measurement.objects.filter(indicator__project__number="P4.04")
    values = measured.count()
    measured.delete()
    milestones = Milestone.objects.filter(project__number="P4.04").count()
    indicators = TargetIndicator.objects.filter(project__number="P4.04").count()
    assert milestones and indicators

    kek("import-catalogue", "--district", "14730", "--remove-missing", "--yes", str(cut))

    out = capsys.readouterr().out.splitlines()
    assert "Entfernt (nicht mehr in der Datei): 1 Projekt, 2 Zielindikatoren." in out
    assert f"Mit entfernt, weil es daran hängt: {milestones} Meilenstein" in "\n".join(out)
    assert "Bleibt, weil ein Import es nie entfernt (14):" in out
    assert (
        "  Projekt P1.03 Digitallotsen für kleine und mittlere Unternehmen: hat Messwerte, "
        "hat einen Beschluss; dazu bleiben: 1 Zielindikator"
    ) in out
    assert "  Zielindikator Gewerbeanmeldungen je 10.000 Einwohner: hat Messwerte" in out
    assert not Project.objects.filter(concepts=concept, number="P4.04").exists()
    assert unlisted() == (12, 27 - milestones, 17 - indicators, 59 - values)
