"""The process timeline of a district's concept, "Der Weg zum KEK" (F18).

A district's timeline spans its versions: each Fortschreibung adds its own `Phase`s
(Vorbereitung, Analyse und Beteiligung, Entwurf, Beschluss …), so a phase belongs to the
district, not to a version, and a new version loses nothing. A phase holds its
`TimelineEntry`s (milestones: a study, a working-group session, a cancelled forum, an
adoption) in the planners' order, each with a date as precise as it is known
(kek.process.dates), a state, a text, the concept version it led to, the committee meetings,
events and press articles that belong to it, and `TimelineLink`s to web pages and documents.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from kek.core.history import History
from kek.core.sanitise import web_url
from kek.goals.models import Concept
from kek.regions.models import Region

from . import dates

PRECISION_CHOICES = list(dates.PRECISIONS.items())


class State(models.TextChoices):
    PLANNED = "planned", "geplant"
    DONE = "done", "erledigt"
    POSTPONED = "postponed", "verschoben"
    CANCELLED = "cancelled", "abgesagt"


# Shown beside the state's word (never alone, and hidden from screen readers).
STATE_SYMBOLS = {State.PLANNED: "○", State.DONE: "✓", State.POSTPONED: "→",
                 State.CANCELLED: "✕"}  # fmt: skip
NEEDS_REASON = (State.POSTPONED, State.CANCELLED)


class Phase(ClusterableModel):
    """A stage of the way to a concept version, with its milestones."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(
        "Kurzname",
        max_length=80,
        blank=True,
        help_text="Für den Filter in der Adresse; leer: aus dem Titel.",
    )
    position = models.PositiveIntegerField("Reihenfolge", default=0)
    text = models.TextField("Beschreibung", blank=True)
    history = History()

    class Meta:
        ordering = ["region", "position", "id"]
        verbose_name = "Phase des Projektverlaufs"
        verbose_name_plural = "Projektverlauf (Phasen)"
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="unique_process_phase_slug")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.slug = self.slug or slugify(self.title)[:80]
        taken = Phase.objects.filter(region_id=self.region_id, slug=self.slug).exclude(pk=self.pk)
        if self.region_id and taken.exists():
            raise ValidationError(
                {"slug": f"Der Kurzname „{self.slug}“ ist in diesem Landkreis schon vergeben."}
            )

    def save(self, *args, **kwargs) -> None:
        self.slug = self.slug or slugify(self.title)[:80]
        super().save(*args, **kwargs)


class TimelineEntry(Orderable, ClusterableModel):
    """A milestone of a phase (named so beside projects.Milestone, a project's own)."""

    phase = ParentalKey(
        Phase, on_delete=models.CASCADE, related_name="entries", verbose_name="Phase"
    )
    title = models.CharField("Titel", max_length=200)
    date_from = models.DateField(
        "Datum (Beginn)", null=True, blank=True, help_text="Leer, wenn nur das Ende bekannt ist."
    )
    from_precision = models.CharField(
        "Genauigkeit (Beginn)",
        max_length=8,
        choices=PRECISION_CHOICES,
        default=dates.DAY,
        help_text="Bei „Monat“ oder „Jahr“ wird kein Tag angezeigt.",
    )
    date_until = models.DateField("Datum (Ende)", null=True, blank=True)
    until_precision = models.CharField(
        "Genauigkeit (Ende)", max_length=8, choices=PRECISION_CHOICES, default=dates.DAY
    )
    ongoing = models.BooleanField(
        "Fortlaufend ab Beginn",
        default=False,
        help_text="Ohne Ende: „ab Februar 2019“ statt „Februar 2019“.",
    )
    state = models.CharField("Stand", max_length=10, choices=State.choices, default=State.DONE)
    reason = models.TextField(
        "Grund",
        blank=True,
        help_text="Bei „abgesagt“ oder „verschoben“: warum, und was stattdessen geschah.",
    )
    text = models.TextField("Beschreibung", blank=True)
    concept = models.ForeignKey(
        Concept,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Führte zu Version",
    )
    meetings = ParentalManyToManyField(
        "committees.Meeting",
        blank=True,
        related_name="timeline_entries",
        verbose_name="Sitzungen",
        help_text="Sitzungen der Gremien zu diesem Meilenstein (nur öffentliche werden gezeigt).",
    )
    press_articles = ParentalManyToManyField(
        "press.PressArticle",
        blank=True,
        related_name="timeline_entries",
        verbose_name="Presseartikel",
    )
    events = ParentalManyToManyField(
        "events.Event",
        blank=True,
        related_name="timeline_entries",
        verbose_name="Veranstaltungen",
    )
    is_key = models.BooleanField(
        "Auf der Startseite",
        default=False,
        help_text="Wichtiger Meilenstein: erscheint im Abschnitt „Projektverlauf“ der Startseite.",
    )
    history = History(m2m_fields=["meetings", "press_articles", "events"])

    class Meta(Orderable.Meta):
        verbose_name = "Meilenstein"
        verbose_name_plural = "Meilensteine"

    def __str__(self) -> str:
        return f"{self.title} ({self.when_text})"

    @property
    def start(self) -> dates.Point | None:
        return dates.Point(self.date_from, self.from_precision) if self.date_from else None

    @property
    def end(self) -> dates.Point | None:
        return dates.Point(self.date_until, self.until_precision) if self.date_until else None

    @property
    def when(self) -> list[dates.Segment]:
        return dates.when(self.start, self.end, self.ongoing)

    @property
    def when_text(self) -> str:
        return dates.as_text(self.when)

    @property
    def symbol(self) -> str:
        return STATE_SYMBOLS[State(self.state)]

    def clean(self) -> None:
        problems = {}
        if self.start and self.end and self.end.normalised() < self.start.normalised():
            problems["date_until"] = "Das Ende liegt vor dem Beginn."
        if self.ongoing and (self.date_until or not self.date_from):
            problems["ongoing"] = "„Fortlaufend“ braucht einen Beginn und kein Ende."
        if self.state in NEEDS_REASON and not self.reason.strip():
            problems["reason"] = (
                f"Bitte geben Sie an, warum der Meilenstein {self.get_state_display()} ist."
            )
        if problems:
            raise ValidationError(problems)

    def save(self, *args, **kwargs) -> None:
        # Only what the precision says is kept: a month is stored as its first day.
        if self.start:
            self.date_from = self.start.normalised()
        if self.end:
            self.date_until = self.end.normalised()
        super().save(*args, **kwargs)


class TimelineLink(Orderable):
    """A web page or document about a milestone (minutes, a press release, the report)."""

    entry = ParentalKey(TimelineEntry, on_delete=models.CASCADE, related_name="links")
    title = models.CharField("Titel", max_length=200)
    url = models.URLField("Link", blank=True, validators=[web_url])  # http(s) only
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Dokument",
    )
    history = History()

    class Meta(Orderable.Meta):
        verbose_name = "Link oder Dokument"
        verbose_name_plural = "Links und Dokumente"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.url and not self.document_id:
            raise ValidationError(
                {"url": "Bitte geben Sie einen Link an oder wählen Sie ein Dokument."}
            )

    @property
    def href(self) -> str:
        return self.url or (self.document.url if self.document else "")
