"""Public pages of the follows (F25): follow and unfollow (POST; a GET shows the button),
the notification settings with the list of what the account follows, and the one-click
unsubscribe link of the e-mails (GET: the button; POST: e-mails off, no sign-in needed).
Routes in follows/public.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kek.core.routes import route_url
from kek.core.views import render, require

from . import subjects, tokens
from .models import Follow, Frequency, NotificationSetting


def _signed_in(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _subject(home: Any, kind: str, pk: int) -> Any:
    model = subjects.model_of(kind)
    if model is None:
        raise Http404
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or subjects.district_id(obj) != home.region_id:
        raise Http404
    return obj


def _next(request: HttpRequest, home: Any) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return route_url("notification_settings", home)


def _follow_page(
    request: HttpRequest, home: Any, kind: str, pk: int, following: bool
) -> HttpResponse:
    obj = _subject(home, kind, pk)
    if request.method == "POST":
        if following:
            require(request.user, "follows.add_follow", obj)
            subjects.follow(request.user, obj)
        else:
            require(request.user, "follows.delete_follow", obj)
            subjects.unfollow(request.user, obj)
        return redirect(_next(request, home))
    context = {
        "subject": obj,
        "kind": kind,
        "title": subjects.title_of(obj),
        "following": subjects.is_following(request.user, obj),
        "next": _next(request, home),
    }
    return render(request, home, "follows/follow.html", context)


def follow(request: HttpRequest, home: Any, kind: str, pk: int) -> HttpResponse:
    return _signed_in(request) or _follow_page(request, home, kind, pk, True)


def unfollow(request: HttpRequest, home: Any, kind: str, pk: int) -> HttpResponse:
    return _signed_in(request) or _follow_page(request, home, kind, pk, False)


def settings_page(request: HttpRequest, home: Any) -> HttpResponse:
    refused = _signed_in(request)
    if refused:
        return refused
    user: Any = request.user
    setting = NotificationSetting.objects.filter(user=user).first()
    frequency = setting.frequency if setting else Frequency.IMMEDIATE
    saved = False
    error = ""
    if request.method == "POST":
        require(user, "follows.change_notificationsetting")
        chosen = request.POST.get("frequency", "")
        if chosen in Frequency.values:
            NotificationSetting.objects.update_or_create(user=user, defaults={"frequency": chosen})
            frequency, saved = chosen, True
        else:
            error = "Bitte wählen Sie, wie oft Sie benachrichtigt werden möchten."
    follows = Follow.objects.filter(user=user, district_id=home.region_id)
    entries = [
        {
            "follow": item,
            "subject": obj,
            "kind": item.content_type.app_label + "." + item.content_type.model,
            "title": subjects.title_of(obj),
            "url": subjects.page_url(home, obj),
        }
        for item, obj in subjects.subjects_of(follows.select_related("content_type"))
        if obj is not None
    ]
    context = {
        "choices": Frequency.choices,
        "frequency": frequency,
        "saved": saved,
        "error": error,
        "entries": entries,
        "here": route_url("notification_settings", home),
    }
    return render(request, home, "follows/settings.html", context, status=400 if error else 200)


def unsubscribe(request: HttpRequest, home: Any, token: str) -> HttpResponse:
    """A mail program's one-click POST (RFC 8058) carries no CSRF token: the middleware
    kek.follows.middleware lets it through; the signed token authorises it."""
    user_id = tokens.read(token)
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(request, home, "follows/unsubscribe.html", {"valid": False}, status=404)
    if request.method == "POST":
        NotificationSetting.objects.update_or_create(
            user=user, defaults={"frequency": Frequency.OFF}
        )
        return render(request, home, "follows/unsubscribe.html", {"valid": True, "done": True})
    return render(request, home, "follows/unsubscribe.html", {"valid": True, "done": False})
