"""The notification e-mails, sent by background jobs (django-tasks, "background" backend, as
kek.events.tasks): `notify` queues `send_notifications` after its transaction commits;
`send_digests` is the daily digest (`kek send-digests`, run it once a day by cron or a systemd
timer: django-tasks-db has no scheduler)."""

from __future__ import annotations

from django_tasks import task

from . import sending


@task(backend="background")
def send_notifications(ids: list[int]) -> str:
    sent = sending.send_immediate(ids)
    return f"{sent} Benachrichtigung(en) gesendet."


@task(backend="background")
def send_digests() -> str:
    mails_sent, items = sending.send_digests()
    return f"{mails_sent} Zusammenfassung(en) mit {items} Benachrichtigung(en) gesendet."
