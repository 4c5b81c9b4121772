"""The editorial chapters of the Endbericht (F27): a `ReportPage` ("Endbericht", below the
district's start page) with one `ChapterPage` per editorial chapter. A chapter's StreamField
blocks (`blocks`) render on the web page and in the documents alike."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from . import blocks


class ReportPage(Page):
    """The web page "Endbericht": the Langfassung as it stands, with its downloads."""

    intro = models.TextField("Einleitung", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.DistrictHomePage"]
    subpage_types = ["documents.ChapterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Endbericht"


class ChapterPage(Page):
    """An editorial chapter; `slot` places it in the report's skeleton."""

    class Slot(models.TextChoices):
        TASK = "aufgabe", "1 Aufgabe und Vorgehen"
        LOCATION = "makrolage", "2 Makrolage"
        CONDITIONS = "rahmenbedingungen", "3 Sozioökonomische Rahmenbedingungen (Einleitung)"
        GOALS = "zielsystem", "4 Zielsystem (Einleitung)"
        OUTLOOK = "ausblick", "5 Ausblick: Umsetzung und Evaluierung (Einleitung)"

    slot = models.CharField("Kapitel im Endbericht", max_length=20, choices=Slot.choices)
    body = StreamField(blocks.BODY_BLOCKS, blank=True, verbose_name="Inhalt")

    content_panels = [*Page.content_panels, FieldPanel("slot"), FieldPanel("body")]
    parent_page_types = ["documents.ReportPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Kapitel des Endberichts"
        verbose_name_plural = "Kapitel des Endberichts"
