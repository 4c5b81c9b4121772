"""How a contributor is named in public (F25): the display name of their profile, never
the real name or the e-mail address; a deleted account is "gelöschtes Konto"."""

from __future__ import annotations

from typing import Any

DELETED = "gelöschtes Konto"


def display_name(user: Any) -> str:
    """The public name of `user` (None for a deleted account)."""
    if user is None or not getattr(user, "is_active", True) and _deleted(user):
        return DELETED
    profile = getattr(user, "profile", None)
    name = getattr(profile, "display_name", "") if profile is not None else ""
    return name or user.get_username()


def _deleted(user: Any) -> bool:
    profile = getattr(user, "profile", None)
    return bool(getattr(profile, "deleted_at", None))
