"""`kek purge-registrations` empties the registrants' personal data a configured number of
days after the event and keeps the counts (F24, privacy)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from kek.events.models import Registration

from .world import event, registration

pytestmark = pytest.mark.django_db


def test_personal_data_goes_after_the_retention_period(nordsachsen, capsys, settings):
    settings.KEK_REGISTRATION_RETENTION_DAYS = 90
    now = timezone.now()
    old = event(nordsachsen, title="Alt", start=now - timedelta(days=92))
    recent = event(nordsachsen, title="Jüngst", start=now - timedelta(days=80))
    for found in (old, recent):
        registration(found, email="anna@example.org", status="angemeldet",
                     organisation="Verein")  # fmt: skip
        registration(found, email="ben@example.org", status="warteliste")

    call_command("kek", "purge-registrations", "--dry-run")
    assert "2 Anmeldung(en) würden gelöscht" in capsys.readouterr().out
    assert not Registration.objects.filter(purged_at__isnull=False).exists()

    call_command("kek", "purge-registrations")
    assert "Personendaten von 2 Anmeldung(en) gelöscht" in capsys.readouterr().out
    purged = Registration.objects.filter(event=old)
    assert list(
        purged.order_by().values_list("name", "email", "organisation", "nonce").distinct()
    ) == [("", "", "", "")]
    assert sorted(purged.values_list("status", flat=True)) == ["angemeldet", "warteliste"]
    kept = Registration.objects.filter(event=recent, purged_at__isnull=True)
    assert sorted(kept.values_list("email", flat=True)) == ["anna@example.org", "ben@example.org"]

    settings.KEK_REGISTRATION_RETENTION_DAYS = 30
    call_command("kek", "purge-registrations")
    assert not Registration.objects.filter(purged_at__isnull=True).exists()


def test_a_purged_registration_gets_no_mail_and_its_links_fail(client, nordsachsen):
    from django.core import mail

    from kek.events import tasks

    from .world import cancel_token

    found = registration(event(nordsachsen), status="angemeldet")
    token = cancel_token(found)
    Registration.objects.filter(pk=found.pk).update(name="", email="", nonce="",
                                                    purged_at=timezone.now())  # fmt: skip
    tasks.send_registration_mail.enqueue(found.pk, "confirmed", "http://testserver/")
    assert not mail.outbox
    response = client.post(f"/veranstaltungen/anmeldung/{token}/abmelden/")
    assert response.status_code == 404
