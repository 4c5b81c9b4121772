"""Live figures for the indicator evidence of SWOT items: the district's value next to its
comparison regions (and group median) in the chosen or latest period, with a small chart.

All observations the evidence of a page needs come from one query, whatever the number of
items; groups add one query each for their members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from kek.charts import Chart, comparison_bars
from kek.charts.texts import NO_VALUE, format_number, format_period
from kek.regions.models import Region
from kek.statistics.figures import (
    GERMANY,
    SOURCE_LINE,
    decimals_for,
    default_disaggregation,
    shown_value,
)
from kek.statistics.models import ImportBatch, Observation

from .models import IndicatorEvidence

SCHEMA = {
    "indicator_id": pl.Int64,
    "region_id": pl.Int64,
    "period": pl.String,
    "disaggregation": pl.String,
    "value": pl.Float64,
    "symbol": pl.String,
    "batch_id": pl.Int64,
}


@dataclass
class Comparison:
    name: str
    value: str
    difference: str  # district relative to this reference, or its share for counts; "" if unknown


@dataclass
class Figure:
    evidence: IndicatorEvidence
    period: str = ""
    home_value: str = NO_VALUE
    comparisons: list[Comparison] = field(default_factory=list)
    chart: Chart | None = None
    source: str = SOURCE_LINE
    data_date: str = ""  # "abgerufen am 01.03.2026" or "importiert am …"

    @property
    def indicator(self):
        return self.evidence.indicator

    def as_text(self) -> str:
        """One line for downloads: "Bevölkerung (31.12.2024): 199.422 Personen; Sachsen …"."""
        unit = f" {self.indicator.unit}" if self.indicator.unit else ""
        parts = [f"{self.indicator.name} ({self.period or 'ohne Daten'}): {self.home_value}{unit}"]
        parts += [
            f"{c.name} {c.value}{unit} ({c.difference})" if c.difference else f"{c.name} {c.value}"
            for c in self.comparisons
        ]
        return "; ".join(parts)


def figures(home: Region, evidence: Iterable[IndicatorEvidence]) -> dict[int, Figure]:
    """Figure per evidence id."""
    evidence = list(evidence)
    if not evidence:
        return {}
    groups = {
        group.pk: list(group.regions())
        for ev in evidence
        if (group := ev.comparison_group) is not None
    }
    regions = _regions(home, evidence, groups)
    frame = _observations(evidence, regions)
    batches = _batches(frame)
    return {ev.pk: _figure(home, ev, frame, regions, batches, groups) for ev in evidence}


def _default_references(home: Region) -> list[str]:
    return [home.ags[:2], GERMANY]


def _regions(
    home: Region, evidence: list[IndicatorEvidence], groups: dict[int, list[Region]]
) -> dict[str, Region]:
    keys = {home.ags, *_default_references(home)}
    keys |= {region.ags for ev in evidence if (region := ev.comparison_region) is not None}
    found = {r.ags: r for r in Region.objects.filter(ags__in=keys)}
    for members in groups.values():
        for region in members:
            found.setdefault(region.ags, region)
    return found


def _observations(evidence: list[IndicatorEvidence], regions: dict[str, Region]) -> pl.DataFrame:
    rows = Observation.objects.filter(
        indicator_id__in={ev.indicator_id for ev in evidence},
        region_id__in=[r.pk for r in regions.values()],
    ).values_list(*SCHEMA)
    return pl.DataFrame(list(rows), schema=SCHEMA, orient="row")


def _batches(frame: pl.DataFrame) -> dict[int, ImportBatch]:
    ids = frame["batch_id"].unique().drop_nulls().to_list()
    return ImportBatch.objects.in_bulk(ids)


def _figure(home, ev, frame, regions, batches, groups) -> Figure:
    figure = Figure(evidence=ev)
    rows = frame.filter(pl.col("indicator_id") == ev.indicator_id)
    options = rows["disaggregation"].unique().to_list()
    chosen = ev.disaggregation or default_disaggregation(options)
    rows = rows.filter(pl.col("disaggregation") == chosen)
    home_rows = rows.filter(pl.col("region_id") == home.pk)
    period = ev.period or (home_rows["period"].max() if home_rows.height else None)
    if period is None:
        return figure
    at = rows.filter(pl.col("period") == period)
    values = dict(zip(at["region_id"].to_list(), at["value"].to_list(), strict=True))
    symbols = dict(zip(at["region_id"].to_list(), at["symbol"].to_list(), strict=True))
    decimals = decimals_for(at["value"])
    home_value = values.get(home.pk)
    figure.period = format_period(period)
    figure.home_value = shown_value(home_value, symbols.get(home.pk) or "", decimals)
    bars = [{"region": home.name, "value": home_value}]
    for region in _references(home, ev, regions):
        value = values.get(region.pk)
        figure.comparisons.append(
            Comparison(
                region.name,
                shown_value(value, symbols.get(region.pk) or "", decimals),
                _difference(ev, home_value, value),
            )
        )
        bars.append({"region": region.name, "value": value})
    if ev.comparison_group_id:
        median = _group_median(values, groups[ev.comparison_group_id])
        name = f"{ev.comparison_group.name} (Median)"
        figure.comparisons.append(
            Comparison(name, format_number(median, decimals), _difference(ev, home_value, median))
        )
        bars.append({"region": name, "value": median})
    bars = [b for b in bars if b["value"] is not None]
    if home_value is not None and len(bars) > 1:
        figure.chart = comparison_bars(
            bars,
            title=f"{ev.indicator.name} ({figure.period})",
            unit=ev.indicator.unit,
            decimals=decimals,
            home=home.name,
        )
    batch_ids = at.filter(pl.col("region_id") == home.pk)["batch_id"].to_list()
    batch = batches.get(batch_ids[0]) if batch_ids else None
    if batch is not None:
        figure.source = batch.source
        figure.data_date = data_date(batch)
    return figure


def data_date(batch: ImportBatch) -> str:
    """When the data was fetched from the statistics office, else when it was imported."""
    if batch.downloaded_on:
        return f"abgerufen am {batch.downloaded_on:%d.%m.%Y}"
    return f"importiert am {(batch.finished_at or batch.created_at):%d.%m.%Y}"


def _references(home: Region, ev: IndicatorEvidence, regions: dict[str, Region]) -> list[Region]:
    if ev.comparison_region is not None:
        return [ev.comparison_region]
    if ev.comparison_group_id:
        return []
    return [regions[key] for key in _default_references(home) if key in regions]


def _group_median(values: dict[int, float | None], members: list[Region]) -> float | None:
    districts = [values.get(r.pk) for r in members if r.level == Region.Level.DISTRICT]
    known = pl.Series(districts, dtype=pl.Float64).drop_nulls()
    median = known.median()
    return median if isinstance(median, float) else None  # None for no districts


def _difference(ev: IndicatorEvidence, home: float | None, other: float | None) -> str:
    if home is None or other is None or other == 0:
        return ""
    if ev.indicator.additive:
        return f"Anteil des Kreises: {format_number(home / other * 100, 1)} %"
    change = (home - other) / abs(other) * 100
    sign = "+" if change > 0 else ""
    return f"Kreis {sign}{format_number(change, 1)} % gegenüber diesem Wert"
