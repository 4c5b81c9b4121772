"""Sign-ins on record (issue 16): every sign-in, failed sign-in and sign-out, in the back office
and on the public site, from Django's authentication signals.

The user name that was tried is kept (a failed attempt may name no account); the password
never is. The address is the request's REMOTE_ADDR: behind a reverse proxy that is the
proxy's, unless the proxy passes the client's address on as REMOTE_ADDR.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import models
from django.db.models.functions import Lower
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

    # allauth passes "email" (and "username" too) for a sign-in by e-mail address.
    users = get_user_model()._default_manager
    name_field = get_user_model().USERNAME_FIELD
    tried = credentials.get(name_field) or credentials.get("username") or credentials.get("email")
    username = str(tried or "")
    user = users.filter(**{name_field: username}).first()
    if user is None and "@" in username:
        user = users.filter(email__iexact=username).first()
    _record(SignInEvent.Kind.FAILED, request, username, user)


@receiver(user_logged_out, dispatch_uid="kek-sign-out")
def _signed_out(sender, request, user=None, **kwargs) -> None:
    if user is not None:
        _record(SignInEvent.Kind.SIGNED_OUT, request, user.get_username(), user)


def privacy_version() -> str:
    """The version of the privacy text a sign-up consents to (setting KEK_PRIVACY_VERSION)."""
    return str(getattr(settings, "KEK_PRIVACY_VERSION", "1"))


class Profile(models.Model):
    """What a participant's account shows and keeps beyond Django's user (F25): the public
    display name (no real name required), an optional organisation and the consent to the
    privacy text given at sign-up. `deleted_at` marks a deleted account, whose contributions
    stay and show "gelöschtes Konto" (kek.accounts.names)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name="Konto",
    )
    display_name = models.CharField(
        "Anzeigename",
        max_length=60,
        blank=True,
        help_text="Öffentlich sichtbar bei Ihren Beiträgen; Ihr echter Name ist nicht nötig.",
    )
    organisation = models.CharField("Organisation", max_length=150, blank=True)
    privacy_version = models.CharField("Fassung der Datenschutzhinweise", max_length=20, blank=True)
    privacy_accepted_at = models.DateTimeField("Einwilligung am", null=True, blank=True)
    deleted_at = models.DateTimeField("Gelöscht am", null=True, blank=True)

    class Meta:
        verbose_name = "Profil"
        verbose_name_plural = "Profile"
        constraints = [
            # Unique regardless of case; a deleted account's emptied name takes no name away.
            models.UniqueConstraint(
                Lower("display_name"),
                name="accounts_profile_display_name_unique",
                condition=~models.Q(display_name=""),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or f"Profil {self.user_id}"

    @property
    def self_registered(self) -> bool:
        """Signed up on the public site (consent given then); back-office accounts are not."""
        return self.privacy_accepted_at is not None


class AccountEvent(models.Model):
    """The GDPR actions on record (F25): exports of "Meine Daten" and deletions of accounts.
    The account stays linked (a deleted one is anonymised, not removed)."""

    class Kind(models.TextChoices):
        EXPORT = "export", "Daten heruntergeladen"
        DELETE = "delete", "Konto gelöscht"

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Konto",
    )
    kind = models.CharField("Ereignis", max_length=10, choices=Kind.choices)
    when = models.DateTimeField("Zeitpunkt", auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-when", "-id"]
        verbose_name = "Kontoereignis"
        verbose_name_plural = "Kontoereignisse"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user_id}"
