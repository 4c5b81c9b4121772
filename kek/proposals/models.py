"""Citizens' proposals with supports, states and official answers (F22).

A district opens a `ProposalBox` (a participation phase): while it is open, signed-in
participants submit proposals and support those of others. A moderator of the district or a
planner moves a proposal through its states, writes the official answer and publishes it as a
separate step; a proposal taken up links the projects of the catalogue that go back to it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from kek.core.history import History
from kek.participation.phases import ParticipationPhase
from kek.projects.models import Project
from kek.regions.models import Region

from .images import validate_image


class ProposalBox(ParticipationPhase):
    """The phase of submitting and supporting proposals in a district."""

    district = models.ForeignKey(
        Region,
        on_delete=models.CASCADE,
        related_name="proposal_boxes",
        limit_choices_to={"level": Region.Level.DISTRICT},
        verbose_name="Landkreis",
    )
    title = models.CharField("Titel", max_length=200)
    intro = models.TextField("Einleitung", blank=True)
    premoderated = models.BooleanField(
        "Vorab moderiert",
        default=False,
        help_text="Neue Vorschläge und Kommentare erscheinen erst nach der Freigabe durch die "
        "Moderation.",
    )
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)

    history = History()

    class Meta:
        verbose_name = "Vorschlagsbox"
        verbose_name_plural = "Vorschlagsboxen"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class State(models.TextChoices):
    RECEIVED = "eingegangen", "Eingegangen"
    REVIEW = "in_pruefung", "In Prüfung"
    TAKEN_UP = "aufgegriffen", "Aufgegriffen"
    NOT_TAKEN_UP = "nicht_aufgegriffen", "Nicht aufgegriffen"


def image_path(instance: Proposal, filename: str) -> str:
    """A random name: the uploaded file's name is the submitter's, not ours to publish."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"vorschlaege/{uuid.uuid4().hex}.{suffix[:5]}"


class Proposal(models.Model):
    """A citizen's proposal.

    Its topic is a field of action or a strategic goal of the district's concept, referred to
    by the goal objects' `key` (kek.goals.models.GoalObject.key), not by a foreign key: each
    Fortschreibung copies the goal system into a new Concept with new rows but the same keys,
    so a key keeps pointing at "the same" field or goal in every version, and removing an old
    version does not delete or re-point the proposal. `field_key` is always set (the field of
    action, or the field of the chosen goal at submission); `goal_key` is set when a strategic
    goal was chosen. Pages resolve the keys in the concept they show (`kek.proposals.topics`);
    `topic_title` keeps the title chosen at submission for a key no version carries anymore.
    """

    box = models.ForeignKey(
        ProposalBox, on_delete=models.PROTECT, related_name="proposals", verbose_name="Box"
    )
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="proposals", verbose_name="Landkreis"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name="Verfasst von",
    )
    title = models.CharField("Titel", max_length=200)
    text = models.TextField("Vorschlag", max_length=10000)
    field_key = models.UUIDField("Handlungsfeld (Schlüssel)", db_index=True)
    goal_key = models.UUIDField("Strategisches Ziel (Schlüssel)", null=True, blank=True)
    topic_title = models.CharField("Thema bei Einreichung", max_length=400, blank=True)
    municipality = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": Region.Level.MUNICIPALITY},
        verbose_name="Gemeinde",
    )
    image = models.FileField(
        "Bild", upload_to=image_path, blank=True, max_length=200, validators=[validate_image]
    )
    released = models.BooleanField(
        "Freigegeben",
        default=True,
        help_text="In einer vorab moderierten Box erst nach der Freigabe öffentlich.",
    )
    state = models.CharField("Stand", max_length=24, choices=State.choices, default=State.RECEIVED)
    reason = models.TextField(
        "Begründung", blank=True, help_text="Pflicht, wenn der Vorschlag nicht aufgegriffen wird."
    )
    answer = models.TextField("Antwort (Entwurf)", blank=True)
    answered_at = models.DateTimeField("Beantwortet am", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Beantwortet von",
    )
    # What the public reads: the answer as it was when "Antwort veröffentlichen" was pressed.
    published_answer = models.TextField("Veröffentlichte Antwort", blank=True)
    answer_published_at = models.DateTimeField("Antwort veröffentlicht am", null=True, blank=True)
    projects = models.ManyToManyField(
        Project, blank=True, related_name="proposals", verbose_name="Aufgegriffen in Projekten"
    )
    supports_count = models.PositiveIntegerField("Unterstützungen", default=0, editable=False)
    created_at = models.DateTimeField("Eingereicht am", auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField("Geändert am", null=True, blank=True)

    class Meta:
        verbose_name = "Vorschlag"
        verbose_name_plural = "Vorschläge"
        ordering = ["-created_at", "-id"]
        permissions = [
            ("answer_proposal", "Vorschlag beantworten"),
            ("publish_answer", "Antwort auf einen Vorschlag veröffentlichen"),
            ("support_proposal", "Vorschlag unterstützen"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.state == State.NOT_TAKEN_UP and not self.reason.strip():
            raise ValidationError(
                {"reason": "Bitte begründen Sie, warum der Vorschlag nicht aufgegriffen wird."}
            )
        municipality = self.municipality
        own = municipalities_of(self.district)
        if municipality is not None and not own.filter(pk=municipality.pk).exists():
            raise ValidationError(
                {"municipality": "Bitte wählen Sie eine Gemeinde des Landkreises."}
            )

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def answer_is_published(self) -> bool:
        return self.answer_published_at is not None

    @property
    def editable_by_author(self) -> bool:
        """The author may edit until the first answer is written."""
        return self.answered_at is None


def municipalities_of(district: Region) -> models.QuerySet[Region]:
    """The municipalities of a district: official eight-digit keys beginning with its key."""
    return Region.objects.filter(
        level=Region.Level.MUNICIPALITY, ags__startswith=district.ags, ags__regex=r"^[0-9]{8}$"
    ).order_by("name", "ags")


class Support(models.Model):
    """One support of a proposal per account. The count is the number of rows (a unique
    constraint makes a second support of the same account fail); a deleted account's
    support stays, its user set to NULL, so the count does not change (NULLs are distinct
    in a unique constraint, on PostgreSQL and SQLite)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="supports", verbose_name="Vorschlag"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_supports",
        verbose_name="Konto",
    )
    created_at = models.DateTimeField("Unterstützt am", auto_now_add=True)

    class Meta:
        verbose_name = "Unterstützung"
        verbose_name_plural = "Unterstützungen"
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_account")
        ]

    def __str__(self) -> str:
        return f"Unterstützung von {self.proposal}"
