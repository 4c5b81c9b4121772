"""Fortschreibung: start a new version from an existing one, and make a version current."""

from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from simple_history.utils import bulk_create_with_history

from . import sdg_links
from .models import Concept, FieldOfAction, GoalObject, StrategicGoal, SubGoal

# Sent after new_version has copied the goal system: sender=Concept, concept, copy, user,
# goals_by_key (goal key → new StrategicGoal). Apps with per-version content copy theirs.
version_created = Signal()
COPIED = ["key", "position", "number", "title", "slug", "description", "is_example"]


def _copy(obj: GoalObject, **links) -> GoalObject:
    values = {name: getattr(obj, name) for name in COPIED}
    if isinstance(obj, FieldOfAction):
        values["vision"] = obj.vision
    return type(obj)(**values, **links)


def _copy_sdgs(model, concept: Concept, copy: Concept, new_by_key: dict) -> None:
    old_sets = sdg_links.sdg_sets(model, concept)
    key_of = dict(model.objects.filter(concept=concept).values_list("pk", "key"))
    wanted = {new_by_key[key_of[pk]].pk: numbers for pk, numbers in old_sets.items()}
    sdg_links.replace(model, copy, wanted)
    sdg_links.record_in_history(model, [obj.pk for obj in new_by_key.values()])


@transaction.atomic
def new_version(concept: Concept, user=None) -> Concept:
    """A draft copy of `concept` with the next version number; goal keys stay the same."""
    last = Concept.objects.filter(region=concept.region).aggregate(Max("version"))["version__max"]
    copy = Concept(
        region=concept.region,
        version=last + 1,
        title=concept.title,
        horizon_year=concept.horizon_year,
        status=Concept.Status.DRAFT,
        predecessor=concept,
    )
    copy._history_user = user
    copy.save()
    reason = f"Kopie aus Version {concept.version}"

    fields = list(FieldOfAction.objects.filter(concept=concept))
    new_fields = bulk_create_with_history(
        [_copy(f, concept=copy) for f in fields],
        FieldOfAction,
        default_user=user,
        default_change_reason=reason,
    )
    field_by_key = {f.key: f for f in new_fields}
    goals = list(StrategicGoal.objects.filter(concept=concept).select_related("field"))
    new_goals = bulk_create_with_history(
        [_copy(g, concept=copy, field=field_by_key[g.field.key]) for g in goals],
        StrategicGoal,
        default_user=user,
        default_change_reason=reason,
    )
    goal_by_key = {g.key: g for g in new_goals}
    subgoals = list(SubGoal.objects.filter(concept=concept).select_related("goal"))
    new_subgoals = bulk_create_with_history(
        [_copy(s, concept=copy, goal=goal_by_key[s.goal.key]) for s in subgoals],
        SubGoal,
        default_user=user,
        default_change_reason=reason,
    )
    _copy_sdgs(FieldOfAction, concept, copy, field_by_key)
    _copy_sdgs(StrategicGoal, concept, copy, goal_by_key)
    _copy_sdgs(SubGoal, concept, copy, {s.key: s for s in new_subgoals})
    version_created.send(
        sender=Concept, concept=concept, copy=copy, user=user, goals_by_key=goal_by_key
    )
    return copy


@transaction.atomic
def make_current(concept: Concept, user=None) -> None:
    """Publish `concept` as the district's current version; an adopted predecessor is superseded."""
    for previous in Concept.objects.filter(region=concept.region, is_current=True).exclude(
        pk=concept.pk
    ):
        previous.is_current = False
        if previous.status == Concept.Status.ADOPTED:
            previous.status = Concept.Status.SUPERSEDED
        previous._history_user = user
        previous.save()
    concept.is_current = True
    if concept.status == Concept.Status.DRAFT:
        concept.status = Concept.Status.CONSULTATION
    concept._history_user = user
    concept.save()
