"""Supporting a proposal: one support per account, counted exactly under concurrency.

The row's unique constraint (proposal, user) decides who is first; the counter on the
proposal is raised with an F() update in the same transaction, so the two never disagree:
a second support of the same account fails on the constraint and rolls back its increment.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Proposal, Support


def support(proposal: Proposal, user: Any) -> bool:
    """True if `user` now supports `proposal`, False if they did before."""
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
            Proposal.objects.filter(pk=proposal.pk).update(supports_count=F("supports_count") + 1)
    except IntegrityError:
        return False
    return True


def supports(proposal: Proposal, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Support.objects.filter(proposal=proposal, user=user).exists()
