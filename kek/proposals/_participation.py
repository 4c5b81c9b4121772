"""What the proposals use of the participation base (kek.participation): the rate limit."""

from __future__ import annotations

from typing import Any


def limit(request: Any, group: str, rate: str) -> Any:
    try:
        from kek.participation.ratelimits import limit as _limit
    except ImportError:  # TODO(E): remove once the participation base is committed
        return None
    return _limit(request, group, rate)
