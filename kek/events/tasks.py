"""The registrants' e-mails, sent by background jobs (django-tasks, "background" backend): a
web request only queues them, a worker process (`manage.py db_worker --backend background`)
sends them through Django's e-mail framework (EMAIL_BACKEND, README "Configuration").

Each job reads the registration anew: one whose personal data was deleted in the meantime
gets no mail. `site` is the address of the district's start page, for the links."""

from __future__ import annotations

import logging

from django_tasks import task

from . import mails
from .models import Notice, Registration

log = logging.getLogger(__name__)


@task(backend="background")
def send_registration_mail(registration_id: int, kind: str, site: str) -> str:
    registration = (
        Registration.objects.select_related("event", "event__location")
        .filter(pk=registration_id, purged_at__isnull=True)
        .first()
    )
    if registration is None:
        return "Anmeldung nicht mehr vorhanden; keine E-Mail."
    mails.registration_mail(registration, kind, site).send()
    return f"E-Mail „{kind}“ an Anmeldung {registration_id} gesendet."


@task(backend="background")
def send_notice(notice_id: int, site: str) -> str:
    """The planner's message to every registrant with a place or on the waiting list, one
    e-mail each (no registrant sees another's address)."""
    notice = Notice.objects.select_related("event", "event__location").get(pk=notice_id)
    recipients = mails.notice_recipients(notice)
    sent = 0
    for registration in recipients:
        mails.notice_mail(notice, registration, site).send()
        sent += 1
    return f"Nachricht {notice_id} an {sent} Angemeldete gesendet."
