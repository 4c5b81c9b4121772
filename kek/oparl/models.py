"""The record of each import from an OParl server (`kek import-oparl`): the next run of the
same source asks only for what changed since this one started (`modified_since`), unless
this run (or an earlier one) was undone (`kek undo-run`, its `core.ImportRun`)."""

from django.conf import settings
from django.db import models

from kek.core.models import ImportRun
from kek.regions.models import Region


class OParlImport(models.Model):
    """A real (not a dry) run of `kek import-oparl`."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="oparl_imports", verbose_name="Landkreis"
    )
    source = models.CharField("Quelle", max_length=500)
    organizations = models.JSONField(
        "Gremien", default=list, blank=True, help_text="Nur diese Gremien; leer: alle"
    )
    started_at = models.DateTimeField("Begonnen")
    finished_at = models.DateTimeField("Beendet")
    summary = models.TextField("Ergebnis", blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Benutzer",
    )
    run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Importvorgang",
        help_text="Sein Verlauf, mit dem er sich rückgängig machen lässt",
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = "OParl-Import"
        verbose_name_plural = "OParl-Importe"

    def __str__(self) -> str:
        return f"OParl-Import {self.source} ({self.started_at:%d.%m.%Y %H:%M})"
