"""Participation base (F21–F23, F25): who moderates which district; comments, ratings,
reports, the moderation log and blocked accounts.

Moderators of a district (SPEC §1) see and act on that district's participation only; the
group "Moderation" gives the role, a `DistrictModerator` row gives the district."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from kek.core.history import History
from kek.regions.models import Region


class DistrictModerator(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderated_districts",
        verbose_name="Konto",
    )
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="moderators", verbose_name="Landkreis"
    )

    history = History()

    class Meta:
        verbose_name = "Moderation eines Landkreises"
        verbose_name_plural = "Moderation der Landkreise"
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_moderator_per_district")
        ]

    def __str__(self) -> str:
        return f"{self.user} moderiert {self.district}"


# ----------------------------------------------------------------------------- contributions


class Subject(models.Model):
    """Abstract: what a row is about (any registered participable, or a comment) and the
    district it belongs to (the moderators of that district act on it)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name="Art"
    )
    object_id = models.PositiveBigIntegerField("Nummer")
    subject = GenericForeignKey("content_type", "object_id")
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )

    class Meta:
        abstract = True


class CommentState(models.TextChoices):
    VISIBLE = "visible", "sichtbar"
    PENDING = "pending", "wartet auf Freigabe"
    HIDDEN = "hidden", "bis zur Prüfung ausgeblendet"
    MODERATED = "moderated", "von der Moderation ausgeblendet"
    DELETED = "deleted", "vom Verfasser gelöscht"


MAX_DEPTH = 3
MAX_TEXT = 5000


class Comment(Subject):
    """A comment on a participable (a forum topic, a proposal …); replies name their parent and
    share its subject, to depth 3."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_comments",
        verbose_name="Verfasser",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name="Antwort auf",
    )
    depth = models.PositiveSmallIntegerField("Tiefe", default=1)
    text = models.TextField("Text", max_length=MAX_TEXT)
    state = models.CharField(
        "Stand", max_length=12, choices=CommentState.choices, default=CommentState.VISIBLE
    )
    hidden_reason = models.CharField("Grund der Ausblendung", max_length=500, blank=True)
    created_at = models.DateTimeField("Geschrieben am", auto_now_add=True)
    edited_at = models.DateTimeField("Bearbeitet am", null=True, blank=True)

    class Meta:
        verbose_name = "Kommentar"
        verbose_name_plural = "Kommentare"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self) -> str:
        return f"Kommentar {self.pk}"


class RatingValue(models.TextChoices):
    AGREE = "agree", "Zustimmung"
    DISAGREE = "disagree", "Ablehnung"


class Rating(Subject):
    """Agree or disagree, one per account and subject (a new choice replaces the old)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_ratings",
        verbose_name="Konto",
    )
    value = models.CharField("Bewertung", max_length=8, choices=RatingValue.choices)
    created_at = models.DateTimeField("Bewertet am", auto_now=True)

    class Meta:
        verbose_name = "Bewertung"
        verbose_name_plural = "Bewertungen"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="one_rating_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_value_display()} zu {self.content_type_id}/{self.object_id}"


class ReportReason(models.TextChoices):
    INSULT = "beleidigung", "Beleidigung"
    SPAM = "spam", "Spam"
    OFF_TOPIC = "thema", "gehört nicht zum Thema"
    OTHER = "sonstiges", "Sonstiges"


class Report(Subject):
    """A report of a comment or other contribution, one per account and item; open until a
    moderator reviews it (restores, hides or marks it reviewed)."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_reports",
        verbose_name="Gemeldet von",
    )
    reason = models.CharField("Grund", max_length=12, choices=ReportReason.choices)
    text = models.TextField("Erläuterung", max_length=2000, blank=True)
    created_at = models.DateTimeField("Gemeldet am", auto_now_add=True)
    reviewed_at = models.DateTimeField("Geprüft am", null=True, blank=True)

    class Meta:
        verbose_name = "Meldung"
        verbose_name_plural = "Meldungen"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"], name="one_report_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"Meldung {self.pk}: {self.get_reason_display()}"


class ModerationKind(models.TextChoices):
    HIDE = "hide", "ausgeblendet"
    RESTORE = "restore", "wiederhergestellt"
    REVIEW = "review", "als geprüft markiert"
    APPROVE = "approve", "freigegeben"
    BLOCK = "block", "Konto gesperrt"


class ModerationAction(models.Model):
    """The log: who did what to which item, when, and why."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Moderation",
    )
    created_at = models.DateTimeField("Zeit", auto_now_add=True)
    action = models.CharField("Aktion", max_length=8, choices=ModerationKind.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="Art"
    )
    object_id = models.PositiveBigIntegerField("Nummer", null=True)
    item = GenericForeignKey("content_type", "object_id")
    item_label = models.CharField("Beitrag", max_length=300, blank=True)
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    reason = models.TextField("Grund", blank=True)

    class Meta:
        verbose_name = "Moderationsaktion"
        verbose_name_plural = "Moderationsprotokoll"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.item_label}"


class Block(models.Model):
    """A blocked account writes nowhere until `until`."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="participation_blocks",
        verbose_name="Konto",
    )
    until = models.DateTimeField("Gesperrt bis")
    reason = models.TextField("Grund", blank=True)
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name="Gesperrt von",
    )
    created_at = models.DateTimeField("Gesperrt am", auto_now_add=True)

    class Meta:
        verbose_name = "Sperre"
        verbose_name_plural = "Sperren"

    def __str__(self) -> str:
        return f"{self.user} gesperrt bis {self.until:%d.%m.%Y}"
