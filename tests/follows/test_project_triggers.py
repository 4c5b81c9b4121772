"""A followed project's status change and a new measurement of its target indicators notify
its followers (heard from the change records, kek.core.history); a pending measurement counts
once a planner accepts it, and a save that changes no status notifies nobody."""

import datetime as dt

import pytest
from django.core import mail

from kek.follows import subjects
from kek.follows.models import Notification
from kek.projects.models import Measurement, TargetIndicator

pytestmark = pytest.mark.django_db


def test_a_status_change_notifies_the_followers(anna, ben, project, run_on_commit):
    subjects.follow(anna, project)
    project.status = "completed" if project.status != "completed" else "stopped"
    with run_on_commit():
        project.save()
    notification = Notification.objects.get()
    assert notification.user == anna and notification.reason == "follow"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert project.title in message.subject
    assert f"weil Sie dem Projekt „{project.title}“ folgen" in message.body
    assert f"Mehr dazu: http://localhost/projekte/{project.public_ref}/" in message.body
    project.title = project.title + " (neu)"
    project.save()  # no status change
    assert Notification.objects.count() == 1


def test_a_new_measurement_notifies_the_followers(anna, project, run_on_commit):
    subjects.follow(anna, project)
    indicator = TargetIndicator.objects.create(project=project, title="Radwege", unit="km")
    with run_on_commit():
        Measurement.objects.create(indicator=indicator, date=dt.date(2026, 6, 30), value=12)
    assert len(mail.outbox) == 1
    assert "Radwege: 12 km am 30.06.2026" in mail.outbox[0].body


def test_a_pending_measurement_counts_when_accepted(anna, project, run_on_commit):
    subjects.follow(anna, project)
    indicator = TargetIndicator.objects.create(project=project, title="Radwege")
    measurement = Measurement(indicator=indicator, date=dt.date(2026, 6, 30), value=99,
                              review=Measurement.Review.PENDING)  # fmt: skip
    measurement.save()
    assert not Notification.objects.exists()
    measurement.review = Measurement.Review.OK
    with run_on_commit():
        measurement.save()
    measurement.note = "geprüft"
    measurement.save()  # still the same measurement
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
