"""Proposals take comments and reports through the participation base: registered as a
participable (kek.participation.registry). A proposal not yet released by the moderation
(pre-moderated box) takes none: its phase counts as closed."""

from __future__ import annotations

from typing import Any

from kek.core.routes import route_url
from kek.participation.phases import CLOSED
from kek.participation.registry import Participable, participables


class _NotReleased:
    def is_open(self, now: Any = None) -> bool:
        return False

    def phase(self, now: Any = None) -> str:
        return CLOSED


def phase_of(proposal: Any) -> Any:
    return proposal.box if proposal.released else _NotReleased()


def register() -> None:
    participables.register(
        Participable(
            label="proposals.proposal",
            district=lambda proposal: proposal.district,
            phase=phase_of,
            premoderated=lambda proposal: proposal.box.premoderated,
            url=lambda proposal, home: route_url("proposal", home, proposal.pk),
            title=lambda proposal: proposal.title,
        )
    )
