"""Move a district's goal system between the database and the exchange dataclasses (F4)."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kek.committees import resolutions
from kek.committees.models import AgendaItem, Organization, Paper
from kek.core import imports
from kek.regions.models import Region

from . import exchange, sdg_links
from .models import Concept, FieldOfAction, GoalObject, StrategicGoal, SubGoal
from .numbering import renumber
from .queries import tree
from .slugs import german_slug
from .versions import version_created

MODELS: dict[str, type[FieldOfAction] | type[StrategicGoal] | type[SubGoal]] = {
    "field": FieldOfAction,
    "goal": StrategicGoal,
    "subgoal": SubGoal,
}
VERSION_FIELDS = {
    "title": "title",
    "horizon_year": "horizon_year",
    "status": "status",
    "version_note": "version_note",
}
# The adoption's file fields and where they are kept: the agenda item (committees) that
# `record_resolution` finds or creates.
ADOPTION_LIMITS = {
    "adopted_by": (Organization, "name"),
    "resolution_number": (Paper, "reference"),
    "resolution_title": (AgendaItem, "name"),
}
GOAL_FIELDS = ["title", "slug", "description", "is_example", "position"]


def limits() -> dict[str, dict[str, int]]:
    """The longest texts the database takes, from the models' max_length, in the shape of
    `exchange.LIMITS` (version fields by their file names, goal fields)."""

    def lengths(model, names: dict[str, str]) -> dict[str, int]:
        found = {name: model._meta.get_field(attr).max_length for name, attr in names.items()}
        return {name: length for name, length in found.items() if length}

    text_fields = {name: attr for name, attr in VERSION_FIELDS.items() if name != "status"}
    goal_limits = [lengths(m, {"title": "title", "slug": "slug"}) for m in MODELS.values()]
    adoption = {
        name: getattr(model._meta.get_field(attr), "max_length", 0) or 0
        for name, (model, attr) in ADOPTION_LIMITS.items()
    }
    return {
        "version": lengths(Concept, text_fields) | adoption,
        "goal": {name: min(g[name] for g in goal_limits) for name in goal_limits[0]},
    }


# --------------------------------------------------------------------------------- export


def export_district(region: Region) -> exchange.District:
    concepts = list(Concept.objects.filter(region=region).select_related("predecessor"))
    return exchange.District(
        ags=region.ags, name=region.name, versions=[_export_version(c) for c in concepts]
    )


def _export_version(concept: Concept) -> exchange.Version:
    return exchange.Version(
        version=concept.version,
        title=concept.title,
        horizon_year=concept.horizon_year,
        status=concept.status,
        current=concept.is_current,
        adopted_on=concept.adopted_on,
        adopted_by=concept.adopted_by,
        resolution_number=concept.resolution_number,
        resolution_title=concept.adoption.name if concept.adoption else "",
        version_note=concept.version_note,
        predecessor=concept.predecessor.version if concept.predecessor else None,
        fields=[_export_goal(f, "field") for f in tree(concept)],
    )


def _export_goal(obj: GoalObject, level: str) -> exchange.Goal:
    children = {"field": (obj, "goals", "goal"), "goal": (obj, "subgoals", "subgoal")}.get(level)
    return exchange.Goal(
        level=level,
        title=obj.title,
        key=str(obj.key),
        slug=obj.slug,
        description=obj.description,
        vision=getattr(obj, "vision", ""),
        sdgs=[sdg.number for sdg in obj.sdgs.all()],
        example=obj.is_example,
        children=[_export_goal(c, children[2]) for c in getattr(obj, children[1]).all()]
        if children
        else [],
    )


# --------------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    versions: list[int] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    missing: imports.Counts = field(default_factory=Counter)  # not in the file, by model
    removal: imports.Removal | None = None  # what --remove-missing removed and kept

    def summary(self) -> str:
        versions = ", ".join(str(v) for v in self.versions)
        return (
            f"Versionen {versions}: {self.created} angelegt, {self.changed} geändert, "
            f"{self.deleted} entfernt, {self.unchanged} unverändert."
        )


@dataclass
class _Pending:
    """What an import leaves for the end: objects the file no longer has, SDG histories."""

    candidates: list[Any] = field(default_factory=list)
    histories: list[tuple[Any, list[int]]] = field(default_factory=list)


@transaction.atomic
def import_district(
    region: Region,
    district: exchange.District,
    user=None,
    *,
    remove_missing: bool = False,
    confirm: imports.Confirm | None = None,
) -> ImportResult:
    """Create or update each version of the file for `region`; goals are matched by key.

    Goals and SDG links the file no longer has stay, unless `remove_missing`: then they are
    removed after `confirm(plan)` (which may raise to stop), except those an import never
    removes (with measurements, see `core.imports`). Versions of the region that the file
    does not mention stay as they are.
    """
    result, pending = ImportResult(), _Pending()
    records = _records(region, district)
    stored = set(Concept.objects.filter(region=region).values_list("version", flat=True))
    concepts = {v.version: _upsert_version(region, v, user) for v in district.versions}
    for version in district.versions:
        concept = concepts[version.version]
        before = (result.created, result.changed, len(pending.candidates))
        if version.predecessor is not None:
            predecessor = concepts.get(version.predecessor) or Concept.objects.get(
                region=region, version=version.predecessor
            )
            if concept.predecessor_id != predecessor.pk:
                concept.predecessor = predecessor
                concept.save(update_fields=["predecessor"])
        _import_goals(concept, version, user, result, pending, remove_missing)
        if version.version in records:
            created, changed = result.created - before[0], result.changed - before[1]
            dropped = len(pending.candidates) - before[2] if remove_missing else 0
            if created or changed or dropped:
                raise imports.ImportRefused(
                    _record_refusal(records[version.version], created, changed, dropped)
                )
        result.versions.append(version.version)
    result.missing = imports.count_models(pending.candidates)
    result.removal, removed = imports.settle(pending.candidates, remove_missing, confirm, user)
    result.deleted = sum(removed[model] for model in MODELS.values())
    for model, ids in pending.histories:
        sdg_links.record_in_history(model, ids)
    for concept in concepts.values():
        renumber(concept)
    _set_current(region, [concepts[v.version] for v in district.versions if v.current], user)
    for version in district.versions:
        if version.version not in stored and version.predecessor in stored:
            _take_over(concepts[version.version], user)
    return result


def _take_over(concept: Concept, user) -> None:
    """A Fortschreibung the file starts takes over what the apps keep per version (SWOT,
    catalogue), as one started in the back office does (`versions.new_version`)."""
    goals = {goal.key: goal for goal in StrategicGoal.objects.filter(concept=concept)}
    version_created.send(
        sender=Concept, concept=concept.predecessor, copy=concept, user=user, goals_by_key=goals
    )


def _records(region: Region, district: exchange.District) -> dict[int, Concept]:
    """The file's versions that are stored and no longer drafts (issue 11): their goal system
    stays as it is, and so do district, title and horizon year; their adoption may still be
    recorded. Refuses a file that would make one of them a draft again."""
    stored = {
        c.version: c
        for c in Concept.objects.filter(
            region=region, version__in=[v.version for v in district.versions]
        )
        if not c.is_editable
    }
    for version in district.versions:
        concept = stored.get(version.version)
        if concept is None:
            continue
        if version.status == Concept.Status.DRAFT:
            raise imports.ImportRefused(
                f"{concept.read_only_reason} Die Datei führt sie wieder als Entwurf; "
                "nichts wurde importiert."
            )
        if (version.title, version.horizon_year) != (concept.title, concept.horizon_year):
            raise imports.ImportRefused(
                f"{concept.read_only_reason} Die Datei ändert ihren Titel oder ihr Zieljahr; "
                "nichts wurde importiert."
            )
    return stored


def undo_blockers(touched: dict[type, list[Any]]) -> list[str]:
    """`kek undo-run` leaves a version alone that is no longer a draft (issue 11): an import
    into it (while it was a draft) is not undone after its adoption."""
    concepts: set[int] = set()
    for model in MODELS.values():
        if touched.get(model):
            found = model.objects.filter(pk__in=touched[model]).values_list("concept", flat=True)
            concepts |= set(found)
    records = Concept.objects.filter(pk__in=concepts).exclude(status=Concept.Status.DRAFT)
    return [
        f"{c.read_only_reason} Der Import hat ihr Zielsystem geändert; er wird nicht mehr "
        "rückgängig gemacht."
        for c in records.order_by("version")
    ]


def _record_refusal(concept: Concept, created: int, changed: int, removed: int) -> str:
    counts = ", ".join(
        f"{n} {label}"
        for n, label in ((created, "neu"), (changed, "geändert"), (removed, "entfernt"))
        if n
    )
    return (
        f"{concept.read_only_reason} Die Datei ändert ihr Zielsystem ({counts}); nichts wurde "
        "importiert. In der Datei beginnt eine Fortschreibung als neue Version mit eigener "
        f"Nummer (z. B. version: {concept.version + 1}, status: draft, predecessor: "
        f"{concept.version})."
    )


def _upsert_version(region: Region, version: exchange.Version, user) -> Concept:
    concept = Concept.objects.filter(region=region, version=version.version).first()
    values = {attr: getattr(version, name) for name, attr in VERSION_FIELDS.items()}
    values["adoption"] = _adoption(region, version, concept)
    if concept is None:
        concept = Concept(region=region, version=version.version, **values)
    elif all(getattr(concept, attr) == value for attr, value in values.items()):
        return concept
    else:
        for attr, value in values.items():
            setattr(concept, attr, value)
    concept._history_user = user
    concept.save()
    return concept


def _adoption(region: Region, version: exchange.Version, concept: Concept | None):
    """The agenda item the file's adoption names (recorded where missing); the version's own
    when the file says the same about it (also one a planner linked to an imported item)."""
    if version.adopted_on is None or not version.adopted_by.strip():
        return None
    title = version.resolution_title.strip()
    if concept is not None and concept.adoption is not None:
        item = concept.adoption
        said = (version.adopted_on, version.adopted_by, version.resolution_number)
        same = (concept.adopted_on, concept.adopted_by, concept.resolution_number) == said
        if same and title in ("", item.name):
            return item
    name = title or Concept(title=version.title, version=version.version).adoption_item_name
    return resolutions.record_resolution(
        region, version.adopted_by, version.adopted_on, name, reference=version.resolution_number
    )


def _set_current(region: Region, current: list[Concept], user) -> None:
    if not current:
        return
    target = current[0]
    for other in Concept.objects.filter(region=region, is_current=True).exclude(pk=target.pk):
        other.is_current = False
        other._history_user = user
        other.save()
    if not target.is_current:
        target.is_current = True
        target._history_user = user
        target.save()


def _import_goals(
    concept: Concept,
    version: exchange.Version,
    user,
    result: ImportResult,
    pending: _Pending,
    remove_missing: bool,
) -> None:
    """Create and update the version's goals, level by level; goals and SDG links the file no
    longer has become removal candidates (removed at the end only if asked)."""
    wanted = _flatten(version)
    parents: dict[str, GoalObject] = {}
    for level in ("field", "goal", "subgoal"):
        model = MODELS[level]
        rows = [row for row in wanted if row[0].level == level]
        existing = {str(o.key): o for o in model.objects.filter(concept=concept)}
        existing_sdgs = sdg_links.sdg_sets(model, concept)
        keys = {goal.key for goal, _, _ in rows}
        missing = [o for key, o in existing.items() if key not in keys]
        taken = {goal.slug for goal, _, _ in rows if goal.slug}
        _move_aside(missing, taken, {o.slug for o in existing.values()}, user)
        taken |= {o.slug for o in missing}
        to_create, to_update = [], []
        for goal, position, parent_key in rows:
            values = _goal_values(goal, position, taken)
            link = _link(level, parents, parent_key)
            obj = existing.get(goal.key)
            if obj is None:
                to_create.append(model(key=goal.key, concept=concept, **link, **values))
                continue
            sdgs = existing_sdgs.get(obj.pk, set())
            if _differs(obj, values, link) or _sdgs_differ(sdgs, set(goal.sdgs), remove_missing):
                for name, value in {**values, **link}.items():
                    setattr(obj, name, value)
                to_update.append(obj)
            else:
                result.unchanged += 1
            parents[goal.key] = obj
        for obj in bulk_create_with_history(to_create, model, default_user=user):
            parents[str(obj.key)] = obj
        bulk_update_with_history(to_update, model, _update_fields(level), default_user=user)
        result.created += len(to_create)
        result.changed += len(to_update)
        wanted_sdgs = {parents[g.key].pk: set(g.sdgs) for g, _, _ in rows}
        pending.candidates += missing + sdg_links.complete(model, concept, wanted_sdgs)
        pending.histories.append((model, [o.pk for o in to_create + to_update]))


def _sdgs_differ(stored: set[int], given: set[int], remove_missing: bool) -> bool:
    """Whether the file changes an object's SDGs: adds one, or (asked to remove) drops one."""
    return not given <= stored or (remove_missing and stored != given)


def _move_aside(missing: Sequence[GoalObject], taken: set[str], stored: set[str], user) -> None:
    """A goal the file no longer has gives up a slug that the file gives to another goal: it
    takes a new one from its title (recorded in its history)."""
    for obj in missing:
        if obj.slug in taken:
            obj.slug = german_slug(obj.title, taken | stored)
            stored.add(obj.slug)
            obj._history_user = user
            obj.save(update_fields=["slug"])


def _update_fields(level: str) -> list[str]:
    extra = {"field": ["vision"], "goal": ["field"], "subgoal": ["goal"]}
    return GOAL_FIELDS + extra[level]


def _flatten(version: exchange.Version) -> list[tuple[exchange.Goal, int, str]]:
    rows = []

    def walk(goals: list[exchange.Goal], parent_key: str) -> None:
        for position, goal in enumerate(goals, start=1):
            rows.append((goal, position, parent_key))
            walk(goal.children, goal.key)

    walk(version.fields, "")
    return rows


def _goal_values(goal: exchange.Goal, position: int, taken: set[str]) -> dict[str, Any]:
    slug = goal.slug or german_slug(goal.title, taken)
    values: dict[str, Any] = {
        "title": goal.title,
        "slug": slug,
        "description": goal.description,
        "is_example": goal.example,
        "position": position,
    }
    taken.add(slug)
    if goal.level == "field":
        values["vision"] = goal.vision
    return values


def _link(level: str, parents: dict, parent_key: str) -> dict:
    if level == "goal":
        return {"field": parents[parent_key]}
    if level == "subgoal":
        return {"goal": parents[parent_key]}
    return {}


def _differs(obj: GoalObject, values: dict, link: dict) -> bool:
    if any(getattr(obj, name) != value for name, value in values.items()):
        return True
    return any(getattr(obj, f"{name}_id") != parent.pk for name, parent in link.items())
