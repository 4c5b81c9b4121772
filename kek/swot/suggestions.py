"""Suggestions from the data (F11): feed the observations into the pure rulebook and keep its
candidates with the planner's decisions.

Only indicators with a desired direction that are not plain counts (`Indicator.additive`)
are compared: a district's count is always far below its Land's, which says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kek.charts.texts import format_number, format_period
from kek.goals.models import Concept
from kek.regions.models import Region
from kek.statistics.figures import GERMANY, decimals_for, total_priority
from kek.statistics.models import Indicator, Observation

from . import rulebook
from .evidence import difference_text
from .models import IndicatorEvidence, SwotItem, SwotSuggestion

RULES_FILE = Path(settings.BASE_DIR) / "data" / "swot" / "rules.yaml"
TABLE_SCHEMA = {
    "indicator": pl.String,
    "direction": pl.Int64,
    "region_key": pl.String,
    "period": pl.String,
    "disaggregation": pl.String,
    "value": pl.Float64,
}


@dataclass(frozen=True)
class Refreshed:
    added: int
    kept: int
    removed: int

    def summary(self) -> str:
        return (
            f"{self.added} neue Vorschläge, {self.kept} unverändert, "
            f"{self.removed} offene Vorschläge entfallen (Daten haben sich geändert)."
        )


def land_key(region: Region) -> str:
    return region.ags[:2]


def observation_table(region: Region) -> pl.DataFrame:
    """Totals of the comparable indicators for the district, its Land and Germany; one query."""
    rows = Observation.objects.filter(
        region__ags__in=[region.ags, land_key(region), GERMANY],
        indicator__additive=False,
        indicator__direction__in=[Indicator.Direction.HIGHER, Indicator.Direction.LOWER],
    ).values_list(
        "indicator__code", "indicator__direction", "region__ags", "period", "disaggregation",
        "value",
    )  # fmt: skip
    frame = pl.DataFrame(list(rows), schema=TABLE_SCHEMA, orient="row")
    best = frame.with_columns(_priority=total_priority()).with_columns(
        _best=pl.col("_priority").min().over("indicator")
    )
    chosen = best.filter(pl.col("_priority") == pl.col("_best")).with_columns(
        _first=pl.col("disaggregation").min().over("indicator")
    )
    return chosen.filter(pl.col("disaggregation") == pl.col("_first")).select(
        rulebook.TABLE_COLUMNS
    )


def compute(region: Region, rejected=()) -> list[rulebook.Suggestion]:
    rules = rulebook.load_rules(RULES_FILE)
    return rulebook.suggest(
        observation_table(region),
        rules,
        home=region.ags,
        land=land_key(region),
        country=GERMANY,
        rejected=rejected,
    )


@transaction.atomic
def refresh(region: Region) -> Refreshed:
    """Offer the rules' current candidates. Decided suggestions stay as they are (a rejected
    fingerprint is never offered again); open ones the data no longer supports are removed."""
    stored = SwotSuggestion.objects.filter(region=region)
    decided = set(
        stored.exclude(status=SwotSuggestion.Status.OPEN).values_list("fingerprint", flat=True)
    )
    found = compute(region, rejected=decided)
    open_now = set(
        stored.filter(status=SwotSuggestion.Status.OPEN).values_list("fingerprint", flat=True)
    )
    wanted = {s.fingerprint: s for s in found}
    removed, _ = (
        stored.filter(status=SwotSuggestion.Status.OPEN)
        .exclude(fingerprint__in=list(wanted))
        .delete()
    )
    indicators = dict(
        Indicator.objects.filter(code__in={s.indicator for s in found}).values_list("code", "pk")
    )
    bulk_create_with_history(
        [
            SwotSuggestion(
                region=region,
                indicator_id=indicators[s.indicator],
                kind=s.kind,
                rule=s.rule,
                numbers=s.numbers,
                explanation=s.explanation,
                fingerprint=s.fingerprint,
            )
            for fingerprint, s in wanted.items()
            if fingerprint not in open_now
        ],
        SwotSuggestion,
    )
    added = len(set(wanted) - open_now)
    return Refreshed(added=added, kept=len(wanted) - added, removed=removed)


# --------------------------------------------------------------------------- texts


@dataclass(frozen=True)
class Described:
    """A suggestion in words for the planner: the default title and text of its item."""

    title: str
    text: str


def describe(suggestion: SwotSuggestion, labels: dict[str, str] | None = None) -> Described:
    """ "Bevölkerungsdichte deutlich unter Sachsen: 97,7 Einwohner je km² (Sachsen 218,9)",
    and a text with the district's value, the comparisons (one sign convention, see
    evidence.difference_text), the development and the rule's meaning; German numbers."""
    indicator, region, numbers = suggestion.indicator, suggestion.region, suggestion.numbers
    land = _land_name(region)
    home, land_value = numbers.get("home_value"), numbers.get("land_value")
    country = numbers.get("country_value")
    decimals = decimals_for(pl.Series([home, land_value, country], dtype=pl.Float64))
    unit = f" {indicator.unit}" if indicator.unit else ""

    def number(value) -> str:
        return format_number(value, decimals)

    movement = _movement(numbers)
    if home is not None and land_value is not None:
        title = f"{indicator.name} {_position(home, land_value, land)}{movement}: "
        title += f"{number(home)}{unit} ({land} {number(land_value)})"
    elif "trend" in numbers:
        latest = number(numbers["trend_end_value"])
        title = f"{indicator.name}{movement.replace(' und', '')}: {latest}{unit}"
    else:
        title = indicator.name
    text = []
    if home is not None:
        period = format_period(numbers.get("period", ""))
        refs = [(land, land_value), (COUNTRY_NAME, country)]
        shown = "; ".join(f"{name} {number(v)}" for name, v in refs if v is not None)
        line = f"{indicator.name} in {region.name} ({period}): {number(home)}{unit}"
        text.append(f"{line}; {shown}." if shown else f"{line}.")
        differences = [
            difference_text(home, v, name, indicator.unit) for name, v in refs if v is not None
        ]
        if any(differences):
            text.append(f"{region.name} {', '.join(d for d in differences if d)}.")
    if "trend" in numbers:
        text.append(
            f"Entwicklung {format_period(numbers['trend_start'])}–"
            f"{format_period(numbers['trend_end'])}: {number(numbers['trend_start_value'])} → "
            f"{number(numbers['trend_end_value'])}{unit} "
            f"({_signed(numbers['trend_end_value'], numbers['trend_start_value'])} insgesamt)."
        )
    meaning = (labels if labels is not None else rule_labels()).get(suggestion.rule)
    kind = rulebook.KIND_LABELS.get(suggestion.kind, suggestion.kind)
    text.append(
        f"Vorschlag aus den amtlichen Daten ({kind}"
        f"{f': {meaning}' if meaning else ''}); bitte prüfen und ergänzen."
    )
    return Described(title[: SwotItem._meta.get_field("title").max_length], " ".join(text))


COUNTRY_NAME = "Deutschland"


def rule_labels() -> dict[str, str]:
    """Rule id → its meaning ("Deutlich schlechter als das Land"), from the rules file."""
    try:
        return {rule.id: rule.label for rule in rulebook.load_rules(RULES_FILE).rules}
    except rulebook.RuleError:
        return {}


def _land_name(region: Region) -> str:
    land = Region.objects.filter(ags=land_key(region)).values_list("name", flat=True).first()
    return land or "dem Land"


def _position(home: float, reference: float, name: str) -> str:
    if reference == 0 or home == reference:
        return f"gleichauf mit {name}"
    gap = (home - reference) / abs(reference)
    return f"{'deutlich ' if abs(gap) >= 0.10 else ''}{'über' if gap > 0 else 'unter'} {name}"


def _movement(numbers: dict) -> str:
    start, end = numbers.get("trend_start_value"), numbers.get("trend_end_value")
    if start is None or end is None or start == end:
        return ""
    return " und steigend" if end > start else " und sinkend"


def _signed(end: float, start: float) -> str:
    if not start:
        return "±0 %"
    change = (end - start) / abs(start) * 100
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    return f"{sign}{format_number(abs(change), 1)} %"


# --------------------------------------------------------------------------- decisions


def duplicates(suggestion: SwotSuggestion, concept: Concept) -> list[SwotItem]:
    """Items of `concept` that rest on the suggestion's indicator already."""
    return list(
        SwotItem.objects.filter(concept=concept, indicator_evidence__indicator=suggestion.indicator)
        .distinct()
        .order_by("kind", "position", "id")
    )


@transaction.atomic
def accept(suggestion: SwotSuggestion, concept: Concept, user=None) -> SwotItem:
    """Turn a suggestion into a SWOT item of `concept`, with the indicator as its evidence."""
    indicator = suggestion.indicator
    last = SwotItem.objects.filter(concept=concept, kind=suggestion.kind).count()
    described = describe(suggestion)
    item = SwotItem(
        concept=concept,
        kind=suggestion.kind,
        topic_id=indicator.topic_id,
        title=described.title,
        explanation=described.text,
        position=last + 1,
    )
    item._history_user = user
    item.save()
    IndicatorEvidence.objects.create(
        item=item, indicator=indicator, period=suggestion.numbers.get("period", "")
    )
    _decide(suggestion, SwotSuggestion.Status.ACCEPTED, user, item=item)
    return item


def reject(suggestion: SwotSuggestion, reason: str, user=None) -> None:
    _decide(suggestion, SwotSuggestion.Status.REJECTED, user, reason=reason.strip())


def _decide(suggestion: SwotSuggestion, status: str, user, **fields) -> None:
    suggestion.status = status
    suggestion.decided_by = user if user is not None and user.is_authenticated else None
    suggestion.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(suggestion, name, value)
    suggestion.save()
