"""Press series (F20): the articles a district placed in the press during the concept's process.

A `PressSeries` ("KEK-Presseserie") has a title and the period it ran in; its `PressArticle`s
(Presseartikel, the glossary's name) are its numbered parts, each with the medium and the day
or days it appeared (weekend editions: a first and a last day), or, where the exact date is not
known, the stated period. An article can speak to fields of action; those belong to a concept
version, so a Fortschreibung links the articles to the new version's copies as well
(kek.press.versions).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from kek.core.history import History
from kek.core.sanitise import web_url
from kek.goals.models import FieldOfAction
from kek.regions.models import Region

from .dates import published


class PressSeries(models.Model):
    """A series of press articles, e.g. "KEK-Presseserie", September–Oktober 2020."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="press_series",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    title = models.CharField("Titel", max_length=200, help_text="z. B. „KEK-Presseserie“")
    period = models.CharField(
        "Zeitraum", max_length=100, blank=True, help_text="z. B. „September–Oktober 2020“"
    )
    description = models.TextField(
        "Beschreibung", blank=True, help_text="Einfacher Text: worum es in der Serie ging."
    )
    position = models.PositiveIntegerField("Reihenfolge", default=0)
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Inhalt, der nicht aus den Unterlagen des Landkreises stammt.",
    )
    history = History()

    class Meta:
        ordering = ["region", "position", "id"]
        verbose_name = "Presseserie"
        verbose_name_plural = "Presseserien"

    def __str__(self) -> str:
        return f"{self.title} ({self.period})" if self.period else self.title


class PressArticle(models.Model):
    """Presseartikel: one article, usually a numbered part of a series."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="press_articles",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    series = models.ForeignKey(
        PressSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name="Presseserie",
    )
    part = models.PositiveSmallIntegerField(
        "Teil", null=True, blank=True, help_text="Nummer des Teils in der Serie"
    )
    title = models.CharField("Titel", max_length=300)
    medium = models.CharField("Medium", max_length=200, help_text="z. B. „Torgauer Zeitung“")
    first_date = models.DateField(
        "Erschienen am",
        null=True,
        blank=True,
        help_text="Bei einer Wochenendausgabe der erste Tag (Samstag). Leer, wenn unbekannt.",
    )
    last_date = models.DateField(
        "Erschienen bis",
        null=True,
        blank=True,
        help_text="Bei einer Wochenendausgabe der letzte Tag (Sonntag); sonst leer.",
    )
    period = models.CharField(
        "Zeitangabe",
        max_length=100,
        blank=True,
        help_text="Wenn das genaue Datum unbekannt ist, z. B. „September/Oktober 2020“.",
    )
    author = models.CharField("Verfasst von", max_length=200, blank=True)
    teaser = models.TextField("Anreißer", blank=True, help_text="Einfacher Text, ohne HTML.")
    url = models.URLField("Link", blank=True, validators=[web_url])  # http(s) only
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Datei",
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction,
        blank=True,
        related_name="press_articles",
        verbose_name="Handlungsfelder",
        help_text="Die Handlungsfelder, zu denen der Artikel spricht.",
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Inhalt, der nicht aus den Unterlagen des Landkreises stammt.",
    )
    history = History(m2m_fields=["fields_of_action"])

    class Meta:
        ordering = ["region", "part", "first_date", "id"]
        verbose_name = "Presseartikel"
        verbose_name_plural = "Presseartikel"

    def __str__(self) -> str:
        return f"Teil {self.part}: {self.title}" if self.part else self.title

    @property
    def published(self) -> str:
        """The day(s) it appeared in German words, or the stated period."""
        return published(self.first_date, self.last_date, self.period)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.last_date and not self.first_date:
            errors["last_date"] = "Ein letzter Tag braucht einen ersten Tag („Erschienen am“)."
        elif self.last_date and self.first_date and self.last_date < self.first_date:
            errors["last_date"] = "Der letzte Tag liegt vor dem ersten."
        if not self.first_date and not self.period.strip():
            errors["period"] = (
                "Ohne Datum bitte den bekannten Zeitraum angeben, z. B. „September/Oktober 2020“."
            )
        series = self.series if self.series_id else None
        if series is not None and self.region_id and series.region_id != self.region_id:
            errors["series"] = "Diese Presseserie gehört zu einem anderen Landkreis."
        if errors:
            raise ValidationError(errors)
