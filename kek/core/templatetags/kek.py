"""Template helpers every page may use (a builtin library, no `{% load %}` needed).

`{% route "goal_tree" %}` – address of a public route on the current district's site;
arguments follow the name: `{% route "evaluation_report" report.pk %}`, `… as url`."""

from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from ..registry import nav_groups, navigation
from ..routes import route_url

register = template.Library()


def home_of(context: template.Context) -> Any:
    """The district's start page: the page being shown if it routes, else the site's root."""
    page = context.get("page")
    if page is not None and hasattr(page, "reverse_subpage"):
        return page
    district = context.get("district")
    return district.get("home") if district else None


@register.simple_tag(takes_context=True)
def route(context: template.Context, name: str, /, *args: Any, **kwargs: Any) -> str:
    home = home_of(context)
    if home is None:
        return "/"
    return route_url(name, home, *args, **kwargs)


@register.simple_tag(takes_context=True)
def main_navigation(context: template.Context) -> list[dict[str, Any]]:
    """The navigation groups with their entries' addresses: [{"label", "entries": [...]}]."""
    home = home_of(context)
    if home is None:
        return []
    groups = []
    for group in nav_groups:
        entries = [
            {
                "label": entry.label,
                "url": route_url(entry.route, home)
                + (f"#{entry.fragment}" if entry.fragment else ""),
            }
            for entry in navigation
            if entry.group == group.name
        ]
        if entries:
            groups.append({"name": group.name, "label": group.label, "entries": entries})
    return groups


@register.filter
def with_site_title(title: str, site_title: Any) -> str:
    """`{% filter with_site_title:district.home.title %}…{% endfilter %}` in a <title>: the page's
    title, a dash and the site's, and the site's title alone where the page has none or is the
    start page itself (no "KEK Nordsachsen 2030 – KEK Nordsachsen 2030")."""
    site = conditional_escape(site_title or "KEK")
    own = " ".join(str(title).split())  # already escaped: the rendered block
    if not own or own == site:
        return site
    return mark_safe(f"{own} – {site}")  # noqa: S308 - both parts are escaped
