"""Where a sign-in without `next` lands: apps above accounts register a function
`user -> URL | None` in their AppConfig.ready() (kek.projects: a project lead's projects);
the first URL wins, else the account page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Landing = Callable[[Any], str | None]
_landings: list[Landing] = []


def register(landing: Landing) -> Landing:
    if landing not in _landings:
        _landings.append(landing)
    return landing


def url_for(user: Any) -> str | None:
    for landing in _landings:
        url = landing(user)
        if url:
            return url
    return None
