"""The notification e-mails in German, plain text (templates/follows/mail/): one per
notification ("sofort") or one digest per user and day ("täglich"). Every e-mail names why it
was sent and carries the one-click unsubscribe link, in its text and in the headers
`List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058): a mail program's POST to the link
switches the e-mails off without signing in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from kek.core.routes import route_path
from kek.core.sites import homes_for_regions

from . import tokens
from .models import Notification

DIGEST_SUBJECT = "Ihre tägliche Zusammenfassung: {count} Neuigkeit(en)"


def usable_address(user: Any) -> bool:
    """An active account with an e-mail address; where django-allauth keeps the account's
    addresses, that address must be confirmed (an account made in the back office, which
    has no allauth row, counts with its address)."""
    if user is None or not user.is_active or not (user.email or "").strip():
        return False
    if not apps.is_installed("allauth.account"):
        return True
    addresses = apps.get_model("account", "EmailAddress").objects.filter(user_id=user.pk)
    known = list(addresses.values_list("email", "verified"))
    if not known:
        return True
    return any(verified and email.lower() == user.email.lower() for email, verified in known)


def site_root(district_id: int | None) -> str | None:
    """The district's start page as an absolute address ending in "/", None without a site."""
    if district_id is None:
        return None
    home = homes_for_regions([district_id]).get(district_id)
    if home is None:
        return None
    root = home.get_full_url() or ""
    return root if root.endswith("/") else root + "/"


def home_of(district_id: int | None) -> Any:
    if district_id is None:
        return None
    return homes_for_regions([district_id]).get(district_id)


def absolute(district_id: int | None, name: str, *args: Any, **kwargs: Any) -> str:
    """The absolute address of a public route of the district's site ("" without a site)."""
    home = home_of(district_id)
    root = site_root(district_id)
    if home is None or root is None:
        return ""
    return root + route_path(name, home, *args, **kwargs)


def unsubscribe_url(user: Any, district_ids: Sequence[int | None]) -> str:
    for district_id in district_ids:
        url = absolute(district_id, "unsubscribe", tokens.make(user.pk))
        if url:
            return url
    return ""


def _message(user: Any, subject: str, body: str, unsubscribe: str) -> EmailMessage:
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email], headers=headers)


def notification_mail(notification: Notification) -> EmailMessage:
    user = notification.user
    unsubscribe = unsubscribe_url(user, [notification.district_id])
    context = {
        "notification": notification,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute(notification.district_id, "notification_settings"),
    }
    body = render_to_string("follows/mail/notification.txt", context)
    return _message(user, notification.subject, body, unsubscribe)


def digest_mail(user: Any, notifications: Sequence[Notification]) -> EmailMessage:
    districts = list(dict.fromkeys(n.district_id for n in notifications))
    unsubscribe = unsubscribe_url(user, districts)
    context = {
        "notifications": notifications,
        "reasons": list(dict.fromkeys(n.reason_text for n in notifications)),
        "unsubscribe_url": unsubscribe,
        "settings_url": next(
            (u for d in districts if (u := absolute(d, "notification_settings"))), ""
        ),
    }
    body = render_to_string("follows/mail/digest.txt", context)
    subject = DIGEST_SUBJECT.format(count=len(notifications))
    return _message(user, subject, body, unsubscribe)
