"""The goal system of a district's development concept (F1–F3).

Concept (one row per version) → FieldOfAction → StrategicGoal → SubGoal.
Every goal object carries a `key` that survives new versions and import/export, so two
versions can be compared goal by goal; `number` (1, 1.2, 1.2.3) is derived from the order
of `position` among siblings and kept up to date by `numbering.renumber`.
"""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from kek.committees import resolutions
from kek.core.history import History
from kek.regions.models import Region

from .slugs import german_slug


class SDG(models.Model):
    """One of the 17 UN Sustainable Development Goals."""

    number = models.PositiveSmallIntegerField("Nummer", unique=True)
    title = models.CharField("Titel", max_length=120)

    class Meta:
        ordering = ["number"]
        verbose_name = "Nachhaltigkeitsziel (SDG)"
        verbose_name_plural = "Nachhaltigkeitsziele (SDGs)"

    def __str__(self) -> str:
        return f"SDG {self.number}: {self.title}"


class ConceptQuerySet(models.QuerySet["Concept"]):
    def public(self) -> "ConceptQuerySet":
        return self.exclude(status=Concept.Status.DRAFT)

    def with_adoption(self) -> "ConceptQuerySet":
        """With what `{% resolution concept.adoption %}` reads of the adopting agenda item."""
        return self.select_related("adoption__meeting").prefetch_related(
            "adoption__meeting__organizations", "adoption__consultations__paper"
        )

    def current_for(self, region: Region) -> "Concept | None":
        """The district's current version; takes the Region, not its id."""
        return self.filter(region=region, is_current=True).first()

    def working_draft(self, region: Region) -> "Concept | None":
        """The district's newest draft version (the Fortschreibung being worked on), if any."""
        return self.filter(region=region, status=Concept.Status.DRAFT).order_by("-version").first()


class Concept(models.Model):
    """One version (Fortschreibung) of a district's development concept."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        CONSULTATION = "consultation", "In Beteiligung"
        ADOPTED = "adopted", "Beschlossen"
        SUPERSEDED = "superseded", "Abgelöst"

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="concepts", verbose_name="Landkreis"
    )
    version = models.PositiveIntegerField("Version", default=1)
    title = models.CharField("Titel", max_length=200)
    horizon_year = models.PositiveSmallIntegerField("Zieljahr", default=2030)
    status = models.CharField("Status", max_length=16, choices=Status.choices, default=Status.DRAFT)
    is_current = models.BooleanField(
        "Aktuelle Version",
        default=False,
        help_text="Genau eine Version je Landkreis ist die aktuelle; sie erscheint öffentlich.",
    )
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name="Vorgängerversion",
    )
    adoption = models.ForeignKey(
        "committees.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_concepts",
        verbose_name="Beschluss",
        help_text="Der Tagesordnungspunkt, in dem die Version beschlossen wurde.",
    )
    version_note = models.TextField(
        "Anlass der Fortschreibung", blank=True, help_text="Was sich in dieser Version ändert"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="Zur Freigabe vorgelegt von",
    )
    submitted_at = models.DateTimeField("Zur Freigabe vorgelegt am", null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = History()

    objects = ConceptQuerySet.as_manager()
    # Set before save() or delete(): django-simple-history records it as the author.
    _history_user: Any

    class Meta:
        ordering = ["region", "version"]
        verbose_name = "Kreisentwicklungskonzept (Version)"
        verbose_name_plural = "Kreisentwicklungskonzepte (Versionen)"
        constraints = [
            models.UniqueConstraint(fields=["region", "version"], name="unique_concept_version"),
            models.UniqueConstraint(
                fields=["region"], condition=Q(is_current=True), name="one_current_concept"
            ),
        ]
        permissions = [
            ("copy_concept", "Neue Version aus einer bestehenden anlegen"),
            ("publish_concept", "Version als aktuelle festlegen"),
            ("import_concept", "Zielsystem aus Datei importieren"),
            ("export_concept", "Zielsystem in Datei exportieren"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (Version {self.version}, {self.get_status_display()})"

    @property
    def adopted_on(self) -> "dt.date | None":
        """The day of the adopting meeting (read from `adoption`)."""
        return resolutions.day_of(self.adoption)

    @property
    def adopted_by(self) -> str:
        """The committee that adopted the version ("Kreistag")."""
        return resolutions.committee_of(self.adoption)

    @property
    def resolution_number(self) -> str:
        """The Beschlussnummer: the reference of the paper decided in the agenda item."""
        return resolutions.reference_of(self.adoption)

    @property
    def adoption_item_name(self) -> str:
        """The agenda item's name when an adoption is recorded without one."""
        return f"{self.title}, Version {self.version}"

    @property
    def is_editable(self) -> bool:
        """Only a draft may change; an adopted, superseded or consulted version is a record."""
        return self.status == Concept.Status.DRAFT

    @property
    def read_only_reason(self) -> str:
        state = {"adopted": "beschlossen", "superseded": "abgelöst"}.get(
            self.status, "in der Beteiligung"
        )
        return (
            f"Version {self.version} ist {state} und kann nicht "
            "mehr geändert werden. Änderungen beginnen mit einer Fortschreibung "
            "(„Neue Version daraus anlegen“)."
        )


class PublicationSettings(models.Model):
    """How a district publishes a Fortschreibung."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    four_eyes = models.BooleanField(
        "Vier-Augen-Prinzip",
        default=False,
        help_text="Eine Version wird erst veröffentlicht, wenn eine zweite Person aus der "
        "Planung sie freigibt; wer sie vorgelegt hat, kann sie nicht selbst freigeben.",
    )
    history = History()

    class Meta:
        verbose_name = "Freigaberegel"
        verbose_name_plural = "Freigaberegeln"

    def __str__(self) -> str:
        state = "Vier-Augen-Prinzip" if self.four_eyes else "Freigabe durch eine Person"
        return f"{self.region.name}: {state}"

    @classmethod
    def four_eyes_for(cls, region: Region) -> bool:
        return cls.objects.filter(region=region, four_eyes=True).exists()


class GoalObject(models.Model):
    """Fields shared by Handlungsfeld, strategisches Ziel and Teilziel."""

    key = models.UUIDField(
        "Schlüssel",
        default=uuid.uuid4,
        editable=False,
        help_text="Bleibt über Versionen und Export/Import gleich.",
    )
    position = models.PositiveIntegerField("Reihenfolge", default=0, db_index=True)
    number = models.CharField("Nummer", max_length=20, editable=False, blank=True)
    title = models.CharField("Titel", max_length=300)
    slug = models.SlugField(
        "Kurzname in der Adresse",
        max_length=80,
        blank=True,
        allow_unicode=False,
        help_text="Wird aus dem Titel erzeugt, wenn leer, und bleibt danach stabil.",
    )
    description = models.TextField("Beschreibung", blank=True)
    sdgs = models.ManyToManyField(
        SDG, blank=True, related_name="+", verbose_name="Nachhaltigkeitsziele (SDGs)"
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Markiert Inhalte, die noch nicht aus dem beschlossenen Konzept stammen.",
    )

    _history_user: Any  # as on Concept
    # Renumbering moves positions of many siblings at once; the history shows the numbers.
    history_hidden_fields = ("position",)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            taken = set(self.siblings_in_concept().values_list("slug", flat=True))
            self.slug = german_slug(self.title, taken)
        if not self.pk and not self.position:
            last = self.siblings().aggregate(models.Max("position"))["position__max"]
            self.position = (last or 0) + 1
        super().save(*args, **kwargs)

    def siblings(self) -> models.QuerySet:
        """Objects numbered together with this one (same parent)."""
        raise NotImplementedError

    def siblings_in_concept(self) -> models.QuerySet:
        """Other objects of the same level in the concept (slugs are unique among them)."""
        raise NotImplementedError


class FieldOfAction(GoalObject):
    """Handlungsfeld with its Leitbild (vision for the horizon year)."""

    concept = models.ForeignKey(
        Concept,
        on_delete=models.CASCADE,
        related_name="fields_of_action",
        verbose_name="Konzeptversion",
    )
    vision = models.TextField("Leitbild", blank=True)
    history = History(m2m_fields=["sdgs"])

    class Meta(GoalObject.Meta):
        verbose_name = "Handlungsfeld"
        verbose_name_plural = "Handlungsfelder"
        constraints = [
            models.UniqueConstraint(fields=["concept", "key"], name="unique_field_key"),
            models.UniqueConstraint(fields=["concept", "slug"], name="unique_field_slug"),
        ]

    def siblings(self):
        return FieldOfAction.objects.filter(concept_id=self.concept_id)

    def siblings_in_concept(self):
        return self.siblings().exclude(pk=self.pk)


class StrategicGoal(GoalObject):
    """Strategisches Ziel, numbered within its field of action (e.g. 1.2)."""

    field = models.ForeignKey(
        FieldOfAction,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name="Handlungsfeld",
    )
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+", editable=False)
    history = History(m2m_fields=["sdgs"])

    class Meta(GoalObject.Meta):
        verbose_name = "Strategisches Ziel"
        verbose_name_plural = "Strategische Ziele"
        constraints = [
            models.UniqueConstraint(fields=["concept", "key"], name="unique_goal_key"),
            models.UniqueConstraint(fields=["concept", "slug"], name="unique_goal_slug"),
        ]

    def save(self, *args, **kwargs) -> None:
        self.concept_id = self.field.concept_id
        super().save(*args, **kwargs)

    def siblings(self):
        return StrategicGoal.objects.filter(field_id=self.field_id)

    def siblings_in_concept(self):
        return StrategicGoal.objects.filter(concept_id=self.field.concept_id).exclude(pk=self.pk)


class SubGoal(GoalObject):
    """Teilziel, numbered within its strategic goal (e.g. 1.2.3)."""

    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.CASCADE,
        related_name="subgoals",
        verbose_name="Strategisches Ziel",
    )
    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="+", editable=False)
    history = History(m2m_fields=["sdgs"])

    class Meta(GoalObject.Meta):
        verbose_name = "Teilziel"
        verbose_name_plural = "Teilziele"
        constraints = [
            models.UniqueConstraint(fields=["concept", "key"], name="unique_subgoal_key"),
            models.UniqueConstraint(fields=["concept", "slug"], name="unique_subgoal_slug"),
        ]

    def save(self, *args, **kwargs) -> None:
        self.concept_id = self.goal.concept_id
        super().save(*args, **kwargs)

    def siblings(self):
        return SubGoal.objects.filter(goal_id=self.goal_id)

    def siblings_in_concept(self):
        return SubGoal.objects.filter(concept_id=self.goal.concept_id).exclude(pk=self.pk)


GOAL_MODELS = (FieldOfAction, StrategicGoal, SubGoal)
