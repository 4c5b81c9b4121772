"""notify() writes one notification per user and event, skips "aus" and accounts without an
address, and the "sofort" ones are sent by the background job: one e-mail each, naming why it
was sent, with the one-click unsubscribe link and its headers (RFC 8058)."""

import pytest
from django.core import mail

from kek.follows import tokens
from kek.follows.models import Frequency, Notification, NotificationSetting
from kek.follows.notify import Reason, notify

pytestmark = pytest.mark.django_db

REASON = Reason("follow", "Sie erhalten diese E-Mail, weil Sie dem Projekt „Radweg“ folgen.")


def send(users, key="event:1", district=None, **kwargs):
    return notify(users, REASON, "Neuer Stand: Radweg", "http://localhost/p/", "Text", key,
                  district, **kwargs)  # fmt: skip


def test_it_sends_one_mail_at_once_with_reason_and_unsubscribe(anna, nordsachsen, run_on_commit):
    with run_on_commit():
        written = send([anna], district=nordsachsen)
    assert len(written) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.org"]
    assert message.subject == "Neuer Stand: Radweg"
    assert REASON.text in message.body
    assert "http://localhost/p/" in message.body
    link = f"/beteiligung/benachrichtigungen/abbestellen/{tokens.make(anna.pk)}/"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{link}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Notification.objects.get().sent_at is not None


def test_the_same_event_twice_notifies_once(anna, nordsachsen, run_on_commit):
    with run_on_commit():
        send([anna, anna], district=nordsachsen)
        again = send([anna], district=nordsachsen)
    assert again == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_aus_and_accounts_without_address_get_nothing(
    anna, ben, person, nordsachsen, run_on_commit
):
    NotificationSetting.objects.create(user=ben, frequency=Frequency.OFF)
    nobody = person("ohne")
    nobody.email = ""
    nobody.save()
    gone = person("inaktiv")
    gone.is_active = False
    gone.save()
    with run_on_commit():
        send([anna, ben, nobody, gone], district=nordsachsen)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["anna"]
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]


def test_an_unconfirmed_allauth_address_is_not_used(anna, nordsachsen, run_on_commit):
    from django.apps import apps

    if not apps.is_installed("allauth.account"):
        pytest.skip("django-allauth is not installed")
    EmailAddress = apps.get_model("account", "EmailAddress")  # noqa: N806
    EmailAddress.objects.create(user=anna, email=anna.email, verified=False, primary=True)
    with run_on_commit():
        send([anna], district=nordsachsen)
    assert not mail.outbox
    EmailAddress.objects.filter(user=anna).update(verified=True)
    with run_on_commit():
        send([anna], key="event:2", district=nordsachsen)
    assert len(mail.outbox) == 1


def test_daily_users_wait_for_the_digest(anna, nordsachsen, run_on_commit):
    NotificationSetting.objects.create(user=anna, frequency=Frequency.DAILY)
    with run_on_commit():
        send([anna], district=nordsachsen)
    assert not mail.outbox
    assert Notification.objects.get().sent_at is None


def test_switching_off_before_the_job_runs_sends_nothing(anna, nordsachsen):
    from kek.follows import sending

    written = send([anna], district=nordsachsen)  # the job waits for the commit
    NotificationSetting.objects.create(user=anna, frequency=Frequency.OFF)
    assert sending.send_immediate([n.pk for n in written]) == 0
    assert not mail.outbox
