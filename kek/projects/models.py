"""Project catalogue, target indicators and evaluation snapshots (F12, F13, F16).

A project is one long-lived thing of its district across concept versions (same number, same
address, same leads, its milestones and measurements); each version's catalogue lists the
projects it adopted (`concepts`) and records which of its sub-goals they serve. Target indicators
belong to a project, a strategic goal or a sub-goal, and are measured over time or linked to a
statistical series of a region. Evaluation results are computed on demand
(`kek.projects.evaluation`) and frozen in dated snapshots.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, WorkflowMixin

from kek.core import four_eyes
from kek.core.history import History
from kek.evaluation import methods
from kek.goals.models import Concept, PublicationSettings, StrategicGoal, SubGoal
from kek.goals.slugs import german_slug
from kek.regions.models import Region


class Project(WorkflowMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, ClusterableModel):
    """A planner's edit in the back office is a draft (a revision) until it is published, under
    the Vier-Augen-Prinzip by a second planner; the row is what the public sees. The many-to-many
    fields are parental so that a draft carries them too. A lead's report (status, progress,
    milestones on the project page) writes the row at once and survives publishing a draft that
    was begun before it (`with_content_json`)."""

    class Status(models.TextChoices):
        IDEA = "idea", "Idee"
        PLANNED = "planned", "Geplant"
        IN_PROGRESS = "in_progress", "In Umsetzung"
        COMPLETED = "completed", "Abgeschlossen"
        STOPPED = "stopped", "Eingestellt"

    class Priority(models.TextChoices):
        HIGH = "high", "Hoch"
        MEDIUM = "medium", "Mittel"
        LOW = "low", "Niedrig"

    # Progress in per cent a status implies unless a project lead states it.
    DEFAULT_PROGRESS = {"idea": 0, "planned": 10, "in_progress": 50, "completed": 100, "stopped": 0}

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="district_projects",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    concepts = ParentalManyToManyField(
        Concept,
        related_name="projects",
        blank=True,
        verbose_name="In den Katalogen der Versionen",
        help_text="Eine Fortschreibung übernimmt die Projekte ihrer Vorgängerversion.",
    )
    key = models.UUIDField("Schlüssel", default=uuid.uuid4, editable=False)
    number = models.CharField("Projektnummer", max_length=20)
    title = models.CharField("Titel", max_length=300)
    slug = models.SlugField("Kurzname in der Adresse", max_length=80, blank=True)
    description = models.TextField("Beschreibung", blank=True)
    subgoals = ParentalManyToManyField(
        SubGoal, related_name="projects", verbose_name="Teilziele", blank=True
    )
    lead_body = models.CharField("Federführung", max_length=200, blank=True)
    leads = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="led_projects",
        blank=True,
        verbose_name="Projektverantwortliche (Konten)",
        help_text="Diese Konten dürfen Status, Meilensteine und Messwerte pflegen.",
    )
    partners = models.TextField("Partner", blank=True)
    municipalities = ParentalManyToManyField(
        Region, related_name="projects", blank=True, verbose_name="Betroffene Gemeinden"
    )
    status = models.CharField("Status", max_length=12, choices=Status.choices, default="idea")
    progress = models.PositiveSmallIntegerField(
        "Umsetzungsstand (%)",
        null=True,
        blank=True,
        help_text="Leer lassen für den Standardwert des Status.",
    )
    priority = models.CharField(
        "Priorität", max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    start_date = models.DateField("Beginn", null=True, blank=True)
    end_date = models.DateField("Ende", null=True, blank=True)
    cost_estimate = models.DecimalField(
        "Kostenschätzung (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding_programme = models.CharField("Förderprogramm", max_length=200, blank=True)
    funding_share = models.DecimalField(
        "Förderquote (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    resolution = models.ForeignKey(
        "committees.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",  # committees, a lower layer, does not reach up to projects
        verbose_name="Beschluss",
        help_text="Der Tagesordnungspunkt, in dem das Projekt (oder der Katalog) beschlossen "
        "wurde.",
    )
    weight = models.DecimalField("Gewicht", max_digits=6, decimal_places=2, default=1)
    is_example = models.BooleanField("Beispielinhalt", default=False)
    updated_at = models.DateTimeField(auto_now=True)
    lead_updated_at = models.DateTimeField(
        "Zuletzt von Projektverantwortlichen aktualisiert", null=True, blank=True, editable=False
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="project")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="project",
        for_concrete_model=False,
    )
    history = History(
        m2m_fields=["concepts", "subgoals", "leads", "municipalities"],
        excluded_fields=[
            "live", "has_unpublished_changes", "first_published_at", "last_published_at",
            "live_revision", "latest_revision", "go_live_at", "expire_at", "expired",
        ],
    )  # fmt: skip

    class Meta:
        ordering = ["region", "number"]
        verbose_name = "Projekt"
        verbose_name_plural = "Projekte"
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="unique_project_number"),
            models.UniqueConstraint(fields=["region", "slug"], name="unique_project_slug"),
            models.UniqueConstraint(fields=["region", "key"], name="unique_project_key"),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | Q(progress__lte=100),
                name="project_progress_percent",
            ),
        ]
        permissions = [("import_catalogue", "Projektkatalog aus Datei importieren")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            taken = Project.objects.filter(region_id=self.region_id).exclude(pk=self.pk)
            self.slug = german_slug(self.title, set(taken.values_list("slug", flat=True)))
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    def with_content_json(self, content):
        """The draft `content` on this row; the lead's status, progress and milestones of the
        row win when a lead reported after the draft was begun."""
        draft = super().with_content_json(content)
        if _to_millisecond(draft.lead_updated_at) != _to_millisecond(self.lead_updated_at):
            draft.status, draft.progress = self.status, self.progress
            draft.lead_updated_at = self.lead_updated_at
            draft.milestones = list(self.milestones.all())
        return draft

    def get_workflow(self):
        """The Vier-Augen-Prinzip where the district asks for it, else none."""
        if self.region_id and PublicationSettings.four_eyes_for(self.region):
            return four_eyes.workflow()
        return None

    def serve_preview(self, request, mode_name):
        from .preview import preview

        return preview(request, self)

    @property
    def effective_progress(self) -> int:
        if self.progress is not None:
            return self.progress
        return self.DEFAULT_PROGRESS[self.status]

    @property
    def public_ref(self) -> str:
        return f"{self.number}-{self.slug}".lower().replace(" ", "")


def _to_millisecond(moment):
    """A revision's JSON keeps times to the millisecond (DjangoJSONEncoder)."""
    return moment and moment.replace(microsecond=moment.microsecond // 1000 * 1000)


class Milestone(models.Model):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField("Datum")
    title = models.CharField("Meilenstein", max_length=300)
    done = models.BooleanField("Erreicht", default=False)
    history = History()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = "Meilenstein"
        verbose_name_plural = "Meilensteine"

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.title}"


class Attachment(models.Model):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("Titel", max_length=300)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="Datei"
    )
    history = History()

    class Meta:
        verbose_name = "Anlage"
        verbose_name_plural = "Anlagen"

    def __str__(self) -> str:
        return self.title


class TargetIndicator(ClusterableModel):
    """Zielindikator of a project, strategic goal or sub-goal (exactly one of them)."""

    class Direction(models.IntegerChoices):
        INCREASE = 1, "Steigen erwünscht"
        DECREASE = -1, "Sinken erwünscht"

    class Method(models.TextChoices):
        OPEN_SDG = methods.OPEN_SDG, "Fortschrittsmaß (Open SDG)"
        DNS = methods.DNS, "Wettersymbole (Nachhaltigkeitsstrategie)"
        TREND = methods.TREND, "Trend ohne Zielwert"

    class Profile(models.TextChoices):
        DEFAULT = "default", "Standard (1,5 % / 0,5 % / 0)"
        EUROSTAT = "eurostat", "Eurostat (1 % / 0 / −1 %)"

    class Estimator(models.TextChoices):
        SLOPE = "slope", "Kleinste Quadrate"
        ENDPOINTS = "endpoints", "Endpunkte"
        COMPOUND = "compound", "Jährliche Wachstumsrate"

    # Unique within a concept, like goal keys: a catalogue copied to another district or
    # concept version keeps its indicator keys (checked by the catalogue import).
    key = models.UUIDField("Schlüssel", default=uuid.uuid4, editable=False, db_index=True)
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="Projekt",
    )
    goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="Strategisches Ziel",
    )
    subgoal = models.ForeignKey(
        SubGoal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="Teilziel",
    )
    title = models.CharField("Indikator", max_length=300)
    definition = models.TextField("Definition", blank=True)
    unit = models.CharField("Einheit", max_length=60, blank=True)
    direction = models.SmallIntegerField(
        "Gewünschte Richtung", choices=Direction.choices, default=Direction.INCREASE
    )
    method = models.CharField(
        "Bewertungsmethode", max_length=12, choices=Method.choices, default=Method.OPEN_SDG
    )
    threshold_profile = models.CharField(
        "Schwellen ohne Zielwert", max_length=10, choices=Profile.choices, default="default"
    )
    estimator = models.CharField(
        "Trendschätzer (Wettersymbole)", max_length=10, choices=Estimator.choices, default="slope"
    )
    baseline_value = models.FloatField("Ausgangswert", null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField("Ausgangsjahr", null=True, blank=True)
    target_value = models.FloatField("Zielwert", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("Zieljahr", null=True, blank=True)
    weight = models.FloatField("Gewicht", default=1)
    series_indicator = models.CharField(
        "Statistische Reihe (Indikatorcode)",
        max_length=60,
        blank=True,
        help_text="Statt eigener Messwerte: Werte einer amtlichen Reihe (z. B. BEVSTD).",
    )
    series_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Gebiet der Reihe",
    )
    series_disaggregation = models.CharField("Merkmal der Reihe", max_length=200, blank=True)
    history = History()

    class Meta:
        ordering = ["id"]
        verbose_name = "Zielindikator"
        verbose_name_plural = "Zielindikatoren"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(project__isnull=False, goal__isnull=True, subgoal__isnull=True)
                    | Q(project__isnull=True, goal__isnull=False, subgoal__isnull=True)
                    | Q(project__isnull=True, goal__isnull=True, subgoal__isnull=False)
                ),
                name="indicator_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.project or self.goal or self.subgoal


class Measurement(models.Model):
    """A measured value of a target indicator. Only reviewed values (`review` "ok") count in
    the evaluation and on the public pages: a value a lead confirmed although the plausibility
    checks flagged it (kek.evaluation.plausibility) waits "zur Prüfung" until a planner accepts
    it (kek.projects.review_views). The catalogue import and the back office write "ok"."""

    class Review(models.TextChoices):
        OK = "ok", "Geprüft"
        PENDING = "pending", "Zur Prüfung"
        REJECTED = "rejected", "Abgelehnt"

    indicator = ParentalKey(TargetIndicator, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField("Datum")
    value = models.FloatField("Wert")
    source = models.CharField("Quelle", max_length=300, blank=True)
    note = models.CharField("Anmerkung", max_length=500, blank=True)
    # Not in any form: set by the lead's form after the checks and by the planner's decision.
    review = models.CharField(
        "Prüfung",
        max_length=10,
        choices=Review.choices,
        default=Review.OK,
        editable=False,
        db_index=True,
    )
    review_reason = models.TextField("Grund der Prüfung", blank=True, editable=False)
    history = History()
    _change_reason: str  # set before a save, read by the history record

    class Meta:
        ordering = ["date"]
        verbose_name = "Messwert"
        verbose_name_plural = "Messwerte"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_measurement_per_date")
        ]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}: {self.value:g}"


class EvaluationSnapshot(models.Model):
    """A frozen evaluation report (Evaluierungsbericht) of all results on one day."""

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="snapshots", verbose_name="Konzeptversion"
    )
    title = models.CharField("Titel", max_length=200)
    taken_at = models.DateTimeField("Stand", auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField("Anmerkung", blank=True)
    results = models.JSONField("Ergebnisse", default=dict, editable=False)
    # The frozen results are large and never change; the record keeps who took the report.
    history = History(excluded_fields=["results"])

    class Meta:
        ordering = ["-taken_at", "-id"]
        get_latest_by = "taken_at"
        verbose_name = "Evaluierungsbericht"
        verbose_name_plural = "Evaluierungsberichte"

    def __str__(self) -> str:
        return f"{self.title} ({self.taken_at:%d.%m.%Y})"

    def previous(self):
        return (
            EvaluationSnapshot.objects.filter(concept=self.concept, taken_at__lt=self.taken_at)
            .order_by("-taken_at")
            .first()
        )
