"""Live figures for the indicator evidence of SWOT items: the district's value next to its
comparison regions (and group median) in the chosen or latest period, with a small chart.

Like is compared with like: a count (`Indicator.additive`, e.g. 199.422 inhabitants against
Saxony's 4 million) is compared through the figure derived from it per area or per case
(Bevölkerungsdichte), or, without one, only its own development is stated. Differences follow
one convention (`difference_text`): district minus reference, in percentage points for
percentages.

All observations the evidence of a page needs come from one query, whatever the number of
items; groups add one query each for their members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl
from django.db.models import Q

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
from kek.statistics.models import ImportBatch, Indicator, Observation

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


PERCENT_UNITS = frozenset({"Prozent", "%"})


@dataclass
class Comparison:
    name: str
    value: str
    difference: str  # the district against this reference (see difference_text); "" if unknown


@dataclass
class Figure:
    """What a page shows of one indicator evidence. For a count (`Indicator.additive`) the
    comparisons are of `compared`, the count per area or per case derived from it, if there is
    one; else there are none and `development` states the district's own course."""

    evidence: IndicatorEvidence
    home_name: str = ""
    period: str = ""
    home_value: str = NO_VALUE
    comparisons: list[Comparison] = field(default_factory=list)
    compared: Indicator | None = None
    compared_period: str = ""
    compared_home_value: str = ""
    development: str = ""
    chart: Chart | None = None
    source: str = SOURCE_LINE
    data_date: str = ""  # "31.12.2024 (abgerufen am 01.03.2026)" or "… (importiert am …)"

    @property
    def indicator(self):
        return self.evidence.indicator

    @property
    def compared_unit(self) -> str:
        return (self.compared or self.indicator).unit

    @property
    def differences(self) -> str:
        """ "Nordsachsen −55,4 % unter Sachsen, −58,8 % unter Deutschland" ("" if none)."""
        known = [c.difference for c in self.comparisons if c.difference]
        return f"{self.home_name} {', '.join(known)}" if known else ""

    def as_text(self) -> str:
        """One line for downloads: "Bevölkerungsdichte (31.12.2024): 97,7 Einwohner je km²;
        Sachsen 218,9 Einwohner je km²; …; Nordsachsen −55,4 % unter Sachsen, …"."""
        unit = f" {self.indicator.unit}" if self.indicator.unit else ""
        parts = [f"{self.indicator.name} ({self.period or 'ohne Daten'}): {self.home_value}{unit}"]
        if self.compared is not None:
            other = f" {self.compared.unit}" if self.compared.unit else ""
            parts.append(
                f"Vergleichsgröße {self.compared.name} ({self.compared_period}): "
                f"{self.home_name} {self.compared_home_value}{other}"
            )
            unit = other
        parts += [
            f"{c.name} {c.value}{unit}" if c.value != NO_VALUE else f"{c.name} {c.value}"
            for c in self.comparisons
        ]
        if self.differences:
            parts.append(self.differences)
        if self.development:
            parts.append(self.development)
        return "; ".join(parts)


def difference_text(home: float | None, other: float | None, name: str, unit: str) -> str:
    """The district against a reference, one convention everywhere: district minus reference,
    in percentage points for percentages ("+1,2 Prozentpunkte über Sachsen"), else relative
    ("−55,4 % unter Sachsen"); "gleichauf mit Sachsen"; "" if a value is unknown."""
    if home is None or other is None:
        return ""
    if unit in PERCENT_UNITS:
        delta, measure = home - other, "Prozentpunkte"
    elif other == 0:
        return ""
    else:
        delta, measure = (home - other) / abs(other) * 100, "%"
    if round(delta, 1) == 0:
        return f"gleichauf mit {name}"
    sign, where = ("+", "über") if delta > 0 else ("−", "unter")
    return f"{sign}{format_number(abs(delta), 1)} {measure} {where} {name}"


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
    derived = per_unit_figures({ev.indicator for ev in evidence if ev.indicator.additive})
    frame = _observations(
        {ev.indicator_id for ev in evidence} | {d.pk for d in derived.values()}, regions
    )
    batches = _batches(frame)
    return {
        ev.pk: _figure(home, ev, frame, regions, batches, groups, derived.get(ev.indicator_id))
        for ev in evidence
    }


def per_unit_figures(counts: Iterable[Indicator]) -> dict[int, Indicator]:
    """For counts, the indicator derived from each as count per something (its formula begins
    "CODE / …", e.g. Bevölkerungsdichte = BEVSTD / Fläche): the figure to compare instead of
    the count, which is always far below its Land's. One query."""
    by_code = {indicator.code: indicator for indicator in counts}
    if not by_code:
        return {}
    starts = Q()
    for code in by_code:
        starts |= Q(formula__startswith=f"{code} /")
    found: dict[int, Indicator] = {}
    for derived in Indicator.objects.filter(starts).order_by("code"):
        count = by_code.get(derived.formula.split(" /", 1)[0])
        if count is not None:
            found.setdefault(count.pk, derived)
    return found


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


def _observations(indicator_ids: set[int], regions: dict[str, Region]) -> pl.DataFrame:
    rows = Observation.objects.filter(
        indicator_id__in=indicator_ids,
        region_id__in=[r.pk for r in regions.values()],
    ).values_list(*SCHEMA)
    return pl.DataFrame(list(rows), schema=SCHEMA, orient="row")


def _batches(frame: pl.DataFrame) -> dict[int, ImportBatch]:
    ids = frame["batch_id"].unique().drop_nulls().to_list()
    return ImportBatch.objects.in_bulk(ids)


def _rows(frame: pl.DataFrame, indicator_id: int, disaggregation: str) -> pl.DataFrame:
    rows = frame.filter(pl.col("indicator_id") == indicator_id)
    chosen = disaggregation or default_disaggregation(rows["disaggregation"].unique().to_list())
    return rows.filter(pl.col("disaggregation") == chosen)


def _at(rows: pl.DataFrame, period: str) -> tuple[dict, dict, int]:
    at = rows.filter(pl.col("period") == period)
    regions = at["region_id"].to_list()
    values = dict(zip(regions, at["value"].to_list(), strict=True))
    symbols = dict(zip(regions, at["symbol"].to_list(), strict=True))
    return values, symbols, decimals_for(at["value"])


def _figure(home, ev, frame, regions, batches, groups, derived: Indicator | None) -> Figure:
    figure = Figure(evidence=ev, home_name=home.name)
    rows = _rows(frame, ev.indicator_id, ev.disaggregation)
    home_rows = rows.filter(pl.col("region_id") == home.pk)
    latest = home_rows["period"].max() if home_rows.height else None
    period = ev.period or (str(latest) if latest is not None else "")
    if not period:
        return figure
    values, symbols, decimals = _at(rows, period)
    home_value = values.get(home.pk)
    figure.period = format_period(period)
    figure.home_value = shown_value(home_value, symbols.get(home.pk) or "", decimals)
    compared, unit = ev.indicator, ev.indicator.unit
    if ev.indicator.additive:
        # A count is compared only through a figure per area or per case (like with like).
        if derived is None:
            figure.development = _development(home_rows, period, ev.indicator.unit)
            _source(figure, rows, period, home, batches)
            return figure
        derived_rows = _rows(frame, derived.pk, "")
        own = derived_rows.filter(pl.col("region_id") == home.pk)["period"]
        own_periods = [str(p) for p in own.to_list()]
        compared_period = period if period in own_periods or not own_periods else max(own_periods)
        values, symbols, decimals = _at(derived_rows, compared_period)
        home_value = values.get(home.pk)
        compared, unit = derived, derived.unit
        figure.compared = derived
        figure.compared_period = format_period(compared_period)
        figure.compared_home_value = shown_value(home_value, symbols.get(home.pk) or "", decimals)
    bars = [{"region": home.name, "value": home_value}]
    for region in _references(home, ev, regions):
        value = values.get(region.pk)
        figure.comparisons.append(
            Comparison(
                region.name,
                shown_value(value, symbols.get(region.pk) or "", decimals),
                difference_text(home_value, value, region.name, unit),
            )
        )
        bars.append({"region": region.name, "value": value})
    if ev.comparison_group_id:
        median = _group_median(values, groups[ev.comparison_group_id])
        group = ev.comparison_group.name
        name = f"{group} (Median)"
        figure.comparisons.append(
            Comparison(
                name,
                format_number(median, decimals),
                difference_text(home_value, median, f"dem Median der Gruppe „{group}“", unit),
            )
        )
        bars.append({"region": name, "value": median})
    bars = [b for b in bars if b["value"] is not None]
    if home_value is not None and len(bars) > 1:
        shown_period = figure.compared_period or figure.period
        figure.chart = comparison_bars(
            bars,
            title=f"{compared.name} ({shown_period})",
            unit=unit,
            decimals=decimals,
            home=home.name,
        )
    _source(figure, rows, period, home, batches)
    return figure


def _development(home_rows: pl.DataFrame, period: str, unit: str) -> str:
    """ "Entwicklung 2019–2024: 197.000 → 199.422 Personen (+1,2 %)" up to `period`; "" for
    fewer than two values."""
    known = home_rows.filter(pl.col("value").is_not_null() & (pl.col("period") <= period))
    if known.height < 2:
        return ""
    known = known.sort("period")
    first, last = known.row(0, named=True), known.row(-1, named=True)
    decimals = decimals_for(known["value"])
    text = (
        f"Entwicklung {format_period(first['period'])}–{format_period(last['period'])}: "
        f"{format_number(first['value'], decimals)} → {format_number(last['value'], decimals)}"
        f"{f' {unit}' if unit else ''}"
    )
    if first["value"]:
        change = (last["value"] - first["value"]) / abs(first["value"]) * 100
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        text += f" ({sign}{format_number(abs(change), 1)} %)"
    return text


def _source(figure: Figure, rows: pl.DataFrame, period: str, home, batches) -> None:
    at = rows.filter((pl.col("period") == period) & (pl.col("region_id") == home.pk))
    batch_ids = at["batch_id"].to_list()
    batch = batches.get(batch_ids[0]) if batch_ids else None
    if batch is not None:
        figure.source = batch.source
        # The date of the data itself; when it was fetched or imported beside it.
        figure.data_date = f"{format_period(period)} ({data_date(batch)})"


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
