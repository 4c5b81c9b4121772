"""What an import never removes, and what mentions what it removes (issue 16).

Registered in ProjectsConfig.ready with `kek.core.imports`, so that every import (also the
goal system's, which does not know this app) keeps objects with measured values or a
resolution and counts the evaluation reports that name what it would remove.
"""

from collections import Counter

from django.db import models
from django.db.models import Q

from kek.core.imports import (
    Counts,
    RemovalGuard,
    RemovalReference,
    removal_guards,
    removal_references,
)

from .models import EvaluationSnapshot, TargetIndicator

GUARDS = (
    RemovalGuard(
        "measurements",
        "projects.Measurement",
        "hat Messwerte",
        own_reason="Messwerte entfernt ein Import nie",
    ),
    RemovalGuard(
        "resolution",
        "projects.Project",
        "hat einen Beschluss",
        when=Q(resolution__isnull=False),
        order=10,
    ),
)


def register() -> None:
    for guard in GUARDS:
        removal_guards.register(guard)
    removal_references.register(RemovalReference("evaluation_reports", reports_naming))


def reports_naming(objects: list[models.Model]) -> Counts:
    """Evaluation reports whose frozen results name one of `objects` (they stay unchanged)."""
    nodes = [f"{type(o).__name__}:{o.serializable_value('key')}" for o in objects if _keyed(o)]
    keys = [str(o.key) for o in objects if isinstance(o, TargetIndicator)]
    query = Q()
    if nodes:
        query |= Q(results__nodes__has_any_keys=nodes)
    if keys:
        query |= Q(results__indicators__has_any_keys=keys)
    if not query:
        return Counter()
    return Counter({EvaluationSnapshot: EvaluationSnapshot.objects.filter(query).count()})


def _keyed(obj: models.Model) -> bool:
    """Rows that reports name by "Model:key" (projects and goal objects)."""
    return not obj._meta.auto_created and any(f.name == "key" for f in obj._meta.concrete_fields)
