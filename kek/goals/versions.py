"""Fortschreibung: start a new version from an existing one, review and publish it."""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.dispatch import Signal
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kek.committees import resolutions
from kek.committees.models import AgendaItem
from kek.core.registry import PublicationCheck, publication_checks

from . import queries, sdg_links
from .diff import Change, GoalRow, compare
from .models import Concept, FieldOfAction, GoalObject, PublicationSettings, StrategicGoal, SubGoal

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


class PublicationRefused(Exception):
    """Why a version cannot be published now; the message is German and for the planner."""


@dataclass(frozen=True)
class Adoption:
    """The resolution that adopted a version: an agenda item of the district chosen (`item`),
    or one to record: date, committee (`by`), Beschlussnummer (`number`), TOP and result."""

    on: dt.date | None = None
    by: str = ""
    number: str = ""
    top: str = ""
    result: str = ""
    item: AgendaItem | None = None

    def agenda_item(self, concept: Concept) -> AgendaItem | None:
        """The chosen item (of the concept's district), or the one recorded from the fields."""
        if self.item is not None:
            if self.item.body.region_id != concept.region_id:
                raise PublicationRefused("Der Beschluss gehört zu einem anderen Landkreis.")
            return self.item
        if self.on is None or not self.by.strip():
            return None
        return resolutions.record_resolution(
            concept.region, self.by, self.on, concept.adoption_item_name,
            result=self.result, number=self.top, reference=self.number,
        )  # fmt: skip


def publication_changes(draft: Concept) -> list[tuple[str, list[str]]]:
    """What publishing `draft` changes for the public, per app (registry `publication_checks`)."""
    current = Concept.objects.current_for(draft.region)
    if current == draft:
        return []
    groups = []
    for check in publication_checks:
        groups += check.changes(current, draft)
    return groups


def goal_changes(current: Concept | None, draft: Concept) -> list[tuple[str, list[str]]]:
    """Goals added, removed and reworded: the public comparison of the two versions."""
    if current is None:
        return []
    diff = compare(queries.goal_rows(current), queries.goal_rows(draft))

    def line(change: Change, row: GoalRow) -> str:
        moved = f" (bisher {change.old.number})" if change.renumbered and change.old else ""
        return f"{change.level_label} {row.number}{moved} {row.title}"

    groups = [
        ("Neue Ziele", [line(c, c.new) for c in diff.added if c.new]),
        ("Entfallende Ziele", [line(c, c.old) for c in diff.removed if c.old]),
        ("Umformulierte Ziele", [line(c, c.new) for c in diff.reworded if c.new]),
        ("Neu nummerierte Ziele", [line(c, c.new) for c in diff.renumbered if c.new]),
    ]
    return [(heading, rows) for heading, rows in groups if rows]


def submit(concept: Concept, user) -> None:
    """Put a draft forward for publication; under the four-eyes rule someone else publishes."""
    _check_publishable(concept)
    concept.submitted_by, concept.submitted_at = user, timezone.now()
    concept._history_user = user
    concept.save(update_fields=["submitted_by", "submitted_at"])


def needs_second_person(concept: Concept, user) -> bool:
    """Under the four-eyes rule: whether `user` may not publish `concept` now."""
    if not PublicationSettings.four_eyes_for(concept.region):
        return False
    return concept.submitted_by_id is None or concept.submitted_by_id == user.pk


def link_adoption(concept: Concept, item: AgendaItem | None, user=None) -> None:
    """Point a version (also an adopted one, whose goal system stays as it is) at another
    agenda item of its district, e.g. the council's own after `kek import-oparl`."""
    if item is not None and item.body.region_id != concept.region_id:
        raise PublicationRefused("Der Beschluss gehört zu einem anderen Landkreis.")
    if concept.adoption_id == (item.pk if item else None):
        return
    concept.adoption = item
    concept._history_user = user
    concept.save(update_fields=["adoption"])


@transaction.atomic
def publish(concept: Concept, user=None, adoption: Adoption | None = None) -> None:
    """Adopt `concept` and make it the district's current, public version; the version it
    replaces is superseded. Records the adoption if not yet given; refuses without one."""
    _check_publishable(concept)
    if user is not None and needs_second_person(concept, user):
        raise PublicationRefused(
            "Nach dem Vier-Augen-Prinzip gibt eine zweite Person aus der Planung die Version "
            "frei; wer sie vorgelegt hat, kann sie nicht selbst veröffentlichen."
        )
    if concept.adoption is None:
        concept.adoption = (adoption or Adoption()).agenda_item(concept)
    if concept.adoption is None:
        raise PublicationRefused(
            "Bitte geben Sie den Beschluss an: wählen Sie einen Tagesordnungspunkt oder nennen "
            "Sie Datum und Gremium (z. B. Kreistag)."
        )
    for previous in Concept.objects.filter(region=concept.region, is_current=True).exclude(
        pk=concept.pk
    ):
        previous.is_current = False
        if previous.status == Concept.Status.ADOPTED:
            previous.status = Concept.Status.SUPERSEDED
        previous._history_user = user
        previous.save()
    concept.is_current = True
    concept.status = Concept.Status.ADOPTED
    concept._history_user = user
    concept.save()


def _check_publishable(concept: Concept) -> None:
    if concept.is_current:
        raise PublicationRefused(f"Version {concept.version} ist schon die aktuelle Version.")
    if concept.status != Concept.Status.DRAFT:
        raise PublicationRefused(
            f"Version {concept.version} ist {concept.get_status_display()} und wird nicht neu "
            "veröffentlicht; veröffentlicht wird eine Fortschreibung im Entwurf."
        )


publication_checks.register(PublicationCheck("goals", goal_changes, order=10))
