"""Discussion topics per field of action, strategic goal or project (F21).

A `Topic` (Diskussionsthema) belongs to a district and has its own participation phase
(`ParticipationPhase`: open from/until); its comments, ratings and reports are the
participation base's (kek.participation), which asks the topic for its district, phase and
pre-moderation through the `participables` registry.

The subject: a topic speaks to exactly one field of action, one strategic goal or one project,
or to nothing in particular (a general topic). Goals belong to a concept version, and a
Fortschreibung copies them into a new version (kek.goals.versions) with new rows but the same
`key`, the UUID that stays the same across versions and export/import. So a topic does not
point at one version's row: it stores the kind of its subject (`subject_kind`) and the
subject's stable key (`subject_key`), and is found from any version's field or goal page by
that key. The discussion thus carries over into every later version that keeps the goal, at
the moment that version becomes the current one (not when the draft is copied), and a version
shown in preview (or an older one) finds the same topic. When a later version drops the goal,
the topic stays readable and names the goal as it was last published (`subject_in`,
`last_published`). Projects are not per version (one row per district, listed in the
catalogues of several versions), but they carry a stable `key` as well, and topics name them
the same way; a project deleted from the catalogue leaves its topic in place, as a general one
in effect. No foreign key therefore blocks deleting a version, a goal or a project.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from kek.core.history import History
from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.participation.phases import ParticipationPhase
from kek.projects.models import Project
from kek.regions.models import Region


class SubjectKind(models.TextChoices):
    GENERAL = "", "Allgemein"
    FIELD = "field", "Handlungsfeld"
    GOAL = "goal", "Strategisches Ziel"
    PROJECT = "project", "Projekt"


SUBJECT_MODELS: dict[str, Any] = {
    SubjectKind.FIELD: FieldOfAction,
    SubjectKind.GOAL: StrategicGoal,
    SubjectKind.PROJECT: Project,
}


def kind_of(obj: Any) -> str:
    """The subject kind of a field of action, strategic goal or project ("" for others)."""
    for kind, model in SUBJECT_MODELS.items():
        if isinstance(obj, model):
            return kind
    return SubjectKind.GENERAL


class TopicQuerySet(models.QuerySet["Topic"]):
    def about(self, obj: Any) -> TopicQuerySet:
        """The topics on a field of action, strategic goal or project, in any version."""
        kind = kind_of(obj)
        if not kind:
            return self.none()
        return self.filter(subject_kind=kind, subject_key=obj.key)


class Topic(ParticipationPhase):
    """Diskussionsthema eines Forums."""

    district = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="forum_topics",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    title = models.CharField("Titel", max_length=200)
    description = models.TextField(
        "Beschreibung",
        blank=True,
        help_text="Einfacher Text, ohne HTML; Zeilenumbrüche und Links werden übernommen.",
    )
    subject_kind = models.CharField(
        "Gegenstand (Art)",
        max_length=10,
        choices=SubjectKind.choices,
        default=SubjectKind.GENERAL,
        blank=True,
    )
    subject_key = models.UUIDField(
        "Gegenstand (Schlüssel)",
        null=True,
        blank=True,
        db_index=True,
        help_text="Der versionsübergreifende Schlüssel des Handlungsfelds, Ziels oder Projekts.",
    )
    premoderated = models.BooleanField(
        "Vorab moderiert",
        default=False,
        help_text="Neue Kommentare erscheinen erst, wenn die Moderation sie freigegeben hat.",
    )
    position = models.PositiveIntegerField(
        "Reihenfolge", default=0, help_text="Kleinere Zahlen stehen in der Übersicht weiter oben."
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Inhalt, der nicht aus den Unterlagen des Landkreises stammt.",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    history = History()

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["district", "position", "-created_at", "id"]
        verbose_name = "Diskussionsthema"
        verbose_name_plural = "Diskussionsthemen"
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_kind="", subject_key__isnull=True)
                | (~Q(subject_kind="") & Q(subject_key__isnull=False)),
                name="topic_subject_kind_and_key",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if bool(self.subject_kind) != (self.subject_key is not None):
            raise ValidationError({"subject_kind": "Art und Schlüssel gehören zusammen."})

    def set_subject(self, obj: Any | None) -> None:
        """Speak to `obj` (a field of action, strategic goal or project), or to nothing."""
        if obj is None:
            self.subject_kind, self.subject_key = SubjectKind.GENERAL, None
            return
        kind = kind_of(obj)
        if not kind:
            raise ValueError(f"{obj!r} cannot be the subject of a topic")
        self.subject_kind, self.subject_key = kind, obj.key

    def subject_in(self, concept: Concept | None) -> Any | None:
        """The subject as it is in `concept` (a field or goal of that version; a project of the
        district, if that version's catalogue lists it), or None."""
        model = SUBJECT_MODELS.get(self.subject_kind)
        if model is None or concept is None:
            return None
        if model is Project:
            return (
                Project.objects.filter(region_id=self.district_id, key=self.subject_key)
                .filter(concepts=concept)
                .first()
            )
        return model.objects.filter(concept=concept, key=self.subject_key).first()

    def last_published(self) -> Any | None:
        """The subject in the newest public version that has it (a dropped goal, a project no
        catalogue lists any more: as it was last shown), or None."""
        model = SUBJECT_MODELS.get(self.subject_kind)
        if model is None:
            return None
        if model is Project:
            return Project.objects.filter(region_id=self.district_id, key=self.subject_key).first()
        public = Concept.objects.filter(region_id=self.district_id).public()
        return (
            model.objects.filter(concept__in=public, key=self.subject_key)
            .select_related("concept")
            .order_by("-concept__version")
            .first()
        )
