from typing import Any

from django import template

from kek.core.templatetags.kek import home_of

from ..public import goal_url as url_of

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_url(context: template.Context, obj: Any) -> str:
    """URL of a goal object on the current district's site."""
    return url_of(home_of(context), obj)
