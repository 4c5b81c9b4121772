"""Users and roles on record (issue 16): Django's user and group models get the same change
history as the content (kek.core.history), kept in this app's tables.

Passwords are never recorded (not even their hashes); a changed password shows as the change
reason "Passwort geändert". `last_login` is left out too, so signing in writes no record (the
sign-ins are kept by kek.accounts.models.SignInEvent).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from simple_history import register

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
