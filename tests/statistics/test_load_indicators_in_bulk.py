"""Many indicators are loaded at once (`figures.load_indicators`), in a fixed number of
queries, each exactly as `figures.load_indicator` loads it alone."""

import polars as pl
import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from kek.regions.models import Region
from kek.statistics import figures
from kek.statistics.models import Indicator, Observation, Topic

pytestmark = pytest.mark.django_db

FIELDS = ("disaggregations", "disaggregation", "land", "germany", "batch", "data_period")


def assert_same(bulk: figures.IndicatorData, alone: figures.IndicatorData) -> None:
    assert bulk.indicator == alone.indicator and bulk.home == alone.home
    for name in FIELDS:
        assert getattr(bulk, name) == getattr(alone, name), (bulk.code, name)
    assert bulk.frame.equals(alone.frame), bulk.code
    assert bulk.municipalities.equals(alone.municipalities), bulk.code


def stored_rows(data: figures.IndicatorData) -> int:
    """Observations of the indicator in its disaggregation for Germany, Länder, districts and
    the home district's municipalities, counted by the database."""
    here = Q(region__level__in=figures.LEVELS) | Q(
        region__level=Region.Level.MUNICIPALITY, region__ags__regex=rf"^{data.home.ags}\d{{3}}$"
    )
    return Observation.objects.filter(
        here, indicator=data.indicator, disaggregation=data.disaggregation
    ).count()


def test_each_indicator_of_the_default_content_is_the_same_in_bulk_and_alone(nordsachsen):
    empty = Indicator.objects.create(code="LEER01", name="Ohne Werte", topic=Topic.objects.first())
    indicators = list(Indicator.objects.order_by("code"))
    bulk = figures.load_indicators(indicators, nordsachsen)
    assert set(bulk) == {indicator.pk for indicator in indicators}
    with_values = 0
    for indicator in indicators:
        data = bulk[indicator.pk]
        assert_same(data, figures.load_indicator(indicator, nordsachsen, None))
        assert set(data.frame["indicator"].unique()) <= {indicator.code}
        assert data.frame.height + data.municipalities.height == stored_rows(data)
        with_values += data.frame.height > 0
    assert with_values >= 20
    assert bulk[empty.pk].frame.is_empty() and bulk[empty.pk].batch is None
    assert bulk[empty.pk].disaggregations == [] and bulk[empty.pk].data_period is None


def test_a_chosen_disaggregation_is_the_same_in_bulk_and_unknown_ones_are_refused(nordsachsen):
    split = (
        Observation.objects.exclude(disaggregation="")
        .values_list("indicator_id", "disaggregation")
        .first()
    )
    assert split is not None, "the default content has no disaggregated indicator"
    indicator = Indicator.objects.get(pk=split[0])
    others = [i for i in Indicator.objects.all() if i.pk != indicator.pk]
    chosen = figures.load_indicators([indicator], nordsachsen, split[1])[indicator.pk]
    assert chosen.disaggregation == split[1]
    assert chosen.frame.filter(pl.col("disaggregation") != split[1]).is_empty()
    assert_same(chosen, figures.load_indicator(indicator, nordsachsen, split[1]))
    with pytest.raises(LookupError):
        figures.load_indicators([indicator, *others], nordsachsen, split[1] + "|UNBEKANNT:X")
    with pytest.raises(LookupError):
        figures.load_indicator(indicator, nordsachsen, "UNBEKANNT:X")


def test_the_queries_are_as_many_for_three_indicators_as_for_all(nordsachsen):
    indicators = list(Indicator.objects.order_by("code"))
    assert len(indicators) > 10
    with CaptureQueriesContext(connection) as three:
        figures.load_indicators(indicators[:3], nordsachsen)
    with CaptureQueriesContext(connection) as every:
        loaded = figures.load_indicators(indicators, nordsachsen)
    assert len(loaded) == len(indicators)
    assert len(every) == len(three) <= 4
    with CaptureQueriesContext(connection) as none:
        assert figures.load_indicators([], nordsachsen) == {}
    assert len(none) == 0
