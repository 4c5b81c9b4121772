"""A Fortschreibung takes the catalogue over: every project of the predecessor is listed in the
new version and serves the new version's copies of its sub-goals; the target indicators of
goals and sub-goals are copied to the new goals with their measured values. Projects, their
milestones, attachments, indicators and measurements are not copied: a project is one thing
across versions. Evaluation reports stay with the version they were made for."""

from django.db.models import Q
from django.dispatch import receiver
from simple_history.utils import bulk_create_with_history

from kek.core import history
from kek.core.registry import PublicationCheck, publication_checks
from kek.goals.models import Concept, StrategicGoal, SubGoal
from kek.goals.versions import version_created

from .models import Measurement, Project, TargetIndicator

INDICATOR_FIELDS = [
    "key", "title", "definition", "unit", "direction", "method", "threshold_profile",
    "estimator", "baseline_value", "baseline_year", "target_value", "target_year", "weight",
    "series_indicator", "series_region_id", "series_disaggregation",
]  # fmt: skip
MEASUREMENT_FIELDS = ["date", "value", "source", "note"]


@receiver(version_created, dispatch_uid="projects-take-over-catalogue")
def take_over_catalogue(sender, concept, copy, user=None, goals_by_key=None, **kwargs) -> None:
    reason = f"Übernommen aus Version {concept.version}"
    projects = list(Project.objects.filter(concepts=concept).values_list("pk", flat=True))
    Project.concepts.through.objects.bulk_create(
        [Project.concepts.through(project_id=pk, concept_id=copy.pk) for pk in projects]
    )
    subgoal_by_key = {s.key: s.pk for s in SubGoal.objects.filter(concept=copy)}
    links = Project.subgoals.through.objects.filter(
        project_id__in=projects, subgoal__concept=concept
    ).values_list("project_id", "subgoal__key")
    Project.subgoals.through.objects.bulk_create(
        [
            Project.subgoals.through(project_id=project, subgoal_id=subgoal_by_key[key])
            for project, key in links
            if key in subgoal_by_key
        ]
    )
    history.record_links(Project, projects, user=user, reason=reason)
    _copy_goal_indicators(concept, copy, goals_by_key or {}, subgoal_by_key, user, reason)


def _copy_goal_indicators(
    concept: Concept, copy: Concept, goals_by_key: dict, subgoal_by_key: dict, user, reason: str
) -> None:
    old = list(TargetIndicator.objects.filter(goal__concept=concept).select_related("goal")) + list(
        TargetIndicator.objects.filter(subgoal__concept=concept).select_related("subgoal")
    )
    pairs = []
    for indicator in old:
        values = {f: getattr(indicator, f) for f in INDICATOR_FIELDS}
        if indicator.goal_id:
            goal = goals_by_key.get(indicator.goal.key)
            values["goal_id"] = goal.pk if goal is not None else None
        else:
            values["subgoal_id"] = subgoal_by_key.get(indicator.subgoal.key)
        # A goal the new version does not have leaves its indicator behind (the publication
        # review lists it under "Zielindikatoren ohne Ziel").
        if values.get("goal_id") or values.get("subgoal_id"):
            pairs.append((indicator, TargetIndicator(**values)))
    created = bulk_create_with_history(
        [new for _, new in pairs], TargetIndicator, default_user=user, default_change_reason=reason
    )
    new_by_old = {old.pk: new for (old, _), new in zip(pairs, created, strict=True)}
    measurements = Measurement.objects.filter(indicator_id__in=list(new_by_old))
    bulk_create_with_history(
        [
            Measurement(
                indicator=new_by_old[m.indicator_id],
                **{f: getattr(m, f) for f in MEASUREMENT_FIELDS},
            )
            for m in measurements
        ],
        Measurement,
        batch_size=2000,
        default_user=user,
        default_change_reason=reason,
    )


def catalogue_changes(current: Concept | None, draft: Concept) -> list[tuple[str, list[str]]]:
    """Projects the public catalogue loses or gains, projects that serve other goals, and
    target indicators whose goal the new version no longer has; and the projects with a
    planner's unpublished draft, which publishing the version does not publish."""
    drafts = _unpublished(draft)
    if current is None:
        return drafts
    before, after = _served(current), _served(draft)
    names = {p.pk: str(p) for p in Project.objects.filter(pk__in=set(before) | set(after))}
    goal_numbers = dict(SubGoal.objects.filter(concept=draft).values_list("key", "number"))
    moved = [
        f"{names[pk]}: künftig Teilziel {', '.join(sorted(goal_numbers[k] for k in keys)) or '–'}"
        for pk, keys in after.items()
        if pk in before and keys != before[pk]
    ]
    groups = [
        ("Entfallende Projekte", [names[pk] for pk in before if pk not in after]),
        ("Neue Projekte", [names[pk] for pk in after if pk not in before]),
        ("Projekte mit anderen Zielen", moved),
        ("Zielindikatoren ohne Ziel in der neuen Version", _homeless(current, draft)),
    ]
    return [(heading, sorted(rows)) for heading, rows in groups if rows] + drafts


def _unpublished(draft: Concept) -> list[tuple[str, list[str]]]:
    pending = Project.objects.filter(concepts=draft, has_unpublished_changes=True, live=True)
    rows = sorted(str(p) for p in pending)
    heading = (
        "Projekte mit unveröffentlichtem Entwurf (öffentlich bleibt ihr veröffentlichter Stand)"
    )
    return [(heading, rows)] if rows else []


def _served(concept: Concept) -> dict[int, frozenset]:
    """Project id → keys of the version's sub-goals it serves, for the version's catalogue."""
    served: dict[int, set] = {
        pk: set() for pk in Project.objects.filter(concepts=concept).values_list("pk", flat=True)
    }
    links = Project.subgoals.through.objects.filter(
        project_id__in=served, subgoal__concept=concept
    ).values_list("project_id", "subgoal__key")
    for project, key in links:
        served[project].add(key)
    return {pk: frozenset(keys) for pk, keys in served.items()}


def _homeless(current: Concept, draft: Concept) -> list[str]:
    goal_keys = set(StrategicGoal.objects.filter(concept=draft).values_list("key", flat=True))
    goal_keys |= set(SubGoal.objects.filter(concept=draft).values_list("key", flat=True))
    old = TargetIndicator.objects.filter(
        Q(goal__concept=current) | Q(subgoal__concept=current)
    ).select_related("goal", "subgoal")
    return [f"{i.title} (bisher bei {i.owner})" for i in old if i.owner.key not in goal_keys]


publication_checks.register(PublicationCheck("projects", catalogue_changes, order=20))
