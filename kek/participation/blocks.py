"""Blocked accounts write nowhere (comments, ratings, reports, proposals, …) until the end
date a moderator set."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Block


def active_block(user: Any) -> Block | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Block.objects.filter(user=user, until__gt=timezone.now()).order_by("-until").first()


def is_blocked(user: Any) -> bool:
    return active_block(user) is not None


def blocked_message(block: Block) -> str:
    until = timezone.localtime(block.until)
    return (
        "Ihr Konto ist von der Moderation bis zum "
        f"{until:%d.%m.%Y, %H:%M} Uhr gesperrt. Bis dahin können Sie lesen, aber nichts "
        "schreiben, bewerten oder melden."
    )
