"""How allauth works here (F25): German error messages, a generated user name nobody sees,
where a sign-in lands, and the e-mail confirmation only for accounts that signed up themselves.
"""

from __future__ import annotations

import secrets

# allauth's stages module cannot be the first of allauth.account to load (a circular import
# in 65.x, met by `kek load-defaults`); its flows first.
import allauth.account.internal.flows  # noqa: F401
from allauth.account import stages
from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from . import landing

WRONG = "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und Kleinschreibung."
EMAIL_STAGE = "allauth.account.stages.EmailVerificationStage"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": WRONG,
        "email_password_mismatch": "E-Mail-Adresse oder Passwort ist falsch.",
        "account_inactive": "Dieses Konto ist nicht aktiv.",
        "email_taken": "Mit dieser E-Mail-Adresse ist bereits ein Konto registriert.",
        "duplicate_email": "Diese E-Mail-Adresse gehört bereits zu Ihrem Konto.",
        "enter_current_password": "Bitte geben Sie Ihr bisheriges Passwort ein.",
        "incorrect_password": "Das Passwort ist nicht richtig.",
        "invalid_password_reset": "Der Link zum Zurücksetzen ist ungültig oder abgelaufen.",
        "too_many_login_attempts": "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen "
        "Sie es später noch einmal.",
        "rate_limited": "Zu viele Anfragen in kurzer Zeit. Bitte warten Sie einen Moment.",
        "same_as_current": "Der neue Wert muss sich vom bisherigen unterscheiden.",
    }

    def populate_username(self, request, user) -> None:
        """A user name citizens never choose nor see (their display name is public)."""
        if not user.username:
            user.username = f"konto-{secrets.token_hex(6)}"

    def get_login_redirect_url(self, request) -> str:
        """Project leads land on their projects, everyone else on their account page."""
        return landing.url_for(request.user) or reverse("account")

    def get_login_stages(self) -> list[str]:
        return [
            "kek.accounts.adapter.EmailVerificationStage" if stage == EMAIL_STAGE else stage
            for stage in super().get_login_stages()
        ]


class EmailVerificationStage(stages.EmailVerificationStage):
    """A self-registered account signs in only with a confirmed address; accounts made in the
    back office (planners, project leads, committee members) sign in as before."""

    def handle(self):
        profile = getattr(self.login.user, "profile", None)
        if profile is None or not profile.self_registered:
            return None, True
        return super().handle()
