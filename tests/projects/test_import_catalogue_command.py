"""`kek import-catalogue` on the shipped default content (issue 16): a file of another
district and user errors are refused with file, line or row, and field, before any write."""

from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.projects.models import Measurement, Milestone, Project, TargetIndicator

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (Project, Milestone, TargetIndicator, Measurement))


def exported(kek, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    kek("export-catalogue", "--district", "14730", str(path))
    return path


@pytest.mark.parametrize("name", ["k.yaml", "k.xlsx"])
def test_a_catalogue_of_another_district_is_refused_without_allow_other_district(
    concept, kek, tmp_path, name
):
    from kek.projects import catalogue_io

    path = exported(kek, tmp_path, name)
    catalogue = catalogue_io.read(path)
    catalogue.district_ags = "14729"
    catalogue.projects[0].title = "Fremder Titel"
    catalogue_io.write(catalogue, path)
    before = counts()
    with pytest.raises(
        CommandError,
        match=rf"^{name}, Feld district_ags: die Datei gehört zum Landkreis 14729, nicht zu "
        r"14730 \(Nordsachsen\); als Kopie nur mit --allow-other-district\.",
    ):
        kek("import-catalogue", "--district", "14730", str(path))
    assert counts() == before
    assert not Project.objects.filter(title="Fremder Titel").exists()
    kek("import-catalogue", "--district", "14730", "--allow-other-district", str(path))
    assert Project.objects.filter(concepts=concept, title="Fremder Titel").exists()


USER_ERRORS = [
    (
        ("start: 2021-09-01", "start: 2021-02-30"),
        r"Zeile \d+, Feld start: „2021-02-30“ ist kein Datum \(JJJJ-MM-TT\)\.",
    ),
    (
        ("start: 2021-09-01", "start: 2021-09-01\n  start: 2021-10-01"),
        r"Zeile \d+, Feld start: dieses Feld steht hier doppelt",
    ),
    (("start: 2021-09-01", "start: " + "[" * 20_000), r"Zeile \d+: zu tief verschachtelt"),
    (("start: 2021-09-01", "begin: 2021-09-01"), r"Zeile \d+, Feld begin: unbekanntes Feld"),
    (("start: 2021-09-01", "start: [2021]"), r"Zeile \d+, Feld start: „\[2021\]“ ist kein Datum"),
]


@pytest.mark.parametrize(("change", "message"), USER_ERRORS)
def test_catalogue_user_errors_are_named_and_nothing_is_written(
    concept, kek, tmp_path, change, message
):
    path = exported(kek, tmp_path, "k.yaml")
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError, match=r"^k\.yaml, " + message):
        kek("import-catalogue", "--district", "14730", str(path))
    assert counts() == before


def test_a_title_over_the_model_limit_is_refused_in_the_xlsx(concept, kek, tmp_path):
    from kek.projects import catalogue_io

    path = exported(kek, tmp_path, "k.xlsx")
    catalogue = catalogue_io.read(path)
    catalogue.projects[0].title = "x" * 1_000_000
    catalogue_io.write_yaml(catalogue, tmp_path / "k.yaml")
    with pytest.raises(
        CommandError, match=r"^k\.yaml, Zeile \d+, Feld title: höchstens 300 Zeichen"
    ):
        kek("import-catalogue", "--district", "14730", str(tmp_path / "k.yaml"))
