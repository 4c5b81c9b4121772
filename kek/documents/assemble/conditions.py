"""The socioeconomic conditions (Sozioökonomische Rahmenbedingungen) from the statistics: per
analysis topic its indicators with the district against its Land and Germany, charts of the
key ones with a sentence of their numbers, the district's municipal map.

All indicators are loaded once per document (`Statistics.load`) through
`kek.statistics.figures`; a chapter only arranges them."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from kek.charts import Chart
from kek.charts.texts import format_number
from kek.core.periods import format_period
from kek.goals.models import Concept
from kek.regions.models import Region
from kek.statistics.figures import (
    IndicatorData,
    TopicSummary,
    charts,
    home_value,
    load_indicators,
    municipal_choropleth,
    municipal_table,
    shown_value,
    topic_summaries,
)
from kek.swot.evidence import difference_text

from ..blocks import source_line
from ..document import Block, Figure, KeyFigures, Note, Paragraph, Section, Table
from .common import Sources

KEY_CHARTS = 2  # charts per topic: the build stays fast and the chapter readable
# The district map: the first of these with municipal values, else any indicator with them.
MAP_INDICATORS = ("BEVDICHTE", "AI0111")
HEADLINE_INDICATORS = ("BEVSTD", "BEVDICHTE", "GEM001")
PLAIN_UNITS = ("Anzahl", "Personen")  # not named beside a headline figure


@dataclass
class Statistics:
    """Every indicator of the catalogue with its data for the district, by topic."""

    home: Region
    topics: list[TopicSummary]
    data: dict[int, IndicatorData] = field(default_factory=dict)
    evidence_ids: set[int] = field(default_factory=set)  # indicators the SWOT items rest on

    @classmethod
    def load(cls, concept: Concept) -> Statistics:
        home = concept.region
        topics = [t for t in topic_summaries(home) if t.indicators]
        data = load_indicators([s.indicator for topic in topics for s in topic.indicators], home)
        return cls(home, topics, data)

    def by_code(self, code: str) -> IndicatorData | None:
        return next((d for d in self.data.values() if d.code == code), None)

    def use(self, data: IndicatorData, sources: Sources) -> None:
        sources.add_indicator(data.indicator, data.data_period, data.batch)


# ----------------------------------------------------------------------------- topics


def topic_sections(stats: Statistics, sources: Sources, prefix: str) -> list[Section]:
    """One section per analysis topic with indicators, numbered prefix.1, prefix.2 …"""
    return [
        topic_section(stats, topic, sources, f"{prefix}.{index}")
        for index, topic in enumerate(stats.topics, 1)
    ]


def topic_section(stats: Statistics, topic: TopicSummary, sources: Sources, number: str) -> Section:
    found = [stats.data[s.indicator.pk] for s in topic.indicators]
    for data in found:
        stats.use(data, sources)
    blocks: list[Block] = []
    if topic.topic is not None and topic.topic.description:
        blocks.append(Paragraph(topic.topic.description))
    blocks.append(comparison_table(found, topic.name, stats.home))
    for data, chart in key_charts(found, stats.evidence_ids):
        blocks.append(Paragraph(numbers_text(data)))
        blocks.append(Figure(chart, chart.title, source_line(data.indicator, data)))
    key = f"thema-{topic.topic.slug}" if topic.topic else "thema-weitere"
    return Section(topic.name, number, blocks=blocks, key=key)


def comparison_table(found: list[IndicatorData], name: str, home: Region) -> Table:
    """The newest value of each indicator: the district, its Land and Germany."""
    land = next((d.land.name for d in found if d.land is not None), "Land")
    rows = []
    for data in found:
        period, values = latest_values(data)
        rows.append(
            (
                data.indicator.name,
                data.indicator.unit,
                format_period(period) if period else "k. A.",
                *values,
            )
        )
    tables = sorted({d.indicator.table_code for d in found if d.indicator.table_code})
    source = "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland"
    if tables:
        source += f", Tabellen {', '.join(tables)}" if len(tables) > 1 else f", Tabelle {tables[0]}"
    return Table(
        caption=f"{name}: {home.name} im Vergleich mit {land} und Deutschland",
        columns=("Indikator", "Einheit", "Stand", home.name, land, "Deutschland"),
        rows=tuple(rows),
        source=f"{source}; Lizenz dl-de/by-2-0",
        numeric=(3, 4, 5),
        widths=(5, 2, 2, 2, 2, 2),
    )


def latest_values(data: IndicatorData) -> tuple[str | None, tuple[str, str, str]]:
    """The newest period with a value of the district (else of any reference) and the shown
    values of district, Land and Germany in it (symbols of official statistics kept)."""
    keys = [data.home.ags, data.land.ags if data.land else "", "DG"]
    rows = data.frame.filter(pl.col("region_key").is_in(keys))
    own = rows.filter(pl.col("region_key") == data.home.ags)
    candidates = own if own.height else rows
    if candidates.is_empty():
        return None, ("k. A.", "k. A.", "k. A.")
    period = str(candidates.sort("period")["period"][-1])
    at = rows.filter(pl.col("period") == period)
    cells = {row["region_key"]: row for row in at.iter_rows(named=True)}
    values = tuple(
        shown_value(cells[k]["value"], cells[k]["symbol"] or "", data.decimals)
        if k in cells
        else "k. A."
        for k in keys
    )
    return period, (values[0], values[1], values[2])


def key_charts(found: list[IndicatorData], evidence: set[int]) -> list[tuple[IndicatorData, Chart]]:
    """The topic's key indicators (those the SWOT analysis rests on first, then ratios before
    counts) with their chart: the time series, else the comparison (not for a count)."""
    chosen = []
    ranked = sorted(
        found,
        key=lambda d: (d.indicator.pk not in evidence, d.indicator.additive, d.indicator.name),
    )
    for data in ranked:
        made = charts(data)
        # A count is not set against its Land's (like with like): only its time series.
        chart = made.get("zeitreihe") or (
            None if data.indicator.additive else made.get("vergleich")
        )
        if chart is not None and home_value(data).is_number:
            chosen.append((data, chart))
        if len(chosen) == KEY_CHARTS:
            break
    return chosen


def numbers_text(data: IndicatorData) -> str:
    """ "Bevölkerungsdichte (31.12.2024): Nordsachsen 97,7 Einwohner je km², Sachsen 218,9,
    Deutschland 233,7; Nordsachsen −55,4 % unter Sachsen, −58,2 % unter Deutschland." A count
    is not set against its Land (like with like): its own development is stated instead."""
    indicator = data.indicator
    period, (home, land, germany) = latest_values(data)
    if period is None:
        return f"{indicator.name}: Es liegen keine Werte vor."
    unit = f" {indicator.unit}" if indicator.unit else ""
    text = f"{indicator.name} ({format_period(period)}): {data.home.name} {home}{unit}"
    if data.land is not None:
        text += f", {data.land.name} {land}"
    text += f", Deutschland {germany}"
    if indicator.additive:
        development = development_text(data)
        return f"{text}. {development}" if development else f"{text}."
    differences = [
        difference_text(own, other, name, indicator.unit)
        for own, other, name in reference_numbers(data, period)
    ]
    differences = [d for d in differences if d]
    if differences:
        text += f"; {data.home.name} {', '.join(differences)}"
    return f"{text}."


def reference_numbers(data: IndicatorData, period: str) -> list[tuple[float, float | None, str]]:
    at = data.frame.filter(pl.col("period") == period)
    values = dict(zip(at["region_key"], at["value"], strict=True))
    own = values.get(data.home.ags)
    if own is None:
        return []
    return [(own, values.get(r.ags), r.name) for r in (data.land, data.germany) if r is not None]


def development_text(data: IndicatorData) -> str:
    """ "Entwicklung 2011 bis 2024: von 210.000 auf 199.422 (−5,0 %)." """
    own = data.valid.filter(pl.col("region_key") == data.home.ags).sort("period")
    if own.height < 2:
        return ""
    first, last = own.row(0, named=True), own.row(-1, named=True)
    decimals = data.decimals
    text = (
        f"Entwicklung {format_period(first['period'])} bis {format_period(last['period'])}: "
        f"von {format_number(first['value'], decimals)} auf "
        f"{format_number(last['value'], decimals)}"
    )
    if first["value"]:
        change = (last["value"] - first["value"]) / abs(first["value"]) * 100
        sign = "+" if change > 0 else ("−" if change < 0 else "±")
        text += f" ({sign}{format_number(abs(change), 1)} %)"
    return f"{text}."


# ----------------------------------------------------------------------------- map, headline


def district_map(stats: Statistics, sources: Sources) -> list[Block]:
    """The map of the district's municipalities for an indicator with municipal values."""
    found = [d for code in MAP_INDICATORS if (d := stats.by_code(code)) is not None]
    found += [d for d in stats.data.values() if d not in found]
    for data in found:
        table = municipal_table(data)
        if table is None or not table.with_value:
            continue
        chart = municipal_choropleth(data, table)
        if chart is None:
            continue
        stats.use(data, sources)
        return [Figure(chart, chart.title, source_line(data.indicator, data))]
    return [Note("Für eine Karte der Gemeinden liegen keine Gemeindewerte mit Umrissen vor.")]


def headline_figures(stats: Statistics, sources: Sources) -> KeyFigures | None:
    """ "Bevölkerung am 31.12.2024: 199.422 Personen" and the like."""
    items = []
    for code in HEADLINE_INDICATORS:
        data = stats.by_code(code)
        if data is None:
            continue
        period, (value, _, _) = latest_values(data)
        if period is None or not home_value(data).is_number:
            continue
        stats.use(data, sources)
        when = format_period(period)
        label = (
            f"{data.indicator.name} am {when}"
            if when.count(".") == 2
            else (f"{data.indicator.name} {when}")
        )
        if data.indicator.unit and data.indicator.unit not in PLAIN_UNITS:
            label += f" ({data.indicator.unit})"
        items.append((label, value))
    if not items:
        return None
    return KeyFigures(tuple(items), source="Statistische Ämter des Bundes und der Länder, "
                      "Regionaldatenbank Deutschland; Lizenz dl-de/by-2-0")  # fmt: skip
