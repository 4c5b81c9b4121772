"""Observations of a region as a flat CSV file (UTF-8), one row per value."""

from pathlib import Path

import polars as pl
from django.db.models import Q

from kek.core import cells
from kek.regions.models import Region

from .models import Observation

COLUMNS = [
    "region_key",
    "region_name",
    "table",
    "indicator",
    "disaggregation",
    "period",
    "value",
    "unit",
    "symbol",
]
SOURCES = [
    "region__ags",
    "region__name",
    "batch__table",
    "indicator__code",
    "disaggregation",
    "period",
    "value",
    "indicator__unit",
    "symbol",
]


def observations_frame(region: Region, table: str = "") -> pl.DataFrame:
    """All values of `region` (of one table or statistic if given), sorted."""
    rows = Observation.objects.filter(region=region)
    if table:
        rows = rows.filter(
            Q(batch__table=table)
            | Q(indicator__table_code=table)
            | Q(indicator__statistic_code=table)
        )
    rows = rows.order_by("indicator__code", "disaggregation", "period").values_list(*SOURCES)
    schema = {name: pl.String for name in COLUMNS} | {"value": pl.Float64}
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """Whole numbers without a decimal point (199422, not 199422.0); empty cell = no value;
    text cells defused (a symbol `-` is written `'-`)."""
    whole = pl.col("value").round(0) == pl.col("value")
    text = (
        pl.when(whole & (pl.col("value").abs() < 1e15))
        .then(pl.col("value").cast(pl.Int64).cast(pl.String))
        .otherwise(pl.col("value").cast(pl.String))
    )
    # Text that a spreadsheet would take for a formula gets a leading ' (`cells.defuse`); the
    # value column is a number, so a negative value stays a number.
    texts = [
        pl.col(name).map_elements(cells.defuse, return_dtype=pl.String)
        for name in COLUMNS
        if name != "value"
    ]
    frame.with_columns(*texts, value=text).select(COLUMNS).write_csv(path)
