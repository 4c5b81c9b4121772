"""Indicator catalogue, observations and their import batches (F5–F8).

An `Indicator` is one statistical series (code = the GENESIS value variable code unless a
mapping in data/statistics/mappings/ says otherwise); its disaggregations (sex, nationality …)
are a dimension of the `Observation`, not separate indicators. Each observation holds a number
or one of the status symbols of SPEC §5 and points at the `ImportBatch` that last wrote it,
which names the file, table, licence and who imported it.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from kek.core.history import History
from kek.regions.models import Region

LICENCE = "dl-de/by-2-0"
SOURCE = (
    "Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland; "
    "Statistisches Bundesamt (Destatis), GENESIS-Online"
)


class Topic(models.Model):
    """Themenfeld of the socioeconomic analysis (Demografie, Umwelt & Klima …)."""

    name = models.CharField("Name", max_length=120)
    slug = models.SlugField("Kurzname", max_length=80, unique=True)
    description = models.TextField("Beschreibung", blank=True)
    position = models.PositiveIntegerField("Reihenfolge", default=0)
    history = History()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "Themenfeld"
        verbose_name_plural = "Themenfelder"

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """A statistical indicator of the catalogue (F6)."""

    class Direction(models.IntegerChoices):
        HIGHER = 1, "höher ist besser"
        NONE = 0, "keine Wertung"
        LOWER = -1, "niedriger ist besser"

    code = models.CharField("Code", max_length=60, unique=True)
    name = models.CharField("Name", max_length=255)
    definition = models.TextField("Definition", blank=True)
    unit = models.CharField("Einheit", max_length=60, blank=True)
    statistic_code = models.CharField("Statistik (Code)", max_length=20, blank=True)
    statistic_name = models.CharField("Statistik", max_length=255, blank=True)
    table_code = models.CharField(
        "Tabelle", max_length=100, blank=True, help_text="z. B. 12411-01-01-4"
    )
    direction = models.SmallIntegerField(
        "Gewünschte Richtung", choices=Direction.choices, default=Direction.NONE
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name="Themenfeld",
    )
    disaggregations = models.JSONField(
        "Gliederungen",
        default=dict,
        blank=True,
        help_text='Merkmale und Ausprägungen, z. B. {"GES": {"label": "Geschlecht", '
        '"attributes": {"GESM": "männlich"}}}',
    )
    formula = models.CharField(
        "Berechnung",
        max_length=255,
        blank=True,
        help_text="Nur bei abgeleiteten Indikatoren, z. B. BEVSTD[GES:GESW] / BEVSTD × 100",
    )
    additive = models.BooleanField(
        "Summierbar",
        default=False,
        help_text="Anzahlen, die sich zu Land und Bund aufsummieren lassen (Land- und "
        "Bundeswerte werden als Summe der Kreise gebildet, wenn die Datei sie nicht enthält)",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    history = History()

    class Meta:
        ordering = ["topic__position", "name"]
        verbose_name = "Indikator"
        verbose_name_plural = "Indikatoren"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def disaggregation_label(self, disaggregation: str) -> str:
        """`GES:GESW|NAT:NATA` → `Geschlecht: weiblich | Nationalität: ausländisch`."""
        if not disaggregation:
            return "Insgesamt"
        parts = []
        for pair in disaggregation.split("|"):
            variable, _, attribute = pair.partition(":")
            known = self.disaggregations.get(variable, {})
            label = known.get("attributes", {}).get(attribute, attribute)
            parts.append(f"{known.get('label', variable)}: {label}")
        return " | ".join(parts)


class ImportBatch(models.Model):
    """One import of one statistics file: who, when, what it changed (F7)."""

    wagtail_reference_index_ignore = True  # a record; nothing links to it from content

    class Status(models.TextChoices):
        PENDING = "pending", "Wartet"
        RUNNING = "running", "Läuft"
        DONE = "done", "Abgeschlossen"
        FAILED = "failed", "Fehlgeschlagen"
        UNDONE = "undone", "Rückgängig gemacht"

    file_name = models.CharField("Datei", max_length=255)
    file = models.FileField("Hochgeladene Datei", upload_to="statistik/importe/", blank=True)
    content_hash = models.CharField("Prüfsumme (SHA-256)", max_length=64, db_index=True)
    table = models.CharField("Tabelle", max_length=100, blank=True)
    file_format = models.CharField("Dateiformat", max_length=20, blank=True)
    statistics = models.JSONField("Statistiken", default=dict, blank=True)
    source = models.CharField("Quelle", max_length=255, default=SOURCE)
    licence = models.CharField("Lizenz", max_length=60, default=LICENCE)
    downloaded_on = models.DateField("Abgerufen am", null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Importiert von",
    )
    status = models.CharField(
        "Status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveSmallIntegerField("Fortschritt (%)", default=0)
    message = models.TextField("Meldung", blank=True)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    finished_at = models.DateTimeField("Beendet am", null=True, blank=True)
    seconds = models.FloatField("Dauer (s)", null=True, blank=True)
    rows_total = models.PositiveIntegerField("Werte in der Datei", default=0)
    rows_added = models.PositiveIntegerField("Neu", default=0)
    rows_changed = models.PositiveIntegerField("Geändert", default=0)
    rows_unchanged = models.PositiveIntegerField("Unverändert", default=0)
    rows_skipped = models.PositiveIntegerField(
        "Übersprungen",
        default=0,
        help_text="Werte für Länder oder Kreise, die nicht im aktuellen Gebietsstand sind",
    )
    skipped_regions = models.JSONField("Übersprungene Gebiete", default=list, blank=True)
    regions_added = models.PositiveIntegerField("Neue Gebietseinheiten", default=0)
    indicators_added = models.PositiveIntegerField("Neue Indikatoren", default=0)
    changes = models.JSONField(
        "Beispiele geänderter Werte",
        default=list,
        blank=True,
        help_text="Die ersten geänderten Werte mit altem und neuem Stand.",
    )
    # What the import created, so that undoing it can remove exactly that (kek.statistics.undo).
    created_regions = models.JSONField("Angelegte Gebietseinheiten", default=list, blank=True)
    created_indicators = models.JSONField("Angelegte Indikatoren", default=list, blank=True)
    undone_at = models.DateTimeField("Rückgängig gemacht am", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Rückgängig gemacht von",
    )
    # The record of the record: who started it, how it ended (progress is left out: the
    # background job updates it many times a second).
    history = History(excluded_fields=["progress"])
    _history_user: Any  # set before save() or delete(): the record names that account

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Importvorgang"
        verbose_name_plural = "Importvorgänge"
        permissions = [
            ("import_observations", "Statistikdateien importieren"),
            ("undo_importbatch", "Importvorgänge rückgängig machen"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

    def summary(self) -> str:
        if self.status == self.Status.FAILED:
            return self.message
        if not (self.rows_added or self.rows_changed):
            text = f"unverändert ({self.rows_unchanged} Werte)"
        else:
            text = (
                f"{self.rows_added} neu, {self.rows_changed} geändert, "
                f"{self.rows_unchanged} unverändert"
            )
        return text + self.skipped_note()

    def skipped_note(self) -> str:
        if not self.rows_skipped:
            return ""
        keys = ", ".join(self.skipped_regions[:8])
        more = " …" if len(self.skipped_regions) > 8 else ""
        return (
            f"; {self.rows_skipped} Werte übersprungen (Gebiete nicht im aktuellen "
            f"Gebietsstand: {keys}{more})"
        )


class Observation(models.Model):
    """Value of an indicator for a region, period and disaggregation (F7)."""

    # An import writes up to millions of rows, so the table carries only the indexes that
    # queries need (the unique index starts with the indicator) and no foreign-key constraints
    # in the database: PostgreSQL checks those at commit, row by row, which tripled the time
    # of a large import (bench/import_bench.py). The importer takes every id from the same
    # transaction, and Django applies CASCADE/PROTECT itself.
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name="Indikator",
        db_index=False,
        db_constraint=False,
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name="Gebiet",
        db_constraint=False,
    )
    period = models.CharField(
        "Zeit", max_length=20, help_text="2024-12-31 (Stichtag), 2023 (Jahr), 2023-10P6M"
    )
    disaggregation = models.CharField(
        "Gliederung", max_length=200, blank=True, help_text="leer = insgesamt"
    )
    value = models.FloatField("Wert", null=True, blank=True)
    symbol = models.CharField("Zeichen", max_length=3, blank=True)
    quality = models.CharField("Qualität", max_length=8, blank=True)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name="Importvorgang",
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        verbose_name = "Beobachtung"
        verbose_name_plural = "Beobachtungen"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period", "disaggregation"],
                name="unique_observation",
            )
        ]

    def __str__(self) -> str:
        shown = self.symbol if self.value is None else f"{self.value:g}"
        return f"{self.indicator.code} {self.region.ags} {self.period}: {shown}"


class ReplacedValue(models.Model):
    """The content an observation had before an import changed it: what undoing that import
    restores (kek.statistics.undo). Only changed values get a row, written in bulk."""

    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="replaced", db_constraint=False
    )
    observation_id = models.BigIntegerField()
    value = models.FloatField(null=True, blank=True)
    symbol = models.CharField(max_length=3, blank=True)
    quality = models.CharField(max_length=8, blank=True)
    previous_batch_id = models.BigIntegerField(db_index=True)

    class Meta:
        verbose_name = "Ersetzter Wert"
        verbose_name_plural = "Ersetzte Werte"

    def __str__(self) -> str:
        return f"Wert {self.observation_id} vor Import {self.batch_id}"


class ComparisonGroup(models.Model):
    """Regions a district is compared with (F5): its Land's districts, all districts, a list."""

    class Rule(models.TextChoices):
        STATE_DISTRICTS = "state_districts", "Kreise eines Landes"
        ALL_DISTRICTS = "all_districts", "Alle Kreise in Deutschland"
        LIST = "list", "Ausgewählte Gebietseinheiten"

    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="comparison_groups",
        verbose_name="Landkreis",
        limit_choices_to={"level": Region.Level.DISTRICT},
    )
    name = models.CharField("Name", max_length=120)
    slug = models.SlugField("Kurzname", max_length=80)
    rule = models.CharField("Regel", max_length=20, choices=Rule.choices, default=Rule.LIST)
    state = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Land",
        limit_choices_to={"level": Region.Level.STATE},
        help_text="Nur für die Regel „Kreise eines Landes“",
    )
    members = models.ManyToManyField(
        Region,
        blank=True,
        related_name="+",
        verbose_name="Gebietseinheiten",
        help_text="Nur für die Regel „Ausgewählte Gebietseinheiten“",
    )
    position = models.PositiveIntegerField("Reihenfolge", default=0)
    history = History(m2m_fields=["members"])

    class Meta:
        ordering = ["district", "position", "name"]
        verbose_name = "Vergleichsgruppe"
        verbose_name_plural = "Vergleichsgruppen"
        constraints = [
            models.UniqueConstraint(fields=["district", "slug"], name="unique_group_slug")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.name})"

    def regions(self) -> models.QuerySet[Region]:
        """The regions of the group, the district itself included."""
        districts = Region.objects.filter(level=Region.Level.DISTRICT)
        if self.rule == self.Rule.STATE_DISTRICTS:
            state_id = self.state_id or self.district.parent_id
            return districts.filter(Q(parent_id=state_id) | Q(parent__parent_id=state_id))
        if self.rule == self.Rule.ALL_DISTRICTS:
            return districts
        members = Q(pk__in=self.members.values("pk")) | Q(pk=self.district_id)
        return Region.objects.filter(members)
