"""Sign-ins on record (issue 16): every sign-in, failed sign-in and sign-out, in the back office
and on the public site, from Django's authentication signals.

The user name that was tried is kept (a failed attempt may name no account); the password
never is. The address is the request's REMOTE_ADDR: behind a reverse proxy that is the
proxy's, unless the proxy passes the client's address on as REMOTE_ADDR.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.dispatch import receiver


class SignInEvent(models.Model):
    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Angemeldet"
        FAILED = "failed", "Anmeldung fehlgeschlagen"
        SIGNED_OUT = "signed_out", "Abgemeldet"

    wagtail_reference_index_ignore = True  # a record; nothing links to it from content

    when = models.DateTimeField("Zeitpunkt", auto_now_add=True, db_index=True)
    kind = models.CharField("Ereignis", max_length=12, choices=Kind.choices)
    username = models.CharField("Benutzername", max_length=150, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Konto",
    )
    ip_address = models.GenericIPAddressField("IP-Adresse", null=True, blank=True)

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = "Anmeldung"
        verbose_name_plural = "Anmeldungen"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.username}"

    @property
    def success(self) -> bool:
        return self.kind != self.Kind.FAILED


def _address(request) -> str | None:
    meta = getattr(request, "META", None) or {}
    return meta.get("REMOTE_ADDR") or None


def _record(kind: str, request, username: str, user=None) -> None:
    SignInEvent.objects.create(
        kind=kind, username=username[:150], user=user, ip_address=_address(request)
    )


@receiver(user_logged_in, dispatch_uid="kek-sign-in")
def _signed_in(sender, request, user, **kwargs) -> None:
    _record(SignInEvent.Kind.SIGNED_IN, request, user.get_username(), user)


@receiver(user_login_failed, dispatch_uid="kek-sign-in-failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # `credentials` holds the password too (masked by Django); only the name is kept.
    from django.contrib.auth import get_user_model

    name_field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(name_field) or credentials.get("username") or "")
    user = get_user_model()._default_manager.filter(**{name_field: username}).first()
    _record(SignInEvent.Kind.FAILED, request, username, user)


@receiver(user_logged_out, dispatch_uid="kek-sign-out")
def _signed_out(sender, request, user=None, **kwargs) -> None:
    if user is not None:
        _record(SignInEvent.Kind.SIGNED_OUT, request, user.get_username(), user)
