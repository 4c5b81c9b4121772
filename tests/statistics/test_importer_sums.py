"""Land and Germany sums and population density through the real importer (shipped tables)."""

from pathlib import Path

import pytest

from kek.regions.models import Region
from kek.statistics.importer import districts, import_file
from kek.statistics.models import Indicator, Observation

pytestmark = pytest.mark.django_db

TABLES = Path(__file__).resolve().parents[2] / "data" / "statistics" / "tables"
PERIOD = "2024-12-31"


def population(ags_prefix: str = "") -> list[float]:
    return list(
        Observation.objects.filter(
            indicator__code="BEVSTD",
            disaggregation="",
            period=PERIOD,
            region__level="district",
            region__ags__startswith=ags_prefix,
        ).values_list("value", flat=True)
    )


def observation(code: str, ags: str) -> Observation:
    return Observation.objects.get(
        indicator__code=code, region__ags=ags, period=PERIOD, disaggregation=""
    )


def test_shipped_population_table_gets_land_germany_and_density(regions):
    Indicator.objects.create(code="BEVSTD", name="Bevölkerung (von Hand)")
    batch = import_file(TABLES / "12411-01-01-4.ffcsv.csv")
    saxony = observation("BEVSTD", "14")
    assert len(population("14")) == 13  # 3 kreisfreie Städte, 10 Landkreise
    assert saxony.value == sum(population("14"))
    assert (saxony.quality, saxony.batch) == ("sum", batch)
    assert observation("BEVSTD", "DG").value == sum(population())
    assert Region.objects.get(ags="14").name == "Sachsen"  # names of the register stay
    assert Region.objects.get(ags="DG").name == "Deutschland"
    areas = {
        ags: float(area)
        for ags, area in Region.objects.filter(level="district").values_list("ags", "area_km2")
    }
    saxon_area = sum(area for ags, area in areas.items() if ags.startswith("14"))
    for ags, area in (("14730", areas["14730"]), ("14", saxon_area), ("DG", sum(areas.values()))):
        density = observation("BEVDICHTE", ags).value
        assert density == pytest.approx(observation("BEVSTD", ags).value / area)
    population_indicator = Indicator.objects.get(code="BEVSTD")
    assert population_indicator.additive  # set on the existing indicator by the mapping
    assert population_indicator.name == "Bevölkerung (von Hand)"
    density = Indicator.objects.get(code="BEVDICHTE")
    assert (density.additive, density.unit) == (False, "Einwohner je km²")


def test_districts_come_from_the_register(regions):
    frame = districts()
    assert frame.height == Region.objects.filter(level="district").count() == 400
    nordsachsen = frame.filter(region_key="14730").row(0, named=True)
    assert nordsachsen["land_key"] == "14"
    assert nordsachsen["area_km2"] == pytest.approx(2040.66)


def test_before_the_register_is_loaded_districts_are_read_from_its_file(without_defaults, regions):
    stored = districts().sort("region_key")
    Region.objects.filter(level="district").delete()
    from_file = districts().sort("region_key")
    assert from_file.equals(stored.select(from_file.columns))
