"""Template helpers of the public catalogue pages: `{% load catalogue %}`."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from kek.core.templatetags.kek import home_of
from kek.evaluation import statuses

from .. import summaries, views
from ..models import Project

register = template.Library()

# The status icons: 16 × 16 line drawings in the text colour, always next to the status's
# words (never an emoji or a symbol font glyph, which may render as an empty box).
ICONS = {
    "star": '<path fill="currentColor" stroke="none" d="M8 1.2l2 4.3 4.7.5-3.5 3.2 1 4.6L8 '
    '11.5l-4.2 2.3 1-4.6L1.3 6l4.7-.5z"/>',
    "arrow-up": '<path d="M8 13.5v-11M3.5 7 8 2.5 12.5 7"/>',
    "arrow-up-right": '<path d="M3.5 12.5l9-9M5.5 3.5h7v7"/>',
    "arrow-right": '<path d="M2.5 8h11M9 3.5 13.5 8 9 12.5"/>',
    "arrow-down-right": '<path d="M3.5 3.5l9 9M12.5 5.5v7h-7"/>',
    "arrow-down": '<path d="M8 2.5v11M3.5 9 8 13.5 12.5 9"/>',
    "double-up": '<path d="M3.5 8 8 3.5 12.5 8M3.5 12.5 8 8l4.5 4.5"/>',
    "double-down": '<path d="M3.5 3.5 8 8l4.5-4.5M3.5 8 8 12.5 12.5 8"/>',
    "dash": '<path d="M3.5 8h9"/>',
    "question": '<circle cx="8" cy="8" r="6"/>'
    '<path d="M6.3 6.3a1.8 1.8 0 1 1 2.4 1.7c-.5.2-.7.6-.7 1.1v.4M8 11.6v.1"/>',
    "sun": '<circle cx="8" cy="8" r="2.8"/><path d="M8 1.2v1.6M8 13.2v1.6M1.2 8h1.6M13.2 8h1.6'
    'M3.2 3.2l1.1 1.1M11.7 11.7l1.1 1.1M3.2 12.8l1.1-1.1M11.7 4.3l1.1-1.1"/>',
    "sun-cloud": '<circle cx="5.5" cy="5.5" r="2.2"/><path d="M5.5 1v.9M1 5.5h.9M2.3 2.3l.7.7'
    'M8.7 2.3 8 3"/><path d="M6.6 14.5h5.6a2.3 2.3 0 0 0 .2-4.6 3.1 3.1 0 0 0-6-.5 2.6 2.6 0 '
    '0 0 .2 5.1z"/>',
    "cloud": '<path d="M4.6 13h7a2.6 2.6 0 0 0 .3-5.2 3.6 3.6 0 0 0-6.9-1A3.1 3.1 0 0 0 4.6 13z"/>',
    "thunderstorm": '<path d="M4.6 10h7a2.6 2.6 0 0 0 .3-5.2 3.6 3.6 0 0 0-6.9-1A3.1 3.1 0 0 0 '
    '4.6 10z"/><path d="M8.6 10.5 7 13h2.2l-1.6 2.5"/>',
}


@register.simple_tag
def status_icon(name: str) -> SafeString:
    """An inline SVG status icon (decorative: the status's text stands next to it)."""
    drawing = ICONS.get(name, ICONS["question"])
    return mark_safe(  # noqa: S308 - constant markup
        '<svg class="kek-status__icon" viewBox="0 0 16 16" width="16" height="16" fill="none" '
        'stroke="currentColor" stroke-width="1.6" stroke-linecap="round" '
        f'stroke-linejoin="round" aria-hidden="true" focusable="false">{drawing}</svg>'
    )


@register.simple_tag(takes_context=True)
def project_url(context: template.Context, project: Project) -> str:
    """URL of a project page on the current district's site."""
    return views.project_url(home_of(context), project)


@register.inclusion_tag("projects/_status.html")
def status_badge(status: str, small: bool = False) -> dict[str, Any]:
    """A KERN badge with the status icon and its text (never colour alone)."""
    return {"label": statuses.label_for(status), "small": small}


@register.inclusion_tag("projects/_rating.html")
def indicator_rating(status: str, small: bool = False) -> dict[str, Any]:
    """An indicator's status in the headline statuses, and under "weitere Bewertungen" the
    result of the method the planners chose for it, if that is another one."""
    return {**summaries.indicator_rating(status), "small": small}


@register.simple_tag(takes_context=True)
def field_card(context: template.Context, field: Any) -> Any:
    """The status card of a field of action on the start page (`summaries.start_field_cards`)."""
    return (context.get("field_cards") or {}).get(field.pk)


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


@register.filter
def css_percent(share: float | None) -> str:
    """A share (0.25) as a CSS percentage number (25.000), whatever the locale."""
    return f"{(share or 0) * 100:.3f}"


@register.filter
def status_distribution(result: Any) -> list[Any]:
    """Status, count and share of a roll-up's indicators, in the headline statuses."""
    return summaries.distribution(result)


@register.filter
def other_ratings(result: Any) -> list[Any]:
    """What the other methods gave a roll-up's indicators ("weitere Bewertungen")."""
    return summaries.other_ratings(result)


@register.filter
def axes_note(result: Any) -> str:
    """A sentence where indicator progress and implementation progress seem to disagree."""
    return summaries.axes_note(result)
