"""Live figures of indicator evidence (kek.swot.evidence) against the shipped statistics."""

import statistics

import pytest

from kek.charts.texts import format_number
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup, Indicator, Observation
from kek.swot.evidence import figures
from kek.swot.models import IndicatorEvidence, SwotItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(concept):
    return SwotItem.objects.create(concept=concept, kind="weakness", title="Prüfeintrag")


def density(ags: str) -> float:
    return Observation.objects.get(indicator__code="BEVDICHTE", region__ags=ags).value


def evidence(item, **fields) -> IndicatorEvidence:
    indicator = Indicator.objects.get(code=fields.pop("code", "BEVDICHTE"))
    return IndicatorEvidence.objects.create(item=item, indicator=indicator, **fields)


def test_default_references_are_land_and_germany(item, nordsachsen):
    ev = evidence(item)
    figure = figures(nordsachsen, [ev])[ev.pk]
    assert figure.period == "31.12.2024"
    assert figure.home_value == format_number(density("14730"), 1)
    assert [c.name for c in figure.comparisons] == ["Sachsen", "Deutschland"]
    gap = (density("14730") - density("14")) / density("14") * 100
    assert (
        figure.comparisons[0].difference == f"Kreis {format_number(gap, 1)} % gegenüber diesem Wert"
    )
    assert [row["region"] for row in figure.chart.rows] == ["Nordsachsen", "Sachsen", "Deutschland"]
    assert figure.data_date.startswith("importiert am ")


def test_a_comparison_group_adds_its_median(item, nordsachsen):
    group = ComparisonGroup.objects.get(district=nordsachsen, slug="kreise-im-land")
    ev = evidence(item, comparison_group=group)
    figure = figures(nordsachsen, [ev])[ev.pk]
    members = group.regions().values_list("pk", flat=True)
    values = Observation.objects.filter(indicator__code="BEVDICHTE", region_id__in=members)
    median = statistics.median(values.values_list("value", flat=True))
    assert [c.name for c in figure.comparisons] == ["Kreise in Sachsen (Median)"]
    assert figure.comparisons[0].value == format_number(median, 1)


def test_a_comparison_region_and_counts_show_the_share(item, nordsachsen):
    ev = evidence(item, code="BEVSTD", comparison_region=Region.objects.get(ags="14"))
    figure = figures(nordsachsen, [ev])[ev.pk]
    share = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation=""
    )
    land = Observation.objects.get(indicator__code="BEVSTD", region__ags="14", disaggregation="")
    assert figure.comparisons[0].difference == (
        f"Anteil des Kreises: {format_number(share.value / land.value * 100, 1)} %"
    )


def test_a_symbol_is_shown_with_its_meaning_and_no_chart_without_numbers(item, nordsachsen):
    ev = evidence(item, code="AEW009", disaggregation="ABFA01:ABFALLART201")
    figure = figures(nordsachsen, [ev])[ev.pk]
    assert figure.home_value == "- (nichts vorhanden)"
    assert figure.chart is None


def test_a_period_without_data_says_so(item, nordsachsen):
    ev = evidence(item, period="1990")
    figure = figures(nordsachsen, [ev])[ev.pk]
    assert figure.period == "1990"
    assert figure.chart is None
    assert figure.home_value == format_number(None, 1)


def test_a_missing_reference_has_no_difference_and_no_bar(item, nordsachsen):
    ev = evidence(item, code="AEW009-RESTMUELL-ANTEIL")
    figure = figures(nordsachsen, [ev])[ev.pk]
    germany = figure.comparisons[1]
    assert (germany.name, germany.value, germany.difference) == ("Deutschland", "k. A.", "")
    assert [row["region"] for row in figure.chart.rows] == ["Nordsachsen", "Sachsen"]
    assert figure.as_text().endswith("; Deutschland k. A.")
