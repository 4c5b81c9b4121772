"""Proposals take comments and reports through the participation base: registered as a
participable (kek.participation.registry)."""

from __future__ import annotations

from typing import Any

from kek.participation.registry import Participable, participables


def _url(proposal: Any, home: Any) -> str:
    from kek.core.routes import route_url

    return route_url("proposal", home, proposal.pk)


def register() -> None:
    participables.register(
        Participable(
            label="proposals.proposal",
            district=lambda proposal: proposal.district,
            phase=lambda proposal: proposal.box,
            premoderated=lambda proposal: proposal.box.premoderated,
            url=_url,
            title=lambda proposal: proposal.title,
        )
    )
