"""Move a concept version's project catalogue between the database and the exchange
dataclasses of :mod:`kek.projects.catalogue_io` (F17).

The import is one transaction of bulk writes: projects are matched by number, indicators by
key, measured values by indicator and date, milestones by project, date and title. What the
file no longer has (projects, milestones, indicators, measured values, a project's links to
sub-goals, leads and municipalities) stays, unless the import is asked to remove it; even then
what has measured values or a resolution stays (`kek.core.imports`, guards registered in
`projects.removal`). Projects and indicators keep their history (who, when, what).
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from kek.committees import resolutions
from kek.committees.models import AgendaItem
from kek.core import history, imports
from kek.goals.models import Concept, StrategicGoal, SubGoal
from kek.goals.slugs import german_slug
from kek.regions.models import Region

from . import catalogue_io as io
from .evaluation import models_q
from .models import Measurement, Milestone, Project, TargetIndicator

DIRECTION_CODES = {"increase": 1, "decrease": -1}
DIRECTION_NAMES = {value: name for name, value in DIRECTION_CODES.items()}
PROJECT_FIELDS = [
    "title",
    "slug",
    "description",
    "lead_body",
    "partners",
    "status",
    "progress",
    "priority",
    "start_date",
    "end_date",
    "cost_estimate",
    "funding_programme",
    "funding_share",
    "resolution",
    "weight",
    "is_example",
]
INDICATOR_FIELDS = [
    "project",
    "goal",
    "subgoal",
    "title",
    "definition",
    "unit",
    "direction",
    "method",
    "threshold_profile",
    "estimator",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "weight",
    "series_indicator",
    "series_region",
    "series_disaggregation",
]
KINDS = {
    "projects": "Projekte",
    "milestones": "Meilensteine",
    "indicators": "Zielindikatoren",
    "measurements": "Messwerte",
}


# --------------------------------------------------------------------------------- export


def export_catalogue(concept: Concept) -> io.Catalogue:
    projects = (
        Project.objects.filter(concepts=concept)
        .select_related("resolution__meeting")
        .prefetch_related(
            "resolution__meeting__organizations",
            "resolution__consultations__paper",
            Prefetch("subgoals", queryset=SubGoal.objects.filter(concept=concept)),
            "leads",
            "municipalities",
            "milestones",
        )
    )
    indicators = sorted(
        TargetIndicator.objects.filter(models_q(concept))
        .select_related("project", "goal", "subgoal", "series_region")
        .prefetch_related("measurements"),
        key=_indicator_order,
    )
    return io.Catalogue(
        projects=[_export_project(p) for p in projects],
        indicators=[_export_indicator(i) for i in indicators],
        district_ags=concept.region.ags,
        district_name=concept.region.name,
        concept_version=concept.version,
    )


def _indicator_order(indicator: TargetIndicator) -> tuple[Any, ...]:
    number, level = _owner(indicator)
    if level == "project":
        return (0, number, indicator.pk)
    return (1, io.number_key(number), indicator.pk)


def _owner(i: TargetIndicator) -> tuple[str, str]:
    """Number and level of the indicator's owner: its project, strategic goal or sub-goal."""
    if i.project is not None:
        return i.project.number, "project"
    if i.goal is not None:
        return i.goal.number, "goal"
    if i.subgoal is not None:
        return i.subgoal.number, "subgoal"
    raise ValueError(f"Der Zielindikator {i.pk} gehört zu keinem Projekt oder Ziel.")


def _export_resolution(item: AgendaItem | None) -> io.Resolution | None:
    day = resolutions.day_of(item)
    if item is None or day is None:
        return None
    return io.Resolution(
        body=resolutions.committee_of(item),
        number=resolutions.reference_of(item),
        date=day,
        title=item.name,
    )


def _export_project(p: Project) -> io.Project:
    return io.Project(
        number=p.number,
        title=p.title,
        slug=p.slug,
        description=p.description,
        subgoals=sorted((s.number for s in p.subgoals.all()), key=io.number_key),
        lead_body=p.lead_body,
        leads=sorted(u.get_username() for u in p.leads.all()),
        partners=p.partners,
        municipalities=sorted(r.ags for r in p.municipalities.all()),
        status=p.status,
        progress=p.progress,
        priority=p.priority,
        start=p.start_date,
        end=p.end_date,
        cost_estimate=_cents(p.cost_estimate),
        funding_programme=p.funding_programme,
        funding_share=_cents(p.funding_share),
        resolution=_export_resolution(p.resolution),
        weight=Decimal(p.weight).quantize(io.CENT),
        example=p.is_example,
        milestones=[io.Milestone(m.date, m.title, m.done) for m in p.milestones.all()],
    )


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(io.CENT)


def _export_indicator(i: TargetIndicator) -> io.Indicator:
    owner, level = _owner(i)
    return io.Indicator(
        key=str(i.key),
        owner=owner,
        owner_level=level,
        title=i.title,
        definition=i.definition,
        unit=i.unit,
        direction=DIRECTION_NAMES[i.direction],
        method=i.method,
        threshold_profile=i.threshold_profile,
        estimator=i.estimator,
        baseline_value=i.baseline_value,
        baseline_year=i.baseline_year,
        target_value=i.target_value,
        target_year=i.target_year,
        weight=i.weight,
        series_indicator=i.series_indicator,
        series_region=i.series_region.ags if i.series_region else "",
        series_disaggregation=i.series_disaggregation,
        measurements=[
            io.Measurement(m.date, m.value, m.source, m.note) for m in i.measurements.all()
        ],
    )


# --------------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    created: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    missing: imports.Counts = field(default_factory=Counter)  # not in the file, by model
    removal: imports.Removal | None = None  # what --remove-missing removed and kept

    def summary(self) -> str:
        parts = [
            f"{label}: {self.created[kind]} angelegt, {self.changed[kind]} geändert, "
            f"{self.deleted[kind]} entfernt, {self.unchanged[kind]} unverändert"
            for kind, label in KINDS.items()
        ]
        return "; ".join(parts) + "."


class _References:
    """Everything the file names by number or key, looked up in a few queries."""

    def __init__(self, concept: Concept, catalogue: io.Catalogue, file: str):
        self.file = file
        self.subgoals = {s.number: s for s in SubGoal.objects.filter(concept=concept)}
        self.goals = {g.number: g for g in StrategicGoal.objects.filter(concept=concept)}
        usernames = {name for p in catalogue.projects for name in p.leads}
        user_model = get_user_model()
        self.users = {
            u.get_username(): u
            for u in user_model.objects.filter(
                **{f"{user_model.USERNAME_FIELD}__in": usernames}, is_active=True
            )
        }
        ags = {a for p in catalogue.projects for a in p.municipalities}
        ags |= {i.series_region for i in catalogue.indicators if i.series_region}
        self.regions = {r.ags: r for r in Region.objects.filter(ags__in=ags)}
        self.check(catalogue)

    def fail(self, where: str, name: str, problem: str) -> io.CatalogueError:
        return io.CatalogueError(self.file, where, name, problem)

    def check(self, catalogue: io.Catalogue) -> None:
        for p in catalogue.projects:
            for number in p.subgoals:
                if number not in self.subgoals:
                    raise self.fail(p.where, "subgoals", f"ein Teilziel {number} gibt es nicht.")
            for name in p.leads:
                if name not in self.users:
                    raise self.fail(p.where, "leads", f"ein aktives Konto „{name}“ gibt es nicht.")
            for ags in p.municipalities:
                region = self.regions.get(ags)
                if region is None or region.level != Region.Level.MUNICIPALITY:
                    raise self.fail(
                        p.where,
                        "municipalities",
                        f"eine Gemeinde mit Schlüssel {ags} gibt es nicht.",
                    )
        for i in catalogue.indicators:
            if i.owner_level == "goal" and i.owner not in self.goals:
                raise self.fail(
                    i.where, "owner", f"ein strategisches Ziel {i.owner} gibt es nicht."
                )
            if i.owner_level == "subgoal" and i.owner not in self.subgoals:
                raise self.fail(i.where, "owner", f"ein Teilziel {i.owner} gibt es nicht.")
            if i.series_region and i.series_region not in self.regions:
                raise self.fail(
                    i.where,
                    "series_region",
                    f"ein Gebiet mit Schlüssel {i.series_region} gibt es nicht.",
                )


@transaction.atomic
def import_catalogue(
    concept: Concept,
    catalogue: io.Catalogue,
    user=None,
    file: str = "",
    *,
    remove_missing: bool = False,
    confirm: imports.Confirm | None = None,
) -> ImportResult:
    """Add and update the concept's catalogue as the file says; checks everything before
    writing. What the file no longer has is removed only if `remove_missing`, after
    `confirm(plan)` (which may raise to stop)."""
    io.check_catalogue(io.CatalogueReader(file), catalogue)
    refs = _References(concept, catalogue, file)
    if not concept.is_editable:
        _check_frozen(concept, catalogue, file, remove_missing)
    result, missing = ImportResult(), _Missing()
    items = _resolutions(concept.region, catalogue.projects)
    projects, touched, joined = _import_projects(concept, catalogue.projects, items, user, result)
    listed = {row.number: projects[row.number] for row in catalogue.projects}
    missing.objects += [_dropped(concept, p) for n, p in projects.items() if n not in listed]
    linked = _import_relations(concept, listed, catalogue.projects, refs, missing) | joined
    # Links of projects this import just recorded go into that record, others get one.
    history.links_in_latest(Project, sorted(linked & touched))
    history.record_links(Project, sorted(linked - touched), user=user)
    _import_milestones(listed, catalogue.projects, result, missing, user)
    indicators = _import_indicators(concept, catalogue.indicators, projects, refs, user, result)
    wanted = {row.key for row in catalogue.indicators}
    missing.objects += [i for key, i in indicators.items() if key not in wanted]
    _import_measurements(indicators, catalogue.indicators, result, missing, user)
    result.missing = imports.count_models(missing.objects)
    result.removal, removed = imports.settle(missing.objects, remove_missing, confirm, user)
    for model, kind in KIND_OF.items():
        result.deleted[kind] += removed[model]
    _count_link_changes(linked, missing, result.removal, touched, result)
    return result


KIND_OF: dict[type[models.Model], str] = {
    Project: "projects",
    Milestone: "milestones",
    TargetIndicator: "indicators",
    Measurement: "measurements",
}


@dataclass
class _Missing:
    """What the file no longer has (removed only if asked), and whose links those are."""

    objects: list[Any] = field(default_factory=list)
    link_owner: dict[tuple[str, Any], int] = field(default_factory=dict)  # link → project id


def _count_link_changes(
    linked: set[int], missing: _Missing, removal, touched: set[int], result: ImportResult
) -> None:
    """A project counts as changed (once) if the import added links to it, or removed some
    with --remove-missing."""
    changed = set(linked)
    if removal is not None:
        gone = {(obj._meta.label, obj.pk) for obj in removal.objects}
        changed |= {owner for link, owner in missing.link_owner.items() if link in gone}
    extra = len(changed - touched)
    result.changed["projects"] += extra
    result.unchanged["projects"] -= extra


def _resolutions(region: Region, projects: list[io.Project]) -> dict[tuple, AgendaItem]:
    """The agenda items of the file's resolutions, recorded where missing (committees)."""
    wanted = {_resolution_key(p.resolution) for p in projects if p.resolution}
    return {
        (body, number, day, title): resolutions.record_resolution(
            region, body, day, title, reference=number
        )
        for body, number, day, title in sorted(wanted, key=str)
    }


def _resolution_key(r: io.Resolution) -> tuple:
    return (r.body, r.number, r.date, r.title)


def _check_frozen(concept: Concept, catalogue: io.Catalogue, file: str, remove: bool) -> None:
    """An adopted version's catalogue keeps its projects and their sub-goals; the file may still
    update the projects themselves and their measured values, and fill an empty catalogue
    once (the adopted catalogue entered afterwards)."""
    members = {
        p.number: p
        for p in Project.objects.filter(concepts=concept).prefetch_related(
            Prefetch("subgoals", queryset=SubGoal.objects.filter(concept=concept))
        )
    }
    if not members:
        return
    changes = ["entfernt Fehlendes (--remove-missing)"] if remove else []
    added = sorted({row.number for row in catalogue.projects} - set(members))
    if added:
        changes.append("nimmt Projekte neu auf: " + ", ".join(added))
    moved = sorted(
        row.number
        for row in catalogue.projects
        if row.number in members
        and set(row.subgoals) != {s.number for s in members[row.number].subgoals.all()}
    )
    if moved:
        changes.append("ordnet Projekte anderen Teilzielen zu: " + ", ".join(moved))
    if changes:
        raise io.CatalogueError(
            file,
            "",
            "",
            f"{concept.read_only_reason} Die Datei {'; '.join(changes)}.",
        )


def _dropped(concept: Concept, project: Project) -> Any:
    """What leaves the catalogue when the file no longer lists a project: the project itself if
    no other version lists it, else only its entry in this version's catalogue."""
    entries = Project.concepts.through.objects.filter(project=project)
    if entries.exclude(concept=concept).exists():
        return entries.get(concept=concept)
    return project


def _import_projects(
    concept, rows: list[io.Project], resolutions, user, result
) -> tuple[dict[str, Project], set[int], set[int]]:
    """Returns the file's projects and the version's other projects by number, and the ids of
    those created or changed. A number the district has already (in another version) is the
    same project: the file updates it and adds it to this version's catalogue. The projects
    the file no longer has are left as they are (but give up a slug it names)."""
    existing = {p.number: p for p in Project.objects.filter(region=concept.region)}
    members = set(Project.objects.filter(concepts=concept).values_list("number", flat=True))
    wanted = {p.number for p in rows}
    missing = [p for number, p in existing.items() if number not in wanted]
    named = {row.slug for row in rows if row.slug}
    taken = {p.slug for p in existing.values()} | named
    _move_aside(missing, named, taken, user)
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        obj = existing.get(row.number)
        slug = row.slug or (obj.slug if obj else german_slug(row.title, taken))
        taken.add(slug)
        values = _project_values(row, slug, resolutions)
        if obj is None:
            to_create.append(Project(region=concept.region, number=row.number, **values))
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            obj.updated_at = now
            to_update.append(obj)
    bulk_create_with_history(to_create, Project, default_user=user)
    bulk_update_with_history(to_update, Project, [*PROJECT_FIELDS, "updated_at"], default_user=user)
    _count(result, "projects", to_create, to_update, len(rows))
    projects = {
        p.number: p
        for p in Project.objects.filter(region=concept.region)
        if p.number in wanted or p.number in members
    }
    entries = Project.concepts.through
    entries.objects.bulk_create(
        [entries(project=projects[n], concept=concept) for n in sorted(wanted - members)]
    )
    touched = {projects[p.number].pk for p in to_create + to_update}
    joined = {projects[n].pk for n in wanted - members}
    return projects, touched, joined


def _move_aside(missing: list[Project], named: set[str], taken: set[str], user) -> None:
    """A project the file no longer has gives up a slug the file gives to another project: it
    takes a new one from its title (recorded in its history)."""
    for obj in missing:
        if obj.slug in named:
            obj.slug = german_slug(obj.title, taken)
            taken.add(obj.slug)
            obj._history_user = user
            obj.save(update_fields=["slug"])


def _project_values(row: io.Project, slug: str, resolutions) -> dict:
    return {
        "title": row.title,
        "slug": slug,
        "description": row.description,
        "lead_body": row.lead_body,
        "partners": row.partners,
        "status": row.status,
        "progress": row.progress,
        "priority": row.priority,
        "start_date": row.start,
        "end_date": row.end,
        "cost_estimate": row.cost_estimate,
        "funding_programme": row.funding_programme,
        "funding_share": row.funding_share,
        "resolution_id": resolutions[_resolution_key(row.resolution)].pk
        if row.resolution
        else None,
        "weight": row.weight,
        "is_example": row.example,
    }


def _import_relations(
    concept: Concept, projects: dict, rows: list[io.Project], refs, missing: _Missing
) -> set[int]:
    """Sub-goals (those of this version), leads and municipalities of the file's projects:
    missing link rows are added in bulk, links the file no longer has become removal
    candidates. Returns the ids of the projects that got links."""
    linked: set[int] = set()
    relations = {
        "subgoals": lambda row: [refs.subgoals[n].pk for n in row.subgoals],
        "leads": lambda row: [refs.users[n].pk for n in row.leads],
        "municipalities": lambda row: [refs.regions[a].pk for a in row.municipalities],
    }
    for name, targets in relations.items():
        relation = getattr(Project, name)
        through = relation.through
        source = f"{relation.field.m2m_field_name()}_id"
        target = f"{relation.field.m2m_reverse_field_name()}_id"
        wanted = {(projects[row.number].pk, pk) for row in rows for pk in targets(row)}
        links = through.objects.filter(**{f"{source}__in": [p.pk for p in projects.values()]})
        if name == "subgoals":
            links = links.filter(subgoal__concept=concept)
        existing = {(getattr(link, source), getattr(link, target)): link for link in links}
        for pair, link in existing.items():
            if pair not in wanted:
                missing.objects.append(link)
                missing.link_owner[(link._meta.label, link.pk)] = pair[0]
        added = sorted(wanted - set(existing))
        through.objects.bulk_create([through(**{source: s, target: t}) for s, t in added])
        linked |= {s for s, _ in added}
    return linked


def _import_milestones(
    projects: dict, rows: list[io.Project], result, missing: _Missing, user=None
) -> None:
    existing = {
        (m.project_id, m.date, m.title): m
        for m in Milestone.objects.filter(project__in=list(projects.values()))
    }
    to_create, to_update, seen = [], [], set()
    for row in rows:
        project = projects[row.number]
        for milestone in row.milestones:
            key = (project.pk, milestone.date, milestone.title)
            obj = existing.get(key)
            if obj is None and key not in seen:
                to_create.append(
                    Milestone(project=project, date=key[1], title=key[2], done=milestone.done)
                )
            elif obj is not None and obj.done != milestone.done:
                obj.done = milestone.done
                to_update.append(obj)
            seen.add(key)
    missing.objects += [m for key, m in existing.items() if key not in seen]
    bulk_create_with_history(to_create, Milestone, default_user=user)
    bulk_update_with_history(to_update, Milestone, ["done"], default_user=user)
    _count(result, "milestones", to_create, to_update, len(seen))


def _count(result: ImportResult, kind: str, created: list, changed: list, known: int) -> None:
    """Counts of one kind; `known`: rows of the file matched to stored ones."""
    result.created[kind] += len(created)
    result.changed[kind] += len(changed)
    result.unchanged[kind] += known - len(created) - len(changed)


def _import_indicators(
    concept, rows: list[io.Indicator], projects: dict, refs: _References, user, result
) -> dict[str, TargetIndicator]:
    """Create and update the file's indicators; returns all of the concept's by key."""
    existing = {str(i.key): i for i in TargetIndicator.objects.filter(models_q(concept))}
    to_create, to_update = [], []
    for row in rows:
        values = _indicator_values(row, projects, refs)
        obj = existing.get(row.key)
        if obj is None:
            to_create.append(TargetIndicator(key=row.key, **values))
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            to_update.append(obj)
    bulk_create_with_history(to_create, TargetIndicator, default_user=user)
    bulk_update_with_history(to_update, TargetIndicator, INDICATOR_FIELDS, default_user=user)
    _count(result, "indicators", to_create, to_update, len(rows))
    return {str(i.key): i for i in TargetIndicator.objects.filter(models_q(concept))}


def _indicator_values(row: io.Indicator, projects: dict, refs: _References) -> dict:
    return {
        "project_id": projects[row.owner].pk if row.owner_level == "project" else None,
        "goal_id": refs.goals[row.owner].pk if row.owner_level == "goal" else None,
        "subgoal_id": refs.subgoals[row.owner].pk if row.owner_level == "subgoal" else None,
        "title": row.title,
        "definition": row.definition,
        "unit": row.unit,
        "direction": DIRECTION_CODES[row.direction],
        "method": row.method,
        "threshold_profile": row.threshold_profile,
        "estimator": row.estimator,
        "baseline_value": row.baseline_value,
        "baseline_year": row.baseline_year,
        "target_value": row.target_value,
        "target_year": row.target_year,
        "weight": row.weight,
        "series_indicator": row.series_indicator,
        "series_region_id": refs.regions[row.series_region].pk if row.series_region else None,
        "series_disaggregation": row.series_disaggregation,
    }


def _import_measurements(
    indicators: dict, rows: list[io.Indicator], result, missing: _Missing, user=None
) -> None:
    """Measured values of the file's indicators; those the file no longer has are candidates
    (and an import never removes a measured value, see `projects.removal`)."""
    listed = [indicators[row.key] for row in rows]
    stored = Measurement.objects.filter(indicator__in=listed)
    existing = {(m.indicator_id, m.date): m for m in stored}
    to_create, to_update, seen = [], [], set()
    for row in rows:
        indicator = indicators[row.key]
        for m in row.measurements:
            key = (indicator.pk, m.date)
            seen.add(key)
            values = {"value": m.value, "source": m.source, "note": m.note}
            obj = existing.get(key)
            if obj is None:
                to_create.append(Measurement(indicator=indicator, date=m.date, **values))
            elif any(getattr(obj, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(obj, name, value)
                to_update.append(obj)
    missing.objects += [m for key, m in existing.items() if key not in seen]
    bulk_create_with_history(to_create, Measurement, batch_size=2000, default_user=user)
    bulk_update_with_history(
        to_update, Measurement, ["value", "source", "note"], batch_size=2000, default_user=user
    )
    _count(result, "measurements", to_create, to_update, len(seen))
