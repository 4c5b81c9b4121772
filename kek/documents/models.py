"""Builds of the documents (F27): one row per build of one document of a concept version,
with its files. The public download serves the newest complete build; a frozen build (the
documents of an adopted version) is kept forever and never replaced."""

from django.db import models

from kek.goals.models import Concept
from kek.projects.models import EvaluationSnapshot
from kek.regions.models import Region

from .pages import ChapterPage, ReportPage  # noqa: F401  (Wagtail page models of this app)


class Build(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Wartet"
        RUNNING = "running", "Läuft"
        DONE = "done", "Fertig"
        FAILED = "failed", "Fehlgeschlagen"

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="document_builds", verbose_name="Fassung"
    )
    kind = models.CharField("Dokument", max_length=40)  # a kinds.KINDS name
    snapshot = models.ForeignKey(
        EvaluationSnapshot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="document_builds",
        verbose_name="Evaluierungsbericht",
    )
    input_hash = models.CharField("Eingangsprüfsumme", max_length=64)
    frozen = models.BooleanField("Beschlossene Fassung (eingefroren)", default=False)
    state = models.CharField("Zustand", max_length=8, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("Fortschritt (%)", default=0)
    message = models.CharField("Schritt", max_length=200, blank=True)
    error = models.TextField("Fehler", blank=True)
    queued_at = models.DateTimeField("Eingereiht", auto_now_add=True)
    started_at = models.DateTimeField("Begonnen", null=True, blank=True)
    finished_at = models.DateTimeField("Fertig", null=True, blank=True)
    task_id = models.CharField("Auftrag", max_length=64, blank=True)
    # Taken from the assembled document when the build runs: shown beside the download.
    title = models.CharField("Titel", max_length=200, blank=True)
    data_date = models.CharField("Datenstand", max_length=200, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        verbose_name = "Dokumenterzeugung"
        verbose_name_plural = "Dokumenterzeugungen"
        indexes = [models.Index(fields=["concept", "kind", "state"])]
        permissions = [("build_document", "Dokumente neu erzeugen")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.concept}, {self.get_state_display()})"


class PendingRefresh(models.Model):
    """A district's debounced refresh: at most one waits (the task runs `due_at`); the task
    removes the row when it starts, so a change during the refresh queues the next one."""

    region = models.OneToOneField(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    due_at = models.DateTimeField("Fällig")
    task_id = models.CharField("Auftrag", max_length=64, blank=True)

    class Meta:
        verbose_name = "Ausstehende Dokumentprüfung"
        verbose_name_plural = "Ausstehende Dokumentprüfungen"

    def __str__(self) -> str:
        return f"{self.region} ({self.due_at:%d.%m.%Y %H:%M})"


def build_path(instance: "BuildFile", filename: str) -> str:
    return f"documents/{instance.build.region_id}/{instance.build_id}/{filename}"


class BuildFile(models.Model):
    """One format of a build, stored complete (written to a temporary name, then renamed)."""

    build = models.ForeignKey(Build, on_delete=models.CASCADE, related_name="files")
    format = models.CharField("Format", max_length=8)  # kinds.PDF, DOCX, XLSX
    file = models.FileField("Datei", upload_to=build_path, max_length=255)
    name = models.CharField("Dateiname", max_length=200)  # the download's file name
    sha256 = models.CharField("SHA-256", max_length=64)
    size = models.PositiveBigIntegerField("Größe (Bytes)")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["build", "format"], name="one_file_per_format")
        ]
        verbose_name = "Dokumentdatei"
        verbose_name_plural = "Dokumentdateien"

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        from .kinds import FORMAT_LABELS

        return FORMAT_LABELS.get(self.format, self.format.upper())
