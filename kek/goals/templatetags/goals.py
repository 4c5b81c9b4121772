from django import template

from ..urls import goal_path

register = template.Library()


@register.simple_tag(takes_context=True)
def goal_url(context, obj) -> str:
    """URL of a goal object on the current district's site."""
    base = context.get("base_url")
    if base is None:
        base = context["page"].url
        context.dicts[0]["base_url"] = base
    return base + goal_path(obj)
