"""Data of the public pages "Daten & Analyse" (F9, F10): bulk queries into polars, then the
measures of kek.statistics.analysis and the charts of kek.charts.

Every page needs a fixed number of queries, whatever the number of indicators, regions or
observations: an indicator's observations are read in one query, the home district's latest
values for all indicators in another.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import Max, Q
from django.templatetags.static import static

from kek.charts import (
    Chart,
    choropleth,
    comparison_bars,
    distribution,
    district_rows,
    municipal_map,
    time_series,
)
from kek.charts.texts import format_number, shown
from kek.core.periods import format_period, newest, period_order
from kek.core.symbols import Shown
from kek.regions.models import Region, RegionBoundary

from . import analysis
from .models import ImportBatch, Indicator, Observation, Topic

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"
SOURCE_LINE = "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland"
GERMANY = "DG"
LEVELS = (Region.Level.COUNTRY, Region.Level.STATE, Region.Level.DISTRICT)
MUNICIPAL_KEY = 8  # digits of a municipality's key (AGS)
CHART_NAMES = ("zeitreihe", "vergleich", "verteilung", "karte")
MUNICIPAL_MAP = "gemeindekarte"  # CSV name of the map of the home district's municipalities
OBSERVATION_SCHEMA = {
    "region_key": pl.String,
    "region_name": pl.String,
    "region_level": pl.String,
    "period": pl.String,
    "value": pl.Float64,
    "symbol": pl.String,
    "batch_id": pl.Int64,
}


# --- disaggregations and number formats ------------------------------------------------------


def default_disaggregation(disaggregations: list[str]) -> str:
    """The total: the empty key, else the one whose attributes are all "INSGESAMT", else the
    first in order."""
    options = sorted(disaggregations)
    if not options or analysis.TOTAL in options:
        return analysis.TOTAL
    for option in options:
        if all(pair.endswith(":INSGESAMT") for pair in option.split("|")):
            return option
    return options[0]


def decimals_for(values: pl.Series) -> int:
    """Whole numbers are shown without decimals, all others with one."""
    valid = values.drop_nulls()
    return 0 if valid.is_empty() or bool((valid == valid.round(0)).all()) else 1


def shown_value(value: float | None, symbol: str, decimals: int) -> str:
    """The value as plain text: the number, ``- (nichts vorhanden)`` for a symbol or
    ``k. A.`` (pages show :func:`kek.charts.texts.shown`, which explains the symbol)."""
    return str(shown(value, symbol, decimals))


# --- overview: latest home value of every indicator ------------------------------------------


@dataclass
class IndicatorSummary:
    indicator: Indicator
    value: Shown
    period: str


@dataclass
class TopicSummary:
    topic: Topic | None
    indicators: list[IndicatorSummary] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.topic.name if self.topic else "Weitere Indikatoren"


def topic_summaries(home_region: Region, topic: Topic | None = None) -> list[TopicSummary]:
    """Topics (all, or only ``topic``) with their indicators and the home district's latest
    value of each indicator's total; three queries."""
    topics = [topic] if topic else list(Topic.objects.all())
    indicators = Indicator.objects.select_related("topic").order_by("name")
    if topic:
        indicators = indicators.filter(topic=topic)
    latest = _latest_home_values(home_region, topic)
    by_topic = {t.pk: TopicSummary(t) for t in topics}
    others = TopicSummary(None)
    for indicator in indicators:
        summary = by_topic.get(indicator.topic_id, others)
        value, period = latest.get(indicator.pk, (Shown(), ""))
        summary.indicators.append(IndicatorSummary(indicator, value, period))
    return [*by_topic.values(), *([others] if others.indicators else [])]


def total_priority() -> pl.Expr:
    """0 for the empty key, 1 where all attributes are "INSGESAMT", else 2 (see
    :func:`default_disaggregation`)."""
    key = pl.col("disaggregation")
    all_total = key.str.split("|").list.eval(pl.element().str.ends_with(":INSGESAMT")).list.all()
    return pl.when(key == analysis.TOTAL).then(0).when(all_total).then(1).otherwise(2)


def _latest_home_values(home_region: Region, topic: Topic | None) -> dict[int, tuple[Shown, str]]:
    """indicator id → (shown value, shown period) of the latest total of the home district."""
    rows = Observation.objects.filter(region=home_region)
    if topic:
        rows = rows.filter(indicator__topic=topic)
    frame = pl.DataFrame(
        list(rows.values_list("indicator_id", "disaggregation", "period", "value", "symbol")),
        schema={
            "indicator_id": pl.Int64,
            "disaggregation": pl.String,
            "period": pl.String,
            "value": pl.Float64,
            "symbol": pl.String,
        },
        orient="row",
    )
    ordered = frame.with_columns(_priority=total_priority()).sort(
        "indicator_id",
        "_priority",
        "disaggregation",
        pl.col("period"),
        descending=[False, False, False, True],
    )
    totals = ordered.filter(
        pl.col("disaggregation") == pl.col("disaggregation").first().over("indicator_id")
    )
    latest = totals.group_by("indicator_id", maintain_order=True).first()
    return {
        row["indicator_id"]: (
            shown(row["value"], row["symbol"], decimals_for(pl.Series([row["value"]]))),
            format_period(row["period"]),
        )
        for row in latest.iter_rows(named=True)
    }


# --- one indicator ---------------------------------------------------------------------------


@dataclass
class IndicatorData:
    """All that an indicator page shows for one disaggregation, from four queries."""

    indicator: Indicator
    home: Region
    disaggregations: list[str]
    disaggregation: str
    frame: pl.DataFrame  # analysis long table: country, Länder and districts
    land: Region | None
    germany: Region | None
    batch: ImportBatch | None  # the newest import of the indicator's values
    data_period: str | None = None  # newest period of any of its values (Datenstand)
    municipalities: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema=OBSERVATION_SCHEMA)
    )

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def directions(self) -> dict[str, int]:
        return {self.code: int(self.indicator.direction)}

    @property
    def decimals(self) -> int:
        return decimals_for(self.frame["value"])

    @property
    def valid(self) -> pl.DataFrame:
        return self.frame.filter(pl.col("value").is_not_null())

    @property
    def latest_period(self) -> str | None:
        valid = self.valid
        return None if valid.is_empty() else str(valid["period"].max())

    def at_latest(self) -> pl.DataFrame:
        latest = self.latest_period
        return (
            self.frame.clear() if latest is None else self.frame.filter(pl.col("period") == latest)
        )

    def districts_at_latest(self) -> pl.DataFrame:
        latest = self.at_latest().filter(pl.col("region_level") == analysis.DISTRICT)
        return latest.sort("region_key").select(
            ags=pl.col("region_key"),
            region=pl.col("region_name"),
            value=pl.col("value"),
            symbol=pl.col("symbol"),
        )

    def references(self) -> list[Region]:
        """Home district, its Land and Germany (those that exist)."""
        return [r for r in (self.home, self.land, self.germany) if r is not None]


def load_indicator(indicator: Indicator, home: Region, wanted: str | None) -> IndicatorData:
    """Observations of ``indicator`` for Germany, the Länder, the districts and the home
    district's municipalities in the chosen disaggregation (``wanted``, default the total),
    the newest period of all its values and its newest import; four queries. Raises
    LookupError for an unknown disaggregation."""
    return load_indicators([indicator], home, wanted)[indicator.pk]


def load_indicators(
    indicators: Iterable[Indicator], home: Region, wanted: str | None = None
) -> dict[int, IndicatorData]:
    """:func:`load_indicator` for many indicators at once, by indicator id: four queries
    whatever their number (none for none). ``wanted`` applies to every indicator; LookupError
    when one of them lacks it."""
    chosen = {indicator.pk: indicator for indicator in indicators}
    if not chosen:
        return {}
    stored = _stored_periods(list(chosen))
    options = {pk: sorted({d for d, _, _ in stored.get(pk, [])}) for pk in chosen}
    if wanted is not None and any(wanted not in found for found in options.values()):
        raise LookupError(wanted)
    keys = {
        pk: default_disaggregation(found) if wanted is None else wanted
        for pk, found in options.items()
    }
    frames = _observation_frames(keys, home)
    references = {r.ags: r for r in Region.objects.filter(ags__in=[home.ags[:2], GERMANY])}
    newest_batches = {
        pk: max(ids)
        for pk in chosen
        if (ids := [batch for _, _, batch in stored.get(pk, []) if batch is not None])
    }
    batches = ImportBatch.objects.in_bulk(set(newest_batches.values())) if newest_batches else {}
    empty = pl.DataFrame(schema=OBSERVATION_SCHEMA)
    result = {}
    for pk, indicator in chosen.items():
        every = frames.get(pk, empty).with_columns(
            indicator=pl.lit(indicator.code), disaggregation=pl.lit(keys[pk])
        )
        result[pk] = IndicatorData(
            indicator=indicator,
            home=home,
            disaggregations=options[pk],
            disaggregation=keys[pk],
            frame=every.filter(pl.col("region_level").is_in([level.value for level in LEVELS])),
            land=references.get(home.ags[:2]),
            germany=references.get(GERMANY),
            batch=batches.get(newest_batches[pk]) if pk in newest_batches else None,
            data_period=newest(period for _, period, _ in stored.get(pk, [])),
            municipalities=every.filter(_local()),
        )
    return result


def _stored_periods(indicator_ids: list[int]) -> dict[int, list[tuple[str, str, int | None]]]:
    """indicator id → (disaggregation, period, newest batch) of all its stored values."""
    rows = (
        Observation.objects.filter(indicator_id__in=indicator_ids)
        .values("indicator_id", "disaggregation", "period")
        .annotate(batch=Max("batch_id"))
        .order_by("indicator_id", "disaggregation", "period")
        .values_list("indicator_id", "disaggregation", "period", "batch")
    )
    stored: dict[int, list[tuple[str, str, int | None]]] = {}
    for pk, disaggregation, period, batch in rows:
        stored.setdefault(pk, []).append((disaggregation, period, batch))
    return stored


def _observation_frames(disaggregations: dict[int, str], home: Region) -> dict[int, pl.DataFrame]:
    """indicator id → its observations in its disaggregation for Germany, the Länder, the
    districts and the home district's municipalities, ordered by region and period."""
    by_key: dict[str, list[int]] = {}
    for pk, key in disaggregations.items():
        by_key.setdefault(key, []).append(pk)
    which = Q()
    for key, ids in by_key.items():
        which |= Q(indicator_id__in=ids, disaggregation=key)
    here = Q(region__level__in=LEVELS) | Q(
        region__level=Region.Level.MUNICIPALITY, region__ags__startswith=home.ags
    )
    rows = Observation.objects.filter(here, which).values_list(
        "indicator_id",
        "region__ags",
        "region__name",
        "region__level",
        "period",
        "value",
        "symbol",
        "batch_id",
    )
    schema = {"indicator_id": pl.Int64, **OBSERVATION_SCHEMA}
    frame = pl.DataFrame(list(rows), schema=schema, orient="row")
    # The database returns rows in no fixed order; one indicator's frame is the same alone
    # and among others.
    ordered = frame.sort("indicator_id", "region_key", "period")
    return {
        pk: part.drop("indicator_id")
        for (pk,), part in ordered.partition_by(
            "indicator_id", as_dict=True, maintain_order=True
        ).items()
    }


def _local() -> pl.Expr:
    """A municipality of the home district (not an association of municipalities)."""
    return (pl.col("region_level") == Region.Level.MUNICIPALITY.value) & (
        pl.col("region_key").str.len_chars() == MUNICIPAL_KEY
    )


def charts(data: IndicatorData) -> dict[str, Chart]:
    """The charts that have data, by their CSV name (see CHART_NAMES)."""
    name, unit, decimals = data.indicator.name, data.indicator.unit, data.decimals
    direction = int(data.indicator.direction)
    result: dict[str, Chart] = {}
    keys = [r.ags for r in data.references()]
    lines = data.valid.filter(pl.col("region_key").is_in(keys))
    if lines["period"].n_unique() > 1:
        order = pl.col("region_key").replace_strict(keys, list(range(len(keys))))
        rows = data.frame.filter(pl.col("region_key").is_in(keys)).sort(order, "period")
        result["zeitreihe"] = time_series(
            rows.select(
                region=pl.col("region_name"), period="period", value="value", symbol="symbol"
            ),
            title=f"{name}: {data.home.name}, Land und Deutschland im Zeitverlauf",
            unit=unit,
            decimals=decimals,
            home=data.home.name,
        )
    latest = data.at_latest()
    if data.latest_period is None:
        return result
    values = dict(zip(latest["region_key"], latest["value"], strict=True))
    symbols = dict(zip(latest["region_key"], latest["symbol"], strict=True))
    if any(values.get(key) is not None for key in keys):
        bars = [
            {"region": r.name, "value": values.get(r.ags), "symbol": symbols.get(r.ags)}
            for r in data.references()
        ]
        result["vergleich"] = comparison_bars(
            bars,
            title=f"{name} ({format_period(data.latest_period)}): Kreis, Land und Deutschland",
            unit=unit,
            decimals=decimals,
            home=data.home.name,
        )
    districts = data.districts_at_latest()
    if districts["value"].drop_nulls().len():
        when = format_period(data.latest_period)
        summary = analysis.district_summary(
            district_rows(districts, decimals), data.home.ags, direction
        )
        home = data.home.ags
        result["verteilung"] = distribution(
            districts,
            title=f"{name} ({when}): alle Kreise in Deutschland",
            unit=unit,
            decimals=decimals,
            home=home,
            direction=direction,
            summary=summary,
        )
        result["karte"] = choropleth(
            districts,
            title=f"{name} ({when}): Karte der Kreise",
            unit=unit,
            decimals=decimals,
            home=home,
            direction=direction,
            geojson_url=static("geo/kreise.geojson"),
            summary=summary,
        )
    return result


def home_rank(data: IndicatorData) -> dict[str, Any] | None:
    """Rank and percentile of the home district in the latest period, among all districts
    and within its Land (analysis.rank, direction-aware)."""
    if data.latest_period is None:
        return None
    ranked = analysis.rank(data.at_latest(), data.directions).filter(
        (pl.col("region_key") == data.home.ags) & pl.col("rank").is_not_null()
    )
    if ranked.is_empty():
        return None
    row = ranked.row(0, named=True)
    return {
        "rank": row["rank"],
        "count": row["rank_count"],
        "percentile": format_number(row["percentile"], 0),
        "rank_land": row["rank_land"],
        "count_land": row["rank_count_land"],
        "percentile_land": format_number(row["percentile_land"], 0),
    }


def comparison_rows(data: IndicatorData) -> list[dict[str, Any]]:
    """Home district vs. Land vs. Germany per period, newest first, formatted for the table
    (values as :class:`~kek.core.symbols.Shown`, symbols explained)."""
    if data.frame.is_empty():
        return []
    compared = analysis.comparison(data.frame, data.directions, data.home.ags)
    decimals = data.decimals
    symbols = {
        (key, str(period)): symbol
        for key, period, symbol in data.frame.select("region_key", "period", "symbol").iter_rows()
        if symbol
    }
    verdict = {1: "besser", -1: "schlechter", 0: "gleich"}
    rows = []
    ordered = sorted(
        compared.iter_rows(named=True), key=lambda r: period_order(r["period"]), reverse=True
    )
    for row in ordered:
        period = str(row["period"])
        keys = {"value": data.home.ags, "land_value": row["land_key"], "germany_value": GERMANY}
        values = {
            column: shown(row[column], symbols.get((key, period)), decimals)
            for column, key in keys.items()
        }
        rows.append(
            {
                "period": format_period(row["period"]),
                **values,
                "diff_land_pct": _percent(row["diff_land_pct"]),
                "diff_germany_pct": _percent(row["diff_germany_pct"]),
                "vs_land": verdict.get(row["vs_land"], ""),
                "vs_germany": verdict.get(row["vs_germany"], ""),
            }
        )
    return rows


def _percent(value: float | None) -> Shown:
    if value is None:
        return Shown()
    text = format_number(value, 1)
    return Shown(f"{text} %" if value <= 0 else f"+{text} %")


# --- the home district's municipalities ------------------------------------------------------

MUNICIPAL_ORDERS = {
    "name": "nach Name",
    "wert": "nach Wert, höchster zuerst",
    "wert-aufsteigend": "nach Wert, niedrigster zuerst",
}


@dataclass
class MunicipalTable:
    """The home district's municipalities in the newest period that has municipal values."""

    period: str  # as stored
    order: str  # a key of MUNICIPAL_ORDERS
    rows: list[dict[str, Any]]

    @property
    def period_label(self) -> str:
        return format_period(self.period)

    @property
    def with_value(self) -> int:
        return sum(1 for row in self.rows if row["value"] is not None)


def municipal_table(data: IndicatorData, order: str | None = None) -> MunicipalTable | None:
    """The municipalities (eight-digit keys) of the home district with their value in the
    newest period of the imported municipal values, sorted by name (German alphabet) or by
    value (``order``: a key of MUNICIPAL_ORDERS; missing values last); None without any."""
    frame = data.municipalities
    period = newest(frame["period"].unique().to_list())
    if period is None:
        return None
    order = order if order in MUNICIPAL_ORDERS else "name"
    latest = frame.filter(pl.col("period") == period)
    decimals = decimals_for(latest["value"])
    rows = [
        {
            "ags": row["region_key"],
            "name": row["region_name"],
            "value": row["value"],
            "symbol": row["symbol"],
            "shown": shown(row["value"], row["symbol"], decimals),
        }
        for row in latest.iter_rows(named=True)
    ]
    rows.sort(key=lambda row: (_name_key(row["name"]), row["ags"]))
    if order != "name":
        numbered = [row for row in rows if row["value"] is not None]
        numbered.sort(key=lambda row: row["value"], reverse=order == "wert")
        rows = numbered + [row for row in rows if row["value"] is None]
    return MunicipalTable(period, order, rows)


def municipal_choropleth(data: IndicatorData, table: MunicipalTable) -> Chart | None:
    """The map of the municipal table's municipalities, coloured by value, from the outlines
    loaded for them (`kek import-boundaries`, or the district's default content); None when
    none of them has an outline. One query."""
    outlines = list(
        RegionBoundary.objects.filter(ags__in=[row["ags"] for row in table.rows]).values_list(
            "ags", "name", "geometry", "source"
        )
    )
    if not outlines:
        return None
    features = [
        {"type": "Feature", "properties": {"AGS": ags, "GEN": name}, "geometry": geometry}
        for ags, name, geometry, _ in outlines
    ]
    sources = "; ".join(sorted({source for *_, source in outlines if source}))
    rows = [
        {"ags": row["ags"], "region": row["name"], "value": row["value"], "symbol": row["symbol"]}
        for row in sorted(table.rows, key=lambda row: row["ags"])
    ]
    decimals = decimals_for(pl.Series([row["value"] for row in rows], dtype=pl.Float64))
    summary = analysis.district_summary(district_rows(rows, decimals), None, 0)
    return municipal_map(
        rows,
        features=features,
        title=f"{data.indicator.name} ({table.period_label}): Gemeinden in {data.home.name}",
        unit=data.indicator.unit,
        decimals=decimals,
        district=data.home.name,
        summary=summary,
        attribution=sources,
    )


def _name_key(name: str) -> str:
    """Alphabetical order of German names (DIN 5007: ä as a, ß as ss)."""
    plain = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    return "".join(char for char in plain if not unicodedata.combining(char))


def home_value(data: IndicatorData) -> Shown:
    latest = data.at_latest().filter(pl.col("region_key") == data.home.ags)
    if latest.is_empty():
        return Shown()
    row = latest.row(0, named=True)
    return shown(row["value"], row["symbol"], data.decimals)
