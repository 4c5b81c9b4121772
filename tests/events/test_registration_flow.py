"""Registration end to end through HTTP with the e-mail outbox (F24): the form, the
"Bitte bestätigen" page, the confirmation link (GET shows a button, POST confirms), the
iCalendar attachment, the waiting list, cancelling by the link and moving up."""

import json
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone
from freezegun import freeze_time
from icalendar import Calendar

from kek.events.models import Registration, RegistrationStatus

from .world import confirm_token, event, links, mails_to, registration

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def form(email="anna@example.org", **values) -> dict:
    return {"name": "Anna Beispiel", "email": email, "organisation": "", "consent": "on",
            **values}  # fmt: skip


def register(client, found, **values):
    return client.post(f"/veranstaltungen/{found.pk}/anmelden/", form(**values), follow=True)


def test_register_confirm_and_get_the_calendar_file(client, nordsachsen):
    forum = event(nordsachsen, capacity=2)
    response = register(client, forum, email="Anna@Example.org", organisation="Verein e. V.")
    html = response.content.decode()
    assert response.redirect_chain == [(f"/veranstaltungen/{forum.pk}/angemeldet/", 302)]
    assert "Bitte bestätigen Sie Ihre Anmeldung" in html
    found = Registration.objects.get(event=forum)
    assert (found.email, found.organisation, found.status) == (
        "anna@example.org", "Verein e. V.", S.PENDING,
    )  # fmt: skip
    (request,) = mail.outbox
    assert request.to == ["anna@example.org"]
    assert request.subject == "Bitte bestätigen Sie Ihre Anmeldung: Testforum"
    assert "Guten Tag Anna Beispiel" in request.body and "gilt 48 Stunden" in request.body
    confirm = links(request)[0]
    assert confirm.endswith("/bestaetigen/")

    page = client.get(confirm).content.decode()
    assert "Anmeldung bestätigen</span></button>" in page
    assert Registration.objects.get().status == S.PENDING  # a GET (a mail scanner) changes nothing

    done = client.post(confirm).content.decode()
    assert "Ihre Anmeldung ist bestätigt" in done
    found.refresh_from_db()
    assert found.status == S.REGISTERED and found.confirmed_at is not None
    confirmed = mail.outbox[1]
    assert confirmed.subject == "Anmeldung bestätigt: Testforum"
    (name, content, kind) = confirmed.attachments[0]
    assert name == f"veranstaltung-{forum.pk}.ics" and kind.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["summary"]) == "Testforum"
    assert links(confirmed)[0].endswith("/abmelden/")
    assert "noch 1 Platz frei" in client.get(f"/veranstaltungen/{forum.pk}/").content.decode()

    again = client.post(confirm).content.decode()  # the link is used up
    assert "Dieser Link gilt nicht mehr" in again
    assert len(mail.outbox) == 2


def test_a_second_registration_of_an_address_looks_the_same_and_adds_nothing(client, nordsachsen):
    forum = event(nordsachsen)
    first = register(client, forum).content.decode()
    second = register(client, forum, email=" ANNA@example.org ", name="Jemand anders")
    assert second.content.decode().count("Bitte bestätigen Sie Ihre Anmeldung") == first.count(
        "Bitte bestätigen Sie Ihre Anmeldung"
    )
    assert Registration.objects.filter(event=forum).count() == 1
    old, new = (links(m)[0] for m in mails_to("anna@example.org"))
    assert old != new  # a fresh link; the old one no longer works
    assert "Dieser Link gilt nicht mehr" in client.post(old).content.decode()
    client.post(new)
    assert Registration.objects.get(event=forum).status == S.REGISTERED
    # registered already: a reminder with a new cancel link, and a stranger's form with the
    # same address changes nothing of the confirmed registration
    register(client, forum, name="Jemand anders", organisation="Fremdfirma")
    assert Registration.objects.filter(event=forum).count() == 1
    kept = Registration.objects.get(event=forum)
    assert (kept.name, kept.organisation) == ("Jemand anders", "")
    reminder = mail.outbox[-1]
    assert reminder.subject == "Ihre Anmeldung: Testforum"
    assert "Sie sind bereits angemeldet" in reminder.body


def test_the_form_refuses_bad_input_in_german_and_stores_nothing(client, nordsachsen):
    forum = event(nordsachsen)
    response = client.post(
        f"/veranstaltungen/{forum.pk}/anmelden/", {"name": "", "email": "kein-at", "consent": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte korrigieren Sie die folgenden 3 Fehler" in html
    assert "Bitte geben Sie Ihren Namen an." in html
    assert "Bitte geben Sie eine gültige E-Mail-Adresse an" in html
    assert "Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein" in html
    assert not Registration.objects.exists() and not mail.outbox


def test_an_expired_confirmation_link_holds_no_place(client, nordsachsen, settings):
    forum = event(nordsachsen, capacity=1)
    register(client, forum)
    confirm = links(mail.outbox[0])[0]
    with freeze_time(timezone.now() + timedelta(hours=49)):
        assert "Dieser Link gilt nicht mehr" in client.post(confirm).content.decode()
    assert Registration.objects.get().status == S.PENDING
    html = client.get(f"/veranstaltungen/{forum.pk}/").content.decode()
    assert "noch 1 Platz frei" in html


def test_full_event_puts_on_the_waiting_list_and_a_cancellation_moves_up(client, nordsachsen):
    forum = event(nordsachsen, capacity=1)
    for address in ("anna@example.org", "ben@example.org", "cem@example.org"):
        register(client, forum, email=address)
        client.post(links(mails_to(address)[-1])[0])
    status = dict(Registration.objects.values_list("email", "status"))
    assert status == {"anna@example.org": S.REGISTERED, "ben@example.org": S.WAITING,
                      "cem@example.org": S.WAITING}  # fmt: skip
    waiting = mails_to("ben@example.org")[-1]
    assert "Sie stehen auf der Warteliste" in waiting.body and not waiting.attachments
    html = client.get(f"/veranstaltungen/{forum.pk}/").content.decode()
    assert "ausgebucht – Anmeldung auf die Warteliste" in html
    assert "Auf die Warteliste setzen" in html

    cancel = links(mails_to("anna@example.org")[-1])[0]
    assert "Abmelden</span></button>" in client.get(cancel).content.decode()
    assert Registration.objects.get(email="anna@example.org").status == S.REGISTERED
    assert "Sie sind abgemeldet" in client.post(cancel).content.decode()
    status = dict(Registration.objects.values_list("email", "status"))
    assert status["anna@example.org"] == S.CANCELLED
    assert status["ben@example.org"] == S.REGISTERED  # first confirmed, first up
    assert status["cem@example.org"] == S.WAITING
    moved = mails_to("ben@example.org")[-1]
    assert moved.subject == "Sie haben einen Platz: Testforum"
    assert moved.attachments[0][0].endswith(".ics")
    assert mails_to("anna@example.org")[-1].subject == "Abmeldung bestätigt: Testforum"
    assert "Dieser Link gilt nicht mehr" in client.post(cancel).content.decode()


def test_no_registration_when_registration_is_closed_or_the_event_cancelled(client, nordsachsen):
    closed = event(nordsachsen, registration_closes=timezone.now() - timedelta(hours=1),
                   registration_opens=timezone.now() - timedelta(days=2))  # fmt: skip
    cancelled = event(nordsachsen, state="abgesagt", reason="Wegen Sturm abgesagt.")
    for found in (closed, cancelled):
        response = client.post(f"/veranstaltungen/{found.pk}/anmelden/", form())
        assert response.status_code == 409
        assert "Ihre Angaben wurden nicht gespeichert" in response.content.decode()
        page = client.get(f"/veranstaltungen/{found.pk}/").content.decode()
        assert 'name="email"' not in page
    assert not Registration.objects.exists() and not mail.outbox


def test_a_link_of_one_registration_does_not_work_on_another(client, nordsachsen):
    forum = event(nordsachsen)
    anna = registration(forum)
    ben = registration(forum, email="ben@example.org")
    # Anna's signature and time on a payload naming Ben's registration (with Anna's nonce)
    value, *signed = confirm_token(anna).split(".")
    payload = json.dumps([ben.pk, anna.nonce], separators=(",", ":")).encode()
    forged = ".".join([signing.b64_encode(payload).decode(), *signed])
    assert forged != confirm_token(anna) and value != forged.split(".")[0]
    response = client.post(f"/veranstaltungen/anmeldung/{forged}/bestaetigen/")
    assert response.status_code == 404
    assert not Registration.objects.exclude(status=S.PENDING).exists()
