"""Users and roles on record (issue 16): Django's user and group models get the same change
history as the content (kek.core.history), kept in this app's tables.

Passwords are never recorded (not even their hashes); a changed password shows as the change
reason "Passwort geändert". `last_login` is left out too, so signing in writes no record (the
sign-ins are kept by kek.accounts.models.SignInEvent).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from simple_history import register
from wagtail.models import AbstractGroupApprovalTask

from .history import History

User = get_user_model()

register(
    User,
    app="kek.core",
    records_class=History,
    excluded_fields=["password", "last_login"],
    m2m_fields=["groups", "user_permissions"],
)
register(Group, app="kek.core", records_class=History, m2m_fields=["permissions"])

PASSWORD_CHANGED = "Passwort geändert"


@receiver(pre_save, sender=User, dispatch_uid="kek-password-change-reason")
def _note_password_change(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or instance.pk is None or (update_fields and "password" not in update_fields):
        return
    stored = sender._base_manager.filter(pk=instance.pk).values_list("password", flat=True)
    if stored.first() != instance.password:
        instance._change_reason = PASSWORD_CHANGED


@receiver(post_save, sender=User, dispatch_uid="kek-password-change-reason-done")
def _forget_password_change(sender, instance, **kwargs) -> None:
    if getattr(instance, "_change_reason", None) == PASSWORD_CHANGED:
        del instance._change_reason


class ImportRun(models.Model):
    """One run of `kek import-concept`, `kek import-catalogue` or `kek import-oparl` (not a dry
    run): its change records carry the reason "Import <pk>", so that it can be undone
    (kek.core.import_undo)."""

    wagtail_reference_index_ignore = True  # a record; nothing links to it from content

    class Kind(models.TextChoices):
        CONCEPT = "concept", "Zielsystem"
        CATALOGUE = "catalogue", "Projektkatalog"
        OPARL = "oparl", "OParl (Gremien)"

    kind = models.CharField("Art", max_length=10, choices=Kind.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, related_name="+", verbose_name="Landkreis"
    )
    file_name = models.CharField("Datei", max_length=255)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Importiert von",
    )
    actor = models.CharField("Handelnd", max_length=255, blank=True)
    created_at = models.DateTimeField("Angelegt am", auto_now_add=True)
    summary = models.TextField("Ergebnis", blank=True)
    undone_at = models.DateTimeField("Rückgängig gemacht am", null=True, blank=True)
    undone_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Rückgängig gemacht von",
    )

    class Meta:
        verbose_name = "Importvorgang (Zielsystem, Katalog, OParl)"
        verbose_name_plural = "Importvorgänge (Zielsystem, Katalog, OParl)"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_kind_display()}, {self.file_name})"

    @property
    def reason(self) -> str:
        """The change reason of the records this run wrote."""
        return f"Import {self.pk}"


class SecondPersonApprovalTask(AbstractGroupApprovalTask):
    """Vier-Augen-Prinzip: a member of the chosen groups releases the page or snippet, but never
    the person who submitted it (Wagtail's group approval lets the submitter approve)."""

    def get_actions(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return []
        return super().get_actions(obj, user)

    @classmethod
    def get_description(cls) -> str:
        return (
            "Eine zweite Person aus den gewählten Gruppen gibt frei; wer eingereicht hat, kann "
            "nicht selbst freigeben."
        )

    class Meta:
        verbose_name = "Freigabe durch eine zweite Person"
        verbose_name_plural = "Freigaben durch eine zweite Person"
