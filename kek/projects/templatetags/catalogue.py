"""Template helpers of the public catalogue pages: `{% load catalogue %}`."""

from typing import Any

from django import template

from kek.core.templatetags.kek import home_of
from kek.evaluation import statuses

from .. import views
from ..models import Project

register = template.Library()


@register.simple_tag(takes_context=True)
def project_url(context: template.Context, project: Project) -> str:
    """URL of a project page on the current district's site."""
    return views.project_url(home_of(context), project)


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
