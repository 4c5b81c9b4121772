"""Rate limits per account (django-ratelimit's counters in Django's cache): comments at most
5 a minute and 30 an hour, proposals 3 a day. Over the limit: a German page, HTTP 429.

    response = limit(request, "comments", ("5/m", "30/h"), home)
    if response is not None:
        return response
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django_ratelimit.core import get_usage

COMMENTS = ("5/m", "30/h")


def _key(group: str, request: HttpRequest) -> str:
    user = request.user
    return f"user:{user.pk}" if user.is_authenticated else f"ip:{request.META.get('REMOTE_ADDR')}"


def over_limit(request: HttpRequest, group: str, rate: str | Sequence[str]) -> bool:
    """Count this attempt in every rate of the group; True if one is exceeded."""
    rates = [rate] if isinstance(rate, str) else list(rate)
    limited = False
    for each in rates:
        usage = get_usage(request, group=f"kek-{group}-{each}", key=_key, rate=each, increment=True)
        if usage is not None and usage["should_limit"]:
            limited = True
    return limited


def limit(
    request: HttpRequest, group: str, rate: str | Sequence[str], home: Any = None
) -> HttpResponse | None:
    """None if the request may go on, else the German 429 page."""
    if not over_limit(request, group, rate):
        return None
    context = {"page": home, "self": home} if home is not None else {}
    return TemplateResponse(request, "participation/too_many.html", context, status=429)
