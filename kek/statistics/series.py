"""Yearly values of official series, for target indicators linked to a statistic (F13)."""

import polars as pl
from django.db.models import Q

from .models import Observation

SCHEMA = {"series_id": pl.Int64, "year": pl.Int64, "value": pl.Float64}


def yearly_values(requests: list[tuple[int, str, int, str]]) -> pl.DataFrame:
    """One value per series and year: the latest period of the year that has a number.

    `requests` holds (series_id, indicator code, region id, disaggregation); one query for all.
    Periods are years (2023), dates (2024-12-31) or semesters (2023-10P6M); the year is the
    first four characters.
    """
    if not requests:
        return pl.DataFrame(schema=SCHEMA)
    wanted = Q()
    for _, code, region_id, disaggregation in requests:
        wanted |= Q(indicator__code=code, region_id=region_id, disaggregation=disaggregation)
    rows = Observation.objects.filter(wanted, value__isnull=False).values_list(
        "indicator__code", "region_id", "disaggregation", "period", "value"
    )
    stored = pl.DataFrame(
        list(rows),
        schema={
            "code": pl.String,
            "region_id": pl.Int64,
            "disaggregation": pl.String,
            "period": pl.String,
            "value": pl.Float64,
        },
        orient="row",
    )
    series = pl.DataFrame(
        requests,
        schema={
            "series_id": pl.Int64,
            "code": pl.String,
            "region_id": pl.Int64,
            "disaggregation": pl.String,
        },
        orient="row",
    )
    return (
        series.join(stored, on=["code", "region_id", "disaggregation"])
        .filter(pl.col("period").str.contains(r"^[0-9]{4}"))
        .with_columns(year=pl.col("period").str.slice(0, 4).cast(pl.Int64))
        .sort("series_id", "year", "period")
        .group_by("series_id", "year", maintain_order=True)
        .agg(pl.col("value").last())
        .select(list(SCHEMA))
    )
