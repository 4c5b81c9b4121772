"""Downloads at static-file speed: a public version's stored document file is answered right
after WhiteNoise, before sessions, authentication, messages and Wagtail's page routing, with
two queries (the site, the newest done build's file). A draft's files (planners only) and
addresses without a file go on to the download route (views.download), which knows the user
and answers with the site's 404 page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from wagtail.models import Site

from kek.goals.models import Concept

from . import views

PATH = re.compile(
    r"^/dokumente/fassung-(?P<version>[0-9]+)/(?P<stem>[a-z0-9-]+)\.(?P<extension>pdf|docx|xlsx)$"
)


class DownloadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> Any:
        match = PATH.match(request.path_info)
        if match is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        return public_file(request, **match.groupdict()) or self.get_response(request)


def public_file(
    request: HttpRequest, version: str, stem: str, extension: str
) -> HttpResponse | FileResponse | None:
    try:
        kind, snapshot_id = views.parse_stem(stem)
    except Http404:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    files = views.done_files(int(version), kind, snapshot_id, extension)
    # The district is the region of the site's start page (kek.cms: Region.home_pages).
    stored = views.newest(files.filter(build__concept__region__home_pages=site.root_page_id))
    if stored is None or stored.build.concept.status == Concept.Status.DRAFT:
        return None
    try:
        return views.file_response(request, stored)
    except Http404:
        return None
