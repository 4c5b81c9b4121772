"""`kek send-digests`: one e-mail per user who chose the daily digest, with all their unsent
notifications; notifications already sent at once are not repeated, nor is a digest."""

import pytest
from django.core import mail

from kek.follows.models import Frequency, Notification, NotificationSetting
from kek.follows.notify import Reason, notify

pytestmark = pytest.mark.django_db

FOLLOW = Reason("follow", "Sie erhalten diese E-Mail, weil Sie dem Projekt „Radweg“ folgen.")
REPLY = Reason(
    "reply", "Sie erhalten diese E-Mail, weil jemand auf Ihren Kommentar geantwortet hat."
)


def test_it_sends_one_digest_with_every_item(kek, anna, ben, nordsachsen, run_on_commit):
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    with run_on_commit():
        notify([anna, ben], FOLLOW, "Neuer Stand: Radweg", "http://localhost/p/1/", "",
               "status:1", nordsachsen)  # fmt: skip
        notify([anna], FOLLOW, "Neuer Messwert: Radweg", "http://localhost/p/1/", "12 km",
               "measurement:1", nordsachsen)  # fmt: skip
        notify([anna], REPLY, "Neue Antwort auf Ihren Kommentar", "", "Danke!", "reply:3",
               nordsachsen)  # fmt: skip
    assert [m.to for m in mail.outbox] == [["ben@example.org"]]  # ben: at once
    mail.outbox.clear()

    kek("send-digests")
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == ["anna@example.org"]
    assert "3 Neuigkeit" in digest.subject
    for line in ("Neuer Stand: Radweg", "Neuer Messwert: Radweg", "12 km", "Danke!",
                 FOLLOW.text, REPLY.text):  # fmt: skip
        assert line in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        "/beteiligung/benachrichtigungen/abbestellen/" in digest.extra_headers["List-Unsubscribe"]
    )
    assert not Notification.objects.filter(sent_at__isnull=True).exists()

    mail.outbox.clear()
    kek("send-digests")  # nothing new: no e-mail, the sent ones are not repeated
    assert mail.outbox == []


def test_immediate_ones_are_not_repeated_in_a_digest(kek, anna, nordsachsen, run_on_commit):
    with run_on_commit():
        notify([anna], FOLLOW, "Neuer Stand", "", "", "status:1", nordsachsen)
    assert len(mail.outbox) == 1
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    with run_on_commit():
        notify([anna], FOLLOW, "Neuer Messwert", "", "", "measurement:1", nordsachsen)
    mail.outbox.clear()
    kek("send-digests")
    assert len(mail.outbox) == 1
    assert "Neuer Messwert" in mail.outbox[0].body
    assert "Neuer Stand" not in mail.outbox[0].body


def test_a_user_who_switched_off_gets_no_digest(kek, anna, nordsachsen):
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    notify([anna], FOLLOW, "Neuer Stand", "", "", "status:1", nordsachsen)
    NotificationSetting.objects.filter(user=anna).update(frequency=Frequency.OFF)
    kek("send-digests")
    assert mail.outbox == []
