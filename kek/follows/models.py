"""Follows and notifications (F25).

A participant follows a field of action, a strategic goal, a project, a forum topic or a
proposal (`Follow`, a generic subject). Events on what they follow (or on their own
contributions) become `Notification` rows, one per user and event (`dedupe_key`), which the
background jobs send at once or in the daily digest, as the user's `NotificationSetting` says.
All three are personal data: exported and erased through kek.accounts.personal_data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from kek.regions.models import Region


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name="Konto",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    district = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    created_at = models.DateTimeField("Seit", auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "Folgen"
        verbose_name_plural = "Gefolgte Inhalte"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_follow_per_subject"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="follow_subject")]

    def __str__(self) -> str:
        return f"{self.user} folgt {self.content_type.model} {self.object_id}"


class Frequency(models.TextChoices):
    IMMEDIATE = "sofort", "Sofort (eine E-Mail je Ereignis)"
    DAILY = "täglich", "Tägliche Zusammenfassung"
    OFF = "aus", "Aus (keine E-Mails)"


class NotificationSetting(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_setting",
        verbose_name="Konto",
    )
    frequency = models.CharField(
        "Benachrichtigungen", max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    changed_at = models.DateTimeField("Geändert", auto_now=True)

    class Meta:
        verbose_name = "Einstellung der Benachrichtigungen"
        verbose_name_plural = "Einstellungen der Benachrichtigungen"

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"


def frequency_of(user: Any) -> str:
    """The user's choice; "sofort" when they never chose."""
    found = NotificationSetting.objects.filter(user=user).values_list("frequency", flat=True)
    return next(iter(found), Frequency.IMMEDIATE)


class Notification(models.Model):
    """One event for one user. `reason` is the key of why they get it ("follow", "reply",
    "author"), `reason_text` the German sentence the e-mail names it with."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="Konto",
    )
    district = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Landkreis",
    )
    reason = models.CharField("Anlass", max_length=40)
    reason_text = models.CharField("Grund", max_length=500)
    subject = models.CharField("Betreff", max_length=300)
    url = models.URLField("Adresse", max_length=1000, blank=True)
    text = models.TextField("Text", blank=True)
    dedupe_key = models.CharField("Ereignis", max_length=200)
    created_at = models.DateTimeField("Erstellt", auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField("Gesendet", null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "Benachrichtigung"
        verbose_name_plural = "Benachrichtigungen"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "dedupe_key"], name="one_notification_per_event"
            )
        ]
        indexes = [models.Index(fields=["sent_at", "user"], name="notification_unsent")]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"
