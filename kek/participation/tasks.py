"""Background jobs of the participation base (django-tasks, "background" backend): the
e-mail to the district's moderators about a new report. A web request only queues it."""

from __future__ import annotations

from django_tasks import task

from . import mails
from .models import Report


@task(backend="background")
def send_report_mail(report_id: int, site: str) -> str:
    report = Report.objects.select_related("district").filter(pk=report_id).first()
    if report is None:
        return "Meldung nicht mehr vorhanden; keine E-Mail."
    sent = mails.report_mails(report, site)
    return f"Meldung {report_id}: E-Mail an {sent} Moderatorinnen und Moderatoren."
