"""Template helpers of the public catalogue pages: `{% load catalogue %}`."""

from typing import Any

from django import template

from .. import statuses
from ..models import Project
from ..urls import project_path

register = template.Library()


def _base_url(context) -> str:
    base = context.get("base_url")
    if base is None:
        base = context["page"].url
        context.dicts[0]["base_url"] = base
    return base


@register.simple_tag(takes_context=True)
def project_url(context, project: Project) -> str:
    """URL of a project page on the current district's site."""
    return _base_url(context) + project_path(project)


@register.inclusion_tag("projects/_status.html")
def status_badge(status: str, small: bool = False) -> dict[str, Any]:
    """A KERN badge with the status symbol and its text (never colour alone)."""
    return {"label": statuses.label_for(status), "small": small}


@register.filter
def de_number(value: Any, digits: int = 2) -> str:
    """German number text: 1.234,5; nothing → –."""
    return statuses.number(value, digits)


@register.filter
def de_percent(value: Any) -> str:
    """A share (0.25) as German per cent text (25 %)."""
    return statuses.percent(value)


@register.filter
def explanation(result: dict[str, Any] | None) -> str:
    """How an indicator's status was computed, in German."""
    return statuses.explain(result) if result else "Noch nicht bewertet."
