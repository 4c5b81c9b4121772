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

from kek.goals.models import Concept
from kek.regions.models import Region
from kek.statistics.figures import GERMANY, total_priority
from kek.statistics.models import Indicator, Observation

from . import rulebook
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


@transaction.atomic
def accept(suggestion: SwotSuggestion, concept: Concept, user=None) -> SwotItem:
    """Turn a suggestion into a SWOT item of `concept`, with the indicator as its evidence."""
    indicator = suggestion.indicator
    last = SwotItem.objects.filter(concept=concept, kind=suggestion.kind).count()
    item = SwotItem(
        concept=concept,
        kind=suggestion.kind,
        topic_id=indicator.topic_id,
        title=indicator.name,
        explanation=suggestion.explanation,
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
