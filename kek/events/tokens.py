"""The links in the registrants' e-mails: signed with the installation's SECRET_KEY (Django's
signing), naming the registration and its current nonce. Nothing in the database is enough to
build one; a new nonce (a new confirmation mail) makes the earlier links useless. A
confirmation link expires after CONFIRM_HOURS; a cancellation link does not."""

from __future__ import annotations

import secrets

from django.core import signing

CONFIRM_HOURS = 48
CONFIRM = "kek.events.confirm"
CANCEL = "kek.events.cancel"


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def _signer(purpose: str) -> signing.TimestampSigner:
    # "." between the parts: Wagtail's serve pattern (kek/urls.py) takes no ":" in a path.
    return signing.TimestampSigner(salt=purpose, sep=".")


def make(purpose: str, registration_id: int, nonce: str) -> str:
    return _signer(purpose).sign_object([registration_id, nonce])


def read(purpose: str, token: str) -> tuple[int, str] | None:
    """(registration id, nonce) of a valid token, else None (forged, altered or expired)."""
    max_age = CONFIRM_HOURS * 3600 if purpose == CONFIRM else None
    try:
        value = _signer(purpose).unsign_object(token, max_age=max_age)
    except (signing.BadSignature, ValueError):  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], int)):
        return None
    return value[0], str(value[1])
