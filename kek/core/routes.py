"""Addresses of the public pages below a district's start page, built from route names.

`home` is the district's start page (`cms.DistrictHomePage`); its routes come from the
`public_routes` registry. Templates use `{% route "name" … %}` (kek.core.templatetags.kek)."""

from __future__ import annotations

from typing import Any

from .registry import public_routes


def base_url(home: Any) -> str:
    """The start page's address, ending in a slash (cached on the page object)."""
    url = getattr(home, "_kek_base_url", None)
    if url is None:
        url = home.url or "/"
        if not url.endswith("/"):
            url += "/"
        home._kek_base_url = url
    return url


def route_path(name: str, home: Any, /, *args: Any, **kwargs: Any) -> str:
    """The address of route `name` relative to the start page (no leading slash)."""
    path = home.reverse_subpage(name, args=list(args), kwargs=kwargs)
    if name in public_routes and public_routes[name].file:
        path = path.rstrip("/")
    return path


def route_url(name: str, home: Any, /, *args: Any, **kwargs: Any) -> str:
    """The address of route `name` on the district's site: route_url("goal_tree", home)."""
    return base_url(home) + route_path(name, home, *args, **kwargs)
