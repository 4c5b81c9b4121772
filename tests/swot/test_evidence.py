"""Live figures of indicator evidence (kek.swot.evidence) against the shipped statistics."""

import statistics

import pytest

from kek.charts.texts import format_number
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup, Indicator, Observation
from kek.swot.evidence import difference_text, figures
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
    gap = (density("14") - density("14730")) / density("14") * 100
    assert figure.comparisons[0].difference == f"−{format_number(gap, 1)} % unter Sachsen"
    assert figure.differences.startswith(f"Nordsachsen −{format_number(gap, 1)} % unter Sachsen, ")
    assert [row["region"] for row in figure.chart.rows] == ["Nordsachsen", "Sachsen", "Deutschland"]
    # The date of the data, and when it came in beside it (issue 11).
    assert figure.data_date.startswith("31.12.2024 (importiert am ")


def test_a_comparison_group_adds_its_median(item, nordsachsen):
    group = ComparisonGroup.objects.get(district=nordsachsen, slug="kreise-im-land")
    ev = evidence(item, comparison_group=group)
    figure = figures(nordsachsen, [ev])[ev.pk]
    members = group.regions().values_list("pk", flat=True)
    values = Observation.objects.filter(indicator__code="BEVDICHTE", region_id__in=members)
    median = statistics.median(values.values_list("value", flat=True))
    assert [c.name for c in figure.comparisons] == ["Kreise in Sachsen (Median)"]
    assert figure.comparisons[0].value == format_number(median, 1)


def test_a_count_is_compared_through_its_figure_per_area(item, nordsachsen):
    """Issue 11: 199,000 people were set against Saxony's 4 million ("Anteil des Kreises")."""
    ev = evidence(item, code="BEVSTD", comparison_region=Region.objects.get(ags="14"))
    figure = figures(nordsachsen, [ev])[ev.pk]
    people = Observation.objects.get(
        indicator__code="BEVSTD", region__ags="14730", disaggregation=""
    )
    assert figure.home_value == format_number(people.value, 0)
    assert figure.compared.code == "BEVDICHTE"
    assert figure.compared_home_value == format_number(density("14730"), 1)
    assert [(c.name, c.value) for c in figure.comparisons] == [
        ("Sachsen", format_number(density("14"), 1))
    ]
    assert figure.comparisons[0].difference == difference_text(
        density("14730"), density("14"), "Sachsen", "Einwohner je km²"
    )
    assert [row["value"] for row in figure.chart.rows] == [
        round(density("14730"), 1),
        round(density("14"), 1),
    ]
    text = figure.as_text()
    assert "Vergleichsgröße Bevölkerungsdichte (31.12.2024): Nordsachsen " in text
    assert "Anteil" not in text and f"Sachsen {format_number(density('14'), 1)} Einwohner" in text


def test_a_count_without_such_a_figure_states_only_its_development(item, nordsachsen):
    from .world import CODE, import_table

    import_table({"2019": {"14730": "1000", "14": "20000", "DG": "400000"},
                  "2024": {"14730": "1100", "14": "21000", "DG": "410000"}})  # fmt: skip
    Indicator.objects.filter(code=CODE).update(additive=True, unit="Personen")
    ev = evidence(item, code=CODE)
    figure = figures(nordsachsen, [ev])[ev.pk]
    assert figure.comparisons == [] and figure.chart is None and figure.compared is None
    assert figure.development == "Entwicklung 2019–2024: 1.000 → 1.100 Personen (+10,0 %)"
    assert figure.as_text() == (
        f"{ev.indicator.name} (2024): 1.100 Personen; "
        "Entwicklung 2019–2024: 1.000 → 1.100 Personen (+10,0 %)"
    )


def test_a_percentage_differs_in_percentage_points(item, nordsachsen):
    ev = evidence(item, code="AEW009-RESTMUELL-ANTEIL")
    figure = figures(nordsachsen, [ev])[ev.pk]
    home, land = (
        Observation.objects.get(indicator__code="AEW009-RESTMUELL-ANTEIL", region__ags=ags,
                                period="2023", disaggregation="").value
        for ags in ("14730", "14")
    )  # fmt: skip
    assert figure.comparisons[0].difference == (
        f"−{format_number(land - home, 1)} Prozentpunkte unter Sachsen"
    )


def test_one_sign_convention_for_every_difference():
    assert difference_text(37.0, 35.8, "Sachsen", "Prozent") == "+1,2 Prozentpunkte über Sachsen"
    assert difference_text(35.8, 37.0, "Sachsen", "%") == "−1,2 Prozentpunkte unter Sachsen"
    assert difference_text(110, 100, "Sachsen", "EUR") == "+10,0 % über Sachsen"
    assert difference_text(90, 100, "Sachsen", "EUR") == "−10,0 % unter Sachsen"
    assert difference_text(100, 100.01, "Sachsen", "EUR") == "gleichauf mit Sachsen"
    assert difference_text(1, 0, "Sachsen", "EUR") == difference_text(None, 1, "Sachsen", "") == ""


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
    assert "; Deutschland k. A.; Nordsachsen " in figure.as_text()
    assert figure.as_text().endswith(" Prozentpunkte unter Sachsen")
