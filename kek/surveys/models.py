"""Umfragen (F23): a district's questionnaires, their questions and choices, and the answers.

A `Survey` has a participation phase (`ParticipationPhase`: open from/until); it takes answers
only while open. Its `Question`s are single choice, multiple choice, a scale of 1–5 or free
text, each optionally required; choice questions have `Choice`s. A `Response` is one person's
filled questionnaire: one per account (`user`), or, where the planner allows anonymous answers,
one per browser session (`session_token`, a random token kept in the visitor's session). Both
are unique constraints, so two submissions at the same moment store one. Its `Answer`s hold
the chosen choices, the scale value or the text.

Surveys, questions and choices keep a change history (who published the results, when);
responses and answers do not: a record would keep the account of a response after its
holder deleted the account.

Results are public once the planner publishes them (`results_published_at`), as counts per
choice; free-text answers are never published (only the planners' export has them).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from kek.core.history import History
from kek.participation.phases import ParticipationPhase
from kek.regions.models import Region

SCALE = range(1, 6)


# django-stubs cannot resolve the manager of a ParentalKey whose model is itself clusterable
# (Question); the relation works at runtime.
class Survey(ParticipationPhase, ClusterableModel):  # type: ignore[django-manager-missing]
    """Umfrage."""

    district = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="surveys",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    title = models.CharField("Titel", max_length=200)
    intro = models.TextField(
        "Einleitung", blank=True, help_text="Worum es geht; wird vor den Fragen gezeigt."
    )
    anonymous_allowed = models.BooleanField(
        "Teilnahme ohne Konto erlaubt",
        default=False,
        help_text="Ohne Konto kann je Browser-Sitzung einmal teilgenommen werden.",
    )
    results_published_at = models.DateTimeField(
        "Ergebnisse veröffentlicht am", null=True, blank=True, editable=False
    )
    is_example = models.BooleanField(
        "Beispielinhalt",
        default=False,
        help_text="Redaktioneller Inhalt, der nicht aus den Unterlagen des Landkreises stammt.",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)

    history = History()

    class Meta:
        verbose_name = "Umfrage"
        verbose_name_plural = "Umfragen"
        ordering = ["-opens_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def results_published(self) -> bool:
        published = self.results_published_at
        return published is not None and published <= timezone.now()


class QuestionKind(models.TextChoices):
    SINGLE = "single", "Einfachauswahl"
    MULTIPLE = "multiple", "Mehrfachauswahl"
    SCALE = "scale", "Skala von 1 bis 5"
    FREE_TEXT = "free_text", "Freitext"


class Question(ClusterableModel):
    """Frage."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField("Position", default=0, editable=False)
    text = models.CharField("Frage", max_length=500)
    kind = models.CharField(
        "Art", max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    required = models.BooleanField("Pflichtfrage", default=False)

    history = History()
    sort_order_field = "position"

    class Meta:
        verbose_name = "Frage"
        verbose_name_plural = "Fragen"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)

    @property
    def is_counted(self) -> bool:
        """Shown in the published results (free text never is)."""
        return self.kind != QuestionKind.FREE_TEXT


class Choice(models.Model):
    """Antwortmöglichkeit einer Auswahlfrage."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField("Position", default=0, editable=False)
    text = models.CharField("Antwortmöglichkeit", max_length=300)

    history = History()
    sort_order_field = "position"

    class Meta:
        verbose_name = "Antwortmöglichkeit"
        verbose_name_plural = "Antwortmöglichkeiten"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    """Teilnahme: one person's answers to a survey."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    # NULL for responses of an account: NULLs never collide in the unique constraint.
    session_token = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    created_at = models.DateTimeField("Eingegangen am", default=timezone.now)

    class Meta:
        verbose_name = "Teilnahme"
        verbose_name_plural = "Teilnahmen"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="surveys_one_per_account"),
            models.UniqueConstraint(
                fields=["survey", "session_token"], name="surveys_one_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"Teilnahme {self.pk} an „{self.survey}“"


class Answer(models.Model):
    """Antwort auf eine Frage: chosen choices, a scale value or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.ManyToManyField(Choice, blank=True, related_name="answers")
    scale = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "Antwort"
        verbose_name_plural = "Antworten"
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_one_answer_per_question"
            ),
        ]

    def __str__(self) -> str:
        return f"Antwort auf „{self.question}“"
