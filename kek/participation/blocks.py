"""Blocked accounts write nowhere (comments, ratings, reports, proposals, …) until the end
date a moderator set."""

from __future__ import annotations

from datetime import time, timedelta
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
    """A block set in the back office ends at midnight after its last day."""
    until = timezone.localtime(block.until)
    if until.time() == time(0):
        shown = f"bis einschließlich {until - timedelta(days=1):%d.%m.%Y}"
    else:
        shown = f"bis zum {until:%d.%m.%Y, %H:%M} Uhr"
    return (
        f"Ihr Konto ist von der Moderation {shown} gesperrt. Bis dahin können Sie lesen, aber "
        "nichts schreiben, bewerten oder melden."
    )
