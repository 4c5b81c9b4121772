"""`{% load follows %}{% follow_button obj %}`: "Folgen" / "Nicht mehr folgen" for the
signed-in visitor (a form with POST), a sign-in link for anyone else."""

from __future__ import annotations

from typing import Any

from django import template

from kek.core.templatetags.kek import home_of

from .. import subjects

register = template.Library()


@register.inclusion_tag("follows/_follow_button.html", takes_context=True)
def follow_button(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    home = context.get("home")
    if not hasattr(home, "reverse_subpage"):  # a subject part's context names it "home"
        home = home_of(context)
    if obj is None or home is None or subjects.label_of(obj) not in subjects.KINDS:
        return {"shown": False}
    return {
        "shown": True,
        "page": home,
        "kind": subjects.label_of(obj),
        "pk": obj.pk,
        "title": subjects.title_of(obj),
        "signed_in": bool(user and user.is_authenticated),
        "following": subjects.is_following(user, obj),
        "next": request.get_full_path() if request else "",
    }
