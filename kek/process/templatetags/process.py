"""`{% when entry %}`: a milestone's date or period as `<time datetime=…>` elements;
`{% state entry %}`: its state as a badge, a symbol beside the word."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from kek.process.dates import Time
from kek.process.models import State

register = template.Library()

TONES = {State.PLANNED: "info", State.DONE: "success", State.POSTPONED: "warning",
         State.CANCELLED: "danger"}  # fmt: skip


@register.simple_tag
def when(entry) -> SafeString:
    return format_html_join(
        "",
        "{}",
        (
            (format_html('<time datetime="{}">{}</time>', s.iso, s.text) if isinstance(s, Time)
             else s,)
            for s in entry.when
        ),
    )  # fmt: skip


@register.simple_tag
def state(entry, small: bool = False) -> SafeString:
    size = " kern-badge--small" if small else ""
    label = " kern-label--small" if small else ""
    return format_html(
        '<span class="kern-badge kern-badge--{}{} kek-status">'
        '<span aria-hidden="true">{}</span> <span class="kern-label{}">Stand: {}</span></span>',
        TONES[State(entry.state)],
        size,
        entry.symbol,
        label,
        entry.get_state_display(),
    )
