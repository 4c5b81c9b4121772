"""Undo a statistics import from its record ("Import rückgängig machen", issue 16).

Undoing batch B removes the values B added, gives the values B changed their old content back
(`ReplacedValue`) and removes the regions and indicators B created — as long as nothing
depends on what it added: no later import changed B's values (undo that one first), and no
target indicator, SWOT evidence, comparison group or other object refers to an indicator or
region B created. `blockers` says in German what stands in the way; `undo` does it in one
transaction under the import lock and marks the batch "Rückgängig gemacht" (who, when).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone

from kek.regions.models import Region

from .importer import lock_imports
from .models import ImportBatch, Indicator, Observation, ReplacedValue

# Apps above statistics that refer to indicators by code, not by a foreign key (a target
# indicator's official series), add a check: indicator codes → German reasons to refuse.
indicator_checks: list[Callable[[list[str]], list[str]]] = []


@dataclass(frozen=True)
class Plan:
    """What undoing a batch does: values removed and restored, regions and indicators removed."""

    removed: int
    restored: int
    regions: int
    indicators: int

    def summary(self) -> str:
        return (
            f"{self.removed} neue Werte entfernt, {self.restored} geänderte Werte auf den alten "
            f"Stand gesetzt, {self.indicators} Indikatoren und {self.regions} Gebietseinheiten "
            "entfernt"
        )


class UndoRefused(Exception):
    """The batch cannot be undone; str() is the German reason."""


def plan(batch: ImportBatch) -> Plan:
    restored = ReplacedValue.objects.filter(batch=batch).count()
    return Plan(
        removed=Observation.objects.filter(batch=batch).count() - restored,
        restored=restored,
        regions=len(batch.created_regions),
        indicators=len(batch.created_indicators),
    )


def blockers(batch: ImportBatch) -> list[str]:
    """Why the batch cannot be undone now (empty: it can)."""
    if batch.status != ImportBatch.Status.DONE:
        state = batch.get_status_display()
        return [f"Nur abgeschlossene Importe lassen sich rückgängig machen ({state})."]
    found = _later_imports(batch)
    found += _dependents(Indicator, batch.created_indicators, batch, "Indikatoren")
    codes = list(
        Indicator.objects.filter(pk__in=batch.created_indicators).values_list("code", flat=True)
    )
    found += [reason for check in indicator_checks for reason in check(codes)] if codes else []
    found += _dependents(Region, batch.created_regions, batch, "Gebietseinheiten")
    return found


def _later_imports(batch: ImportBatch) -> list[str]:
    later = (
        ImportBatch.objects.filter(replaced__previous_batch_id=batch.pk)
        .exclude(status=ImportBatch.Status.UNDONE)
        .distinct()
    )
    return [
        f"Der spätere Import „{other}“ hat Werte dieses Imports geändert; "
        "machen Sie ihn zuerst rückgängig."
        for other in later
    ]


def _dependents(
    model: type[models.Model], ids: list[int], batch: ImportBatch, kind: str
) -> list[str]:
    """What refers to the rows the batch created, other than the batch's own values."""
    if not ids:
        return []
    found = []
    for relation in _reverse_relations(model):
        related = relation.related_model
        rows = related._base_manager.filter(**{f"{relation.field.name}__in": ids})
        if related is Observation:
            rows = rows.exclude(batch=batch)
        if related is model:  # regions under regions the batch created, created with them
            rows = rows.exclude(pk__in=ids)
        count = rows.count()
        if count and related is Observation:
            found.append(
                f"{count} Werte späterer Importe gehören zu {kind}, die dieser Import angelegt hat."
            )
        elif count:
            found.append(
                f"{count} {related._meta.verbose_name_plural} beziehen sich auf {kind}, die "
                "dieser Import angelegt hat."
            )
    return found


def _reverse_relations(model: type[models.Model]) -> list[ForeignObjectRel]:
    """Foreign keys and many-to-many fields pointing at `model`, also those with
    related_name="+"; change records (historical models) are no dependents."""
    return [
        field
        for field in model._meta.get_fields(include_hidden=True)
        if isinstance(field, ForeignObjectRel)
        and isinstance(field.related_model, type)
        and not field.related_model.__name__.startswith("Historical")
    ]


@transaction.atomic
def undo(batch: ImportBatch, user=None) -> Plan:
    lock_imports()
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    problems = blockers(batch)
    if problems:
        raise UndoRefused(" ".join(problems))
    done = plan(batch)
    replaced = ReplacedValue.objects.filter(batch=batch)
    Observation.objects.filter(batch=batch).exclude(
        pk__in=replaced.values("observation_id")
    ).delete()
    _restore(replaced)
    Indicator.objects.filter(pk__in=batch.created_indicators).delete()
    _remove_regions(batch.created_regions)
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.undone_by = user
    batch._history_user = user
    batch.message = f"Rückgängig gemacht: {done.summary()}."
    batch.save()
    return done


def _remove_regions(ids: list[int]) -> None:
    """Children first (a parent is protected): longer keys lie under shorter ones."""
    regions = list(Region.objects.filter(pk__in=ids).values_list("pk", "ags"))
    for length in sorted({len(ags) for _, ags in regions}, reverse=True):
        Region.objects.filter(pk__in=[pk for pk, ags in regions if len(ags) == length]).delete()


def _restore(replaced: models.QuerySet[ReplacedValue]) -> None:
    old = {row.observation_id: row for row in replaced}
    observations = list(Observation.objects.filter(pk__in=list(old)))
    for observation in observations:
        row = old[observation.pk]
        observation.value, observation.symbol = row.value, row.symbol
        observation.quality, observation.batch_id = row.quality, row.previous_batch_id
    Observation.objects.bulk_update(
        observations, ["value", "symbol", "quality", "batch"], batch_size=2000
    )
