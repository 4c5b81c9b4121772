"""Template tags of the participation base: `{% load participation %}`.

- `{{ text|plain_text }}`: user text escaped, line breaks kept (inline: <br>), http(s)
  addresses made links (rel="nofollow ugc"); nothing else (no `javascript:`) becomes a link.
- `{% comments subject %}`: the thread with its forms, or the note why one cannot write;
  needs `request` and the start page (`page` or `home`) in the context.
- `{% rating subject %}`, `{% report_link subject %}`, `{% netiquette_link %}`,
  `{% subject_parts subject %}` (the parts apps registered for the subject's model).
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kek.core.routes import route_url

from .. import blocks, comments, moderation
from ..models import Rating, RatingValue
from ..registry import for_object, kind_of, subject_parts

register = template.Library()

URL = re.compile(r"https?://[^\s<>\"'\\]+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"


def _linkify(line: str) -> str:
    out: list[str] = []
    position = 0
    for match in URL.finditer(line):
        url = match.group(0)
        stripped = url.rstrip(TRAILING)
        if stripped.count("(") > stripped.count(")") and url[len(stripped) :].startswith(")"):
            stripped += ")"
        end = match.start() + len(stripped)
        out.append(escape(line[position : match.start()]))
        out.append(
            f'<a class="kern-link" href="{escape(stripped)}" rel="nofollow ugc">'
            f"{escape(stripped)}</a>"
        )
        position = end
    out.append(escape(line[position:]))
    return "".join(out)


@register.filter(is_safe=False)
def plain_text(value: Any) -> SafeString:
    """Escaped plain text, inline (fits in a <p> or a <div>): line breaks as <br>, a blank line
    between paragraphs as two."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    html = "<br><br>".join(
        "<br>".join(_linkify(line) for line in p.split("\n")) for p in paragraphs
    )
    return mark_safe(html)  # every piece of user text above went through escape()


def _home(context: template.Context) -> Any:
    home = context.get("home")
    if home is not None:
        return home
    page = context.get("page")
    return page if page is not None and hasattr(page, "reverse_subpage") else None


def _base(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    home = _home(context)
    return {
        "request": request,
        "user": user,
        "page": home,
        "home": home,
        "csrf_token": context.get("csrf_token"),
    }


def _phase_open(subject: Any) -> tuple[bool, str]:
    participable = for_object(subject)
    if participable is None:
        return False, "closed"
    phase = participable.phase(subject)
    state = phase.phase() if hasattr(phase, "phase") else ("open" if phase.is_open() else "")
    return bool(phase.is_open()), state


@register.inclusion_tag("participation/_comments.html", takes_context=True, name="comments")
def comments_tag(context: template.Context, subject: Any) -> dict[str, Any]:
    base = _base(context)
    user, home = base["user"], base["home"]
    is_open, state = _phase_open(subject)
    block = blocks.active_block(user) if user is not None else None
    kind = kind_of(subject)
    return {
        **base,
        "subject": subject,
        "kind": kind,
        "nodes": comments.thread(subject, user),
        "count": comments.visible_count(subject),
        "is_open": is_open,
        "phase_state": state,
        "blocked": blocks.blocked_message(block) if block else "",
        "signed_in": bool(user and user.is_authenticated),
        "add_url": route_url("comment_add", home, kind, subject.pk) if home else "",
        "login_url": _login_url(f"{_subject_url(subject, home)}#kommentare") if home else "",
        "edit_minutes": comments.edit_minutes(),
        "form_id": f"kommentar-{kind}-{subject.pk}",
    }


def _subject_url(subject: Any, home: Any) -> str:
    participable = for_object(subject)
    return participable.url(subject, home) if participable else "/"


def _login_url(next_url: str) -> str:
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.utils.http import urlencode

    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


@register.inclusion_tag("participation/_rating.html", takes_context=True)
def rating(context: template.Context, subject: Any) -> dict[str, Any]:
    base = _base(context)
    user, home = base["user"], base["home"]
    ct = ContentType.objects.get_for_model(subject)
    rows = Rating.objects.filter(content_type=ct, object_id=subject.pk)
    counts = dict(rows.values_list("value").annotate(n=Count("id")))
    mine = (
        rows.filter(user=user).values_list("value", flat=True).first()
        if user is not None and user.is_authenticated
        else None
    )
    is_open, _ = _phase_open(subject)
    kind = kind_of(subject)
    return {
        **base,
        "agree": counts.get(RatingValue.AGREE, 0),
        "disagree": counts.get(RatingValue.DISAGREE, 0),
        "mine": mine,
        "is_open": is_open,
        "may_rate": is_open
        and user is not None
        and user.is_authenticated
        and not blocks.is_blocked(user),
        "rate_url": route_url("rate", home, kind, subject.pk) if home else "",
        "login_url": _login_url(_subject_url(subject, home)) if home else "",
        "rating_id": f"bewertung-{kind}-{subject.pk}",
    }


@register.inclusion_tag("participation/_report_link.html", takes_context=True)
def report_link(context: template.Context, subject: Any) -> dict[str, Any]:
    base = _base(context)
    home = base["home"]
    is_open, _ = _phase_open(subject)
    url = route_url("report", home, kind_of(subject), subject.pk) if home else ""
    return {**base, "report_url": url, "is_open": is_open}


@register.inclusion_tag("participation/_netiquette_link.html", takes_context=True)
def netiquette_link(context: template.Context) -> dict[str, Any]:
    base = _base(context)
    home = base["home"]
    return {**base, "netiquette_url": route_url("netiquette", home) if home else ""}


@register.simple_tag(takes_context=True, name="subject_parts")
def subject_parts_tag(context: template.Context, subject: Any) -> SafeString:
    base = _base(context)
    label = subject._meta.label_lower
    pieces = []
    for part in subject_parts:
        if part.place != label:
            continue
        values = {**base, **part.context(base["request"], base["home"], subject)}
        pieces.append(render_to_string(part.template, values, request=base["request"]))
    return mark_safe("".join(pieces))  # rendered templates, autoescaped


@register.simple_tag
def moderation_note(subject: Any) -> str:
    """`{% moderation_note proposal as note %}`: what readers see instead of a hidden item
    ("Von der Moderation ausgeblendet: …" or the automatic hiding), "" when it is shown."""
    return moderation.hidden_note(subject)
