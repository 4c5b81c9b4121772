"""SWOT analysis of the socioeconomic conditions (F11).

A `SwotItem` (Stärke, Schwäche, Chance, Risiko) belongs to one concept version and one topic
of the analysis and rests on evidence of three kinds: indicator comparisons (figures pulled
live from the observations), documents or studies, and expert talks. A `SwotSuggestion` is a
candidate item proposed by the rules of kek.swot.rulebook from the data; a planner accepts it
(it becomes an item) or rejects it with a reason, and its fingerprint keeps it from coming
back for the same data.
"""

import uuid

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kek.core.history import History
from kek.core.sanitise import web_url
from kek.goals.models import Concept, StrategicGoal
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup, Indicator, Topic

from . import rulebook


class Kind(models.TextChoices):
    STRENGTH = "strength", rulebook.KIND_LABELS["strength"]
    WEAKNESS = "weakness", rulebook.KIND_LABELS["weakness"]
    OPPORTUNITY = "opportunity", rulebook.KIND_LABELS["opportunity"]
    THREAT = "threat", rulebook.KIND_LABELS["threat"]


KIND_PLURALS: dict[str, str] = {
    Kind.STRENGTH: "Stärken",
    Kind.WEAKNESS: "Schwächen",
    Kind.OPPORTUNITY: "Chancen",
    Kind.THREAT: "Risiken",
}


def sorted_items(items) -> list["SwotItem"]:
    """Strengths, weaknesses, opportunities, threats; by position within each."""
    return sorted(items, key=lambda i: (Kind.values.index(i.kind), i.position, i.pk))


class SwotItem(ClusterableModel):
    """One entry of the SWOT matrix with its evidence."""

    key = models.UUIDField(
        "Schlüssel",
        default=uuid.uuid4,
        editable=False,
        help_text="Bleibt über Versionen des Konzepts gleich.",
    )
    concept = models.ForeignKey(
        Concept,
        on_delete=models.CASCADE,
        related_name="swot_items",
        verbose_name="Konzeptversion",
    )
    kind = models.CharField("Art", max_length=12, choices=Kind.choices)
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="swot_items",
        verbose_name="Themenfeld",
    )
    title = models.CharField("Titel", max_length=200)
    explanation = models.TextField("Erläuterung", blank=True)
    position = models.PositiveIntegerField(
        "Reihenfolge", default=0, help_text="Reihenfolge innerhalb des Quadranten"
    )
    goals = ParentalManyToManyField(
        StrategicGoal,
        blank=True,
        related_name="swot_items",
        verbose_name="Strategische Ziele, die darauf antworten",
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Text, der nicht aus dem beschlossenen Bericht stammt.",
    )
    history = History(excluded_fields=["key"], m2m_fields=["goals"])

    class Meta:
        ordering = ["concept", "kind", "position", "id"]
        verbose_name = "SWOT-Eintrag"
        verbose_name_plural = "SWOT-Einträge"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class IndicatorEvidence(Orderable):
    """Beleg: an indicator of the district compared with a region or a comparison group."""

    item = ParentalKey(SwotItem, on_delete=models.CASCADE, related_name="indicator_evidence")
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="Indikator"
    )
    comparison_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Vergleichsgebiet",
        help_text="Leer: das Land und Deutschland",
    )
    comparison_group = models.ForeignKey(
        ComparisonGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Vergleichsgruppe",
        help_text="Zusätzlich: Median der Gruppe",
    )
    period = models.CharField(
        "Zeit", max_length=20, blank=True, help_text="Leer: der neueste Stand, z. B. 2024-12-31"
    )
    disaggregation = models.CharField(
        "Gliederung", max_length=200, blank=True, help_text="Leer: insgesamt"
    )
    note = models.CharField("Hinweis", max_length=300, blank=True)
    history = History()

    class Meta(Orderable.Meta):
        verbose_name = "Beleg: Indikatorvergleich"
        verbose_name_plural = "Belege: Indikatorvergleiche"

    def __str__(self) -> str:
        return self.indicator.name


class DocumentEvidence(Orderable):
    """Beleg: a document or study, e.g. the demography study 2017."""

    item = ParentalKey(SwotItem, on_delete=models.CASCADE, related_name="document_evidence")
    title = models.CharField("Titel", max_length=300)
    year = models.PositiveSmallIntegerField("Jahr", null=True, blank=True)
    author = models.CharField("Verfasst von", max_length=200, blank=True)
    url = models.URLField("Link", blank=True, validators=[web_url])  # http(s) only
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Datei",
    )
    history = History()

    class Meta(Orderable.Meta):
        verbose_name = "Beleg: Dokument oder Studie"
        verbose_name_plural = "Belege: Dokumente und Studien"

    def __str__(self) -> str:
        return self.title


class ExpertTalk(Orderable):
    """Beleg: an expert talk (Fachgespräch)."""

    item = ParentalKey(SwotItem, on_delete=models.CASCADE, related_name="expert_talks")
    date = models.DateField("Datum", null=True, blank=True)
    when_text = models.CharField(
        "Zeitangabe",
        max_length=60,
        blank=True,
        help_text="Wenn kein Datum bekannt ist, z. B. „ab Februar 2019“",
    )
    bodies = models.CharField(
        "Beteiligte Stellen", max_length=300, help_text="z. B. Wirtschaftsförderung, IHK"
    )
    note = models.TextField("Ergebnis", blank=True)
    history = History()

    class Meta(Orderable.Meta):
        verbose_name = "Beleg: Fachgespräch"
        verbose_name_plural = "Belege: Fachgespräche"

    def __str__(self) -> str:
        return self.bodies


class SwotSuggestion(models.Model):
    """A candidate item proposed by the rules (kek.swot.rulebook) for a district."""

    class Status(models.TextChoices):
        OPEN = "open", "Offen"
        ACCEPTED = "accepted", "Übernommen"
        REJECTED = "rejected", "Abgelehnt"

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", verbose_name="Indikator"
    )
    kind = models.CharField("Art", max_length=12, choices=Kind.choices)
    rule = models.CharField("Regel", max_length=80)
    numbers = models.JSONField("Zahlen", default=dict)
    explanation = models.TextField("Begründung")
    fingerprint = models.CharField("Fingerabdruck", max_length=40)
    status = models.CharField("Status", max_length=10, choices=Status.choices, default=Status.OPEN)
    reason = models.TextField("Grund der Ablehnung", blank=True)
    item = models.ForeignKey(
        SwotItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="Übernommen als",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Entschieden von",
    )
    decided_at = models.DateTimeField("Entschieden am", null=True, blank=True)
    created_at = models.DateTimeField("Vorgeschlagen am", auto_now_add=True)
    history = History()

    class Meta:
        ordering = ["region", "indicator__name", "kind", "rule"]
        verbose_name = "SWOT-Vorschlag"
        verbose_name_plural = "SWOT-Vorschläge"
        constraints = [
            models.UniqueConstraint(fields=["region", "fingerprint"], name="unique_swot_suggestion")
        ]
        permissions = [
            ("refresh_swotsuggestion", "SWOT-Vorschläge aus den Daten neu berechnen"),
            ("accept_swotsuggestion", "SWOT-Vorschlag übernehmen"),
            ("reject_swotsuggestion", "SWOT-Vorschlag ablehnen"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (Vorschlag): {self.indicator.name}"
