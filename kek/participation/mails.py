"""The e-mail to a district's moderators about a new report: plain text in German
(templates/participation/mail/report.txt), one message per moderator (nobody sees the
others' addresses), only to the moderators assigned to the report's district."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from kek.accounts.roles import MODERATOR, group_name

from . import moderation
from .models import Report


def recipients(report: Report) -> list[Any]:
    users = get_user_model().objects.filter(
        moderated_districts__district=report.district,
        groups__name=group_name(MODERATOR),
        is_active=True,
    )
    return [user for user in users.distinct().order_by("pk") if user.email]


def report_mails(report: Report, site: str) -> int:
    item = report.subject
    root = site.rstrip("/")
    context = {
        "report": report,
        "item_label": moderation.label_of(item) if item is not None else "(gelöscht)",
        "queue_url": root + reverse("kek_moderation"),
        "district": report.district,
    }
    subject = f"Neue Meldung in der Beteiligung: {report.get_reason_display()}"
    body = render_to_string("participation/mail/report.txt", context)
    sent = 0
    for user in recipients(report):
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
        sent += 1
    return sent
