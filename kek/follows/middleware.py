"""One-click unsubscribe (RFC 8058): a mail program POSTs `List-Unsubscribe=One-Click` to the
link of the `List-Unsubscribe` header, without the site's cookies, so without a CSRF token.
Public routes are served by Wagtail's one view, which cannot be exempted for one route, so
this middleware (before CsrfViewMiddleware) lets POSTs to the unsubscribe route through.
The route's signed token is what authorises the request, and all it can do is switch that
account's e-mails off."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

# The route "unsubscribe" (kek/follows/public.py) below any district's start page.
UNSUBSCRIBE = re.compile(r"/beteiligung/benachrichtigungen/abbestellen/[\w\-.]+/$")


class OneClickUnsubscribeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        if request.method == "POST" and UNSUBSCRIBE.search(request.path_info):
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return None
