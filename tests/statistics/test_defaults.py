"""Default statistics content (`kek load-defaults`), comparison groups and yearly series."""

import csv
from pathlib import Path

import pytest
from django.conf import settings

from kek.core.defaults import load_defaults
from kek.regions.models import Region
from kek.statistics.defaults import TABLES_DIR
from kek.statistics.models import ComparisonGroup, ImportBatch, Observation, Topic
from kek.statistics.series import yearly_values

pytestmark = pytest.mark.django_db
REGISTER = Path(settings.BASE_DIR) / "data" / "regions" / "regions.csv"


def register_districts(state: str | None = None) -> set[str]:
    with REGISTER.open(encoding="utf-8") as handle:
        return {
            row["ags"]
            for row in csv.DictReader(handle)
            if row["level"] == "district" and (state is None or row["ags"].startswith(state))
        }


def test_shipped_tables_are_imported_once(nordsachsen):
    files = sorted(path.name for path in TABLES_DIR.glob("*.csv"))
    batches = ImportBatch.objects.filter(status="done")
    assert sorted(batches.values_list("file_name", flat=True)) == files
    population = Observation.objects.get(
        indicator__code="BEVSTD", region=nordsachsen, period="2024-12-31", disaggregation=""
    )
    assert population.value == 199_422
    assert population.batch.source.startswith("Statistische Ämter des Bundes und der Länder")
    before = Observation.objects.count()
    loaded = load_defaults()
    statistics = [line for line in loaded.summaries if line.startswith("Statistik:")]
    assert len(statistics) == 1
    assert "0 Tabelle(n) importiert" in statistics[0]
    assert (Observation.objects.count(), batches.count()) == (before, len(files))


def test_planner_topic_changes_survive_load_defaults(nordsachsen):
    Topic.objects.filter(slug="demografie").update(name="Bevölkerung und Demografie")
    load_defaults()
    assert Topic.objects.get(slug="demografie").name == "Bevölkerung und Demografie"


def test_comparison_groups_of_the_home_district(nordsachsen):
    groups = {g.slug: g for g in ComparisonGroup.objects.filter(district=nordsachsen)}
    assert list(groups) == ["kreise-im-land", "alle-kreise"]
    saxony = groups["kreise-im-land"]
    assert saxony.name == "Kreise in Sachsen"
    assert set(saxony.regions().values_list("ags", flat=True)) == register_districts("14")
    everyone = set(groups["alle-kreise"].regions().values_list("ags", flat=True))
    assert everyone == register_districts()


def test_list_group_holds_its_members_and_the_district(nordsachsen):
    from kek.statistics.defaults import ensure_comparison_groups

    assert ensure_comparison_groups(nordsachsen, ["14729", "14713", "15091"]) == 1
    neighbours = ComparisonGroup.objects.get(district=nordsachsen, slug="nachbarkreise")
    assert set(neighbours.regions().values_list("ags", flat=True)) == {
        "14729",
        "14713",
        "15091",
        "14730",
    }
    assert ensure_comparison_groups(nordsachsen, ["14729"]) == 0


def test_yearly_values_for_linked_target_indicators(nordsachsen):
    saxony = Region.objects.get(ags="14")
    frame = yearly_values(
        [(1, "ABFALL1A", saxony.pk, "ABFA02:INSGESAMT"), (2, "BEVSTD", nordsachsen.pk, "")]
    )
    waste = frame.filter(series_id=1)
    stored = Observation.objects.filter(
        indicator__code="ABFALL1A", region=saxony, disaggregation="ABFA02:INSGESAMT",
        value__isnull=False,
    )  # fmt: skip
    assert waste.height == stored.count() > 10
    assert dict(waste.select("year", "value").iter_rows()) == {
        int(o.period): o.value for o in stored
    }
    assert frame.filter(series_id=2).rows() == [(2, 2024, 199_422.0)]
