"""The one-click unsubscribe link of every notification e-mail: the account's id signed with
the installation's SECRET_KEY (Django's signing). It does not expire: an unsubscribe link in an
old e-mail must still work (RFC 8058), and all it can do is switch the e-mails off."""

from __future__ import annotations

from django.core import signing

PURPOSE = "kek.follows.unsubscribe"


def _signer() -> signing.Signer:
    # "." between the parts: Wagtail's serve pattern (kek/urls.py) takes no ":" in a path.
    return signing.Signer(salt=PURPOSE, sep=".")


def make(user_id: int) -> str:
    return _signer().sign_object({"u": user_id})


def read(token: str) -> int | None:
    """The account id of a valid token, else None (forged or altered)."""
    try:
        value = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("u"), int):
        return None
    return value["u"]
