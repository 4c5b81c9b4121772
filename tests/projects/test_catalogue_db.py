"""Catalogue exchange with the database (F17): export, atomic bulk import, round trip, commands."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from kek.committees.models import AgendaItem, Organization, Paper
from kek.goals import exchange
from kek.goals.concept_db import import_district
from kek.goals.models import Concept
from kek.projects import catalogue_io as io
from kek.projects.catalogue_db import export_catalogue, import_catalogue
from kek.projects.models import Measurement, Milestone, Project, TargetIndicator
from kek.regions.models import Region

from ..regions.factories import RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

DATA = Path(settings.BASE_DIR) / "data" / "nordsachsen"


def district_with_concept(ags: str) -> Concept:
    region = RegionFactory(ags=ags, name=f"Landkreis {ags}")
    import_district(region, exchange.read(DATA / "concept.yaml"))
    return Concept.objects.get(region=region, is_current=True)


@pytest.fixture
def first():
    """A district whose current concept has the shipped example catalogue, with accounts,
    municipalities and a linked statistical series added."""
    concept = district_with_concept("99101")
    catalogue = io.read(DATA / "catalogue.yaml")
    for username in ("lea", "kai"):
        get_user_model().objects.create(username=username)  # no password: hashing is slow
    for ags in ("99101001", "99101002"):
        RegionFactory(ags=ags, name=f"Gemeinde {ags}", level=Region.Level.MUNICIPALITY)
    catalogue.projects[0].leads = ["kai", "lea"]
    catalogue.projects[0].municipalities = ["99101001", "99101002"]
    catalogue.indicators[0].series_indicator = "BEVSTD"
    catalogue.indicators[0].series_region = "99101"
    import_catalogue(concept, catalogue)
    return concept


@pytest.fixture
def second():
    return district_with_concept("99102")


def open_for_changes(concept: Concept) -> None:
    """Imports that add, drop or re-assign projects need a version that may change."""
    Concept.objects.filter(pk=concept.pk).update(status=Concept.Status.DRAFT)


def sheets(path: Path) -> dict[str, list[tuple]]:
    book = load_workbook(path, read_only=True)
    return {
        name: list(book[name].iter_rows(values_only=True))
        for name in book.sheetnames
        if name != "info"
    }


def test_export_import_into_another_district_and_export_is_lossless(first, second, kek, tmp_path):
    kek("export-catalogue", "--district", "99101", str(tmp_path / "a.xlsx"))
    kek(
        "import-catalogue",
        "--district",
        "99102",
        "--allow-other-district",
        str(tmp_path / "a.xlsx"),
    )
    kek("export-catalogue", "--district", "99102", str(tmp_path / "b.xlsx"))

    assert sheets(tmp_path / "a.xlsx") == sheets(tmp_path / "b.xlsx")
    a, b = export_catalogue(first), export_catalogue(second)
    assert a.projects == b.projects and a.indicators == b.indicators
    assert b.projects[0].leads == ["kai", "lea"] and b.indicators[0].series_region == "99101"
    assert Project.objects.filter(concepts=second).count() == len(a.projects) == 15
    # Same keys, own rows: the first district's catalogue is untouched.
    assert TargetIndicator.objects.filter(project__concepts=first).count() == 17


def test_export_holds_what_the_database_holds(first):
    catalogue = export_catalogue(first)
    project = Project.objects.get(concepts=first, number="P4.02")
    row = next(p for p in catalogue.projects if p.number == "P4.02")
    assert (row.title, row.status, row.progress, row.funding_share) == (
        project.title,
        "in_progress",
        30,
        project.funding_share,
    )
    assert row.subgoals == ["4.1.2"]
    assert row.resolution == io.Resolution(
        dt.date(2021, 6, 30),
        "Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030",
        "Kreistag",
        "",
    )
    goal_rows = [i for i in catalogue.indicators if i.owner_level == "goal"]
    assert [i.owner for i in goal_rows] == ["1.1", "4.1"]
    assert catalogue.indicators[-2:] == goal_rows  # after the projects' indicators


def test_a_second_import_of_the_same_file_changes_nothing(first, kek, tmp_path, capsys):
    path = tmp_path / "a.yaml"
    kek("export-catalogue", "--district", "99101", str(path))
    history = Project.history.count(), TargetIndicator.history.count()
    capsys.readouterr()
    kek("import-catalogue", "--district", "99101", str(path))
    out = capsys.readouterr().out
    assert "Projekte: 0 angelegt, 0 geändert, 0 entfernt" in out
    assert "Messwerte: 0 angelegt, 0 geändert, 0 entfernt" in out
    assert (Project.history.count(), TargetIndicator.history.count()) == history


def test_import_updates_by_number_and_key_and_removes_what_the_file_lacks(
    first, planner, kek, tmp_path, capsys
):
    open_for_changes(first)
    catalogue = export_catalogue(first)
    catalogue.projects[1].title = "Willkommensagentur Nordsachsen"
    catalogue.projects[1].subgoals = ["1.1.1", "1.1.2"]
    removed = catalogue.projects.pop(2)  # P1.03 with its indicator
    catalogue.indicators = [i for i in catalogue.indicators if i.owner != removed.number]
    kept = catalogue.indicators[0]
    kept.measurements[0].value = 31.0
    kept.measurements.pop()
    kept.measurements.append(io.Measurement(dt.date(2024, 12, 31), 34.0, "Beispielwert"))
    catalogue.projects[0].milestones[2].done = True
    catalogue.projects.append(io.Project(number="P9.01", title="Neues Projekt", subgoals=["2.1.1"]))
    catalogue.indicators.append(io.Indicator(owner="P9.01", owner_level="project", title="Neu"))
    path = tmp_path / "neu.xlsx"
    io.write(catalogue, path)
    # P1.03 may go only without a resolution and without measured values (issue 16).
    Project.objects.filter(concepts=first, number="P1.03").update(resolution=None)
    Measurement.objects.filter(indicator__project__number="P1.03").delete()
    capsys.readouterr()

    kek(
        "import-catalogue",
        "--district",
        "99101",
        "--user",
        "planerin",
        "--remove-missing",
        "--yes",
        str(path),
    )

    out = capsys.readouterr().out
    assert "Projekte: 1 angelegt, 1 geändert, 1 entfernt" in out
    assert "Zielindikatoren: 1 angelegt, 0 geändert, 1 entfernt" in out
    assert "Meilensteine: 0 angelegt, 1 geändert, 2 entfernt" in out  # two went with P1.03
    # The measured value the file no longer has stays: an import never removes one.
    assert "Messwerte: 1 angelegt, 1 geändert, 0 entfernt" in out
    assert "Messwert 31.12.2023: 33: Messwerte entfernt ein Import nie" in out
    agency = Project.objects.get(concepts=first, number="P1.02")
    assert agency.title == "Willkommensagentur Nordsachsen"
    assert sorted(s.number for s in agency.subgoals.all()) == ["1.1.1", "1.1.2"]
    assert agency.history.first().history_user == planner
    assert not Project.objects.filter(concepts=first, number="P1.03").exists()
    deleted = Project.history.filter(region=first.region, number="P1.03", history_type="-")
    assert deleted.get().history_user == planner
    values = Measurement.objects.filter(indicator__key=kept.key).values_list("date", "value")
    assert dict(values) == {
        dt.date(2020, 12, 31): 31.0,
        dt.date(2022, 12, 31): 32.4,
        dt.date(2023, 12, 31): 33.0,
        dt.date(2024, 12, 31): 34.0,
    }
    assert Milestone.objects.filter(project__number="P1.01", done=True).count() == 3
    new = Project.objects.get(concepts=first, number="P9.01")
    assert new.slug == "neues-projekt" and new.history.get().history_type == "+"
    expected = io.read(path).projects
    expected[-1].slug = "neues-projekt"
    assert export_catalogue(first).projects == expected


def test_a_bad_reference_names_its_row_and_changes_nothing(first, kek, tmp_path):
    catalogue = export_catalogue(first)
    catalogue.projects[0].title = "Geändert"
    catalogue.projects[4].subgoals = ["9.9.9"]
    path = tmp_path / "kaputt.xlsx"
    io.write(catalogue, path)
    with pytest.raises(
        CommandError,
        match="kaputt.xlsx, Blatt projects, Zeile 6, Feld subgoals: ein Teilziel 9.9.9",
    ):
        kek("import-catalogue", "--district", "99101", str(path))
    assert Project.objects.get(concepts=first, number="P1.01").title == "Nachfolgebörse Nordsachsen"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda c: c.projects[0].leads.append("niemand"),
            "Feld leads: ein aktives Konto „niemand“",
        ),
        (
            lambda c: c.projects[0].municipalities.append("99102"),
            "Feld municipalities: eine Gemeinde",
        ),
        (
            lambda c: setattr(c.indicators[-1], "owner", "7.7"),
            "Feld owner: ein strategisches Ziel 7.7",
        ),
        (lambda c: setattr(c.indicators[0], "series_region", "00000"), "Feld series_region"),
    ],
)
def test_unknown_accounts_regions_and_goals_are_refused(first, change, message):
    catalogue = export_catalogue(first)
    change(catalogue)
    with pytest.raises(io.CatalogueError, match=message):
        import_catalogue(first, catalogue)


def test_the_import_writes_in_bulk_whatever_the_number_of_rows(second):
    def catalogue_of(size: int) -> io.Catalogue:
        projects = [
            io.Project(
                number=f"P{n:03d}",
                title=f"Projekt {n}",
                subgoals=["1.1.1", "2.1.1"],
                resolution=io.Resolution(dt.date(2021, 6, 30), "Katalog"),
                milestones=[io.Milestone(dt.date(2022, 1, 1), "Start", True)],
            )
            for n in range(size)
        ]
        indicators = [
            io.Indicator(
                owner=p.number,
                owner_level="project",
                title="Wert",
                measurements=[io.Measurement(dt.date(y, 12, 31), y - 2000.0) for y in (2020, 2021)],
            )
            for p in projects
        ]
        return io.Catalogue(projects=projects, indicators=indicators)

    def queries(catalogue: io.Catalogue, concept: Concept) -> int:
        with CaptureQueriesContext(connection) as context:
            import_catalogue(concept, catalogue)
        return len(context.captured_queries)

    small, large = catalogue_of(5), catalogue_of(60)
    other = district_with_concept("99103")
    # 55 more projects, indicators and milestones and 110 more values: a few more batches only
    assert queries(large, other) <= queries(small, second) + 10
    assert Measurement.objects.filter(indicator__project__concepts=other).count() == 120
    for project in large.projects:
        project.title += " (neu)"
    for indicator in large.indicators:
        indicator.measurements[0].value += 1
    small.projects[0].title += " (neu)"
    small.indicators[0].measurements[0].value += 1
    assert queries(large, other) <= queries(small, second) + 10


def test_one_resolution_is_shared_and_reused(first, second):
    import_catalogue(second, export_catalogue(first))
    items = AgendaItem.objects.filter(
        name__startswith="Projektkatalog", body__region__in=[first.region, second.region]
    )
    assert items.count() == 2  # one per district, in its body's Kreistag meeting
    assert len({p.resolution_id for p in Project.objects.filter(concepts=second)}) == 1
    import_catalogue(second, export_catalogue(first))  # again: found, not recorded twice
    assert items.count() == 2


def test_limits_of_the_file_match_the_models():
    fields = {
        "number": Project._meta.get_field("number"),
        "title": Project._meta.get_field("title"),
        "slug": Project._meta.get_field("slug"),
        "lead_body": Project._meta.get_field("lead_body"),
        "funding_programme": Project._meta.get_field("funding_programme"),
        "resolution_body": Organization._meta.get_field("name"),
        "resolution_number": Paper._meta.get_field("reference"),
        "resolution_title": AgendaItem._meta.get_field("name"),
        "unit": TargetIndicator._meta.get_field("unit"),
        "series_indicator": TargetIndicator._meta.get_field("series_indicator"),
        "series_disaggregation": TargetIndicator._meta.get_field("series_disaggregation"),
        "source": Measurement._meta.get_field("source"),
        "note": Measurement._meta.get_field("note"),
    }
    assert {name: f.max_length for name, f in fields.items()} == io.LIMITS
    assert TargetIndicator._meta.get_field("title").max_length == io.LIMITS["title"]
    assert Milestone._meta.get_field("title").max_length == io.LIMITS["title"]


def test_commands_check_permission_and_concept(first, participant, planner, kek, tmp_path):
    path = tmp_path / "k.xlsx"
    with pytest.raises(CommandError, match="keine Berechtigung .*projects.export_catalogue"):
        kek("export-catalogue", "--district", "99101", "--user", "buerger", str(path))
    kek("export-catalogue", "--district", "99101", "--user", "planerin", str(path))
    with pytest.raises(CommandError, match="keine Berechtigung .*projects.import_catalogue"):
        kek("import-catalogue", "--district", "99101", "--user", "buerger", str(path))
    RegionFactory(ags="99104")
    with pytest.raises(CommandError, match="gibt es noch kein aktuelles Konzept"):
        kek("import-catalogue", "--district", "99104", str(path))
    with pytest.raises(CommandError, match="k.txt: unbekanntes Format"):
        kek("export-catalogue", "--district", "99101", str(tmp_path / "k.txt"))


def test_export_defuses_formulas_and_the_import_restores_them(first, kek, tmp_path):
    """Issue 16: a text starting with = + - @ is a text cell in the file (with a leading '),
    never a formula, and the import gives back exactly the text."""
    open_for_changes(first)
    titles = ["=1+1", "-", "@SUM(A1)", "'=x", "+49 341"]
    projects = list(Project.objects.filter(concepts=first).order_by("number")[: len(titles)])
    for project, title in zip(projects, titles, strict=True):
        project.title = title
        project.save()
    milestone = Milestone.objects.filter(project__concepts=first).first()
    milestone.title = '=HYPERLINK("http://example.org")'
    milestone.save()
    measurement = Measurement.objects.filter(indicator__project__concepts=first).first()
    measurement.note, measurement.value = "-2 gegenüber Vorjahr", -2.5
    measurement.save()

    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    kek("export-catalogue", "--district", "99101", str(a))
    book = load_workbook(a)
    cells = [cell for sheet in book for row in sheet for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    written = {cell.value: cell for cell in cells}
    for text in ["'=1+1", "'-", "'@SUM(A1)", "''=x", "'+49 341", "'=HYPERLINK", "'-2 geg"]:
        cell = next(c for value, c in written.items() if str(value).startswith(text))
        assert cell.data_type == "s"
    assert written[-2.5].data_type == "n"  # a negative number stays a number

    Project.objects.filter(pk__in=[p.pk for p in projects]).update(title="überschrieben")
    Milestone.objects.filter(pk=milestone.pk).update(title="überschrieben")
    Measurement.objects.filter(pk=measurement.pk).update(note="")
    # The milestone with the changed title is another milestone: it goes only if asked.
    kek("import-catalogue", "--district", "99101", "--remove-missing", "--yes", str(a))
    kek("export-catalogue", "--district", "99101", str(b))
    assert sheets(a) == sheets(b)
    for project, title in zip(projects, titles, strict=True):
        project.refresh_from_db()
        assert project.title == title
    # Milestones are matched by title: the one from the file comes back.
    assert milestone.project.milestones.filter(title='=HYPERLINK("http://example.org")').exists()
    measurement.refresh_from_db()
    assert (measurement.note, measurement.value) == ("-2 gegenüber Vorjahr", -2.5)
