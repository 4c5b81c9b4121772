"""The follows in "Meine Daten" and the account deletion (kek.accounts.personal_data): the
export holds exactly the account's follows, setting and notifications; erasing removes them
and nobody else's."""

import pytest

from kek.accounts import personal_data
from kek.follows import subjects
from kek.follows.models import Follow, Frequency, Notification, NotificationSetting
from kek.follows.notify import Reason, notify

pytestmark = pytest.mark.django_db
PARTS = ("gefolgt", "benachrichtigungseinstellung", "benachrichtigungen")


def parts():
    return {entry.name: entry for entry in personal_data.entries() if entry.name in PARTS}


def test_it_exports_and_erases_only_the_accounts_data(anna, ben, project, field, nordsachsen):
    subjects.follow(anna, project)
    subjects.follow(anna, field)
    subjects.follow(ben, project)
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    reason = Reason("follow", "Sie erhalten diese E-Mail, weil Sie dem Projekt folgen.")
    notify([anna, ben], reason, "Neuer Stand", "http://localhost/p/", "", "e:1", nordsachsen)
    found = parts()
    assert set(found) == set(PARTS)

    follows = found["gefolgt"].export(anna)
    assert {row["titel"] for row in follows} == {project.title, f"{field.number} {field.title}"}
    (setting,) = found["benachrichtigungseinstellung"].export(anna)
    assert setting["benachrichtigungen"] == "täglich"
    (notification,) = found["benachrichtigungen"].export(anna)
    assert notification["betreff"] == "Neuer Stand" and notification["grund"] == reason.text

    for entry in found.values():
        entry.erase(anna)
    assert not Follow.objects.filter(user=anna).exists()
    assert not NotificationSetting.objects.filter(user=anna).exists()
    assert not Notification.objects.filter(user=anna).exists()
    assert Follow.objects.filter(user=ben).count() == 1
    assert Notification.objects.filter(user=ben).count() == 1
