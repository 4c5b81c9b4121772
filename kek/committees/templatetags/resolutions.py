"""`{% resolution item %}`: "beschlossen am 24.03.2021 in der Sitzung des Kreistags (TOP 5)",
linked to the agenda item on its meeting page where the viewer may see it."""

from typing import Any

from django import template

from kek.core.routes import route_url
from kek.core.templatetags.kek import home_of

from ..models import AgendaItem
from ..resolutions import shown

register = template.Library()


def _visible_ids(context: template.Context, item: AgendaItem) -> set[int]:
    """The agenda items of the item's body the viewer may see, once per request (a catalogue
    names the same resolution for many projects)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    cache: dict[int, set[int]] = getattr(request, "_kek_visible_items", {}) if request else {}
    if item.body_id not in cache:
        visible = AgendaItem.objects.visible_to(user).filter(body_id=item.body_id)
        cache[item.body_id] = set(visible.values_list("pk", flat=True))
        if request is not None:
            request._kek_visible_items = cache
    return cache[item.body_id]


@register.inclusion_tag("committees/_resolution.html", takes_context=True)
def resolution(
    context: template.Context, item: AgendaItem | None, named: bool = False
) -> dict[str, Any]:
    """`named`: the agenda item's subject follows ("…: Projektkatalog zum …") where visible."""
    if item is None:
        return {"shown": None}
    visible = item.pk in _visible_ids(context, item)
    home = home_of(context)
    url = ""
    if home is not None:
        url = f"{route_url('committee_meeting', home, item.meeting_id)}#top-{item.pk}"
    return {"shown": shown(item, visible, url), "named": named}
