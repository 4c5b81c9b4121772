"""The back office of the events (F24): the list with counts, an event's registrations, their
CSV export (formula-safe), "Veranstaltung absagen" with message and files to every registrant,
more places moving the waiting list up, and the edit form that leaves cancelling to the
action that tells the registrants."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kek.events.models import Event, Notice, Registration, RegistrationStatus

from .world import event, registration

pytestmark = pytest.mark.django_db
S = RegistrationStatus


@pytest.fixture
def forum(nordsachsen):
    found = event(nordsachsen, title="Forum Wirtschaft", capacity=2)
    registration(found, email="anna@example.org", name="=HYPERLINK(1)", status=S.REGISTERED)
    registration(found, email="ben@example.org", name="Ben", status=S.REGISTERED,
                 organisation="+Verein")  # fmt: skip
    registration(found, email="cem@example.org", name="Cem", status=S.WAITING)
    registration(found, email="dora@example.org", name="Dora")  # unconfirmed
    registration(found, email="emil@example.org", name="Emil", status=S.CANCELLED)
    return found


def test_the_list_counts_registered_and_waiting(client, planner, forum):
    client.force_login(planner)
    html = client.get(reverse("wagtailsnippets_events_event:list")).content.decode()
    row = html[html.index("Forum Wirtschaft") :]
    row = row[: row.index("</tr>")]
    cells = [re.sub(r"^[^>]*>", "", c.split("</td>")[0]).strip() for c in row.split("<td")[1:]]
    assert cells[1:4] == ["geplant", "2", "1"]  # state, registered, waiting
    assert reverse("kek_event_registrations", args=[forum.pk]) in html
    assert reverse("kek_cancel_event", args=[forum.pk]) in html


def test_the_registrations_page_and_csv(client, planner, forum):
    client.force_login(planner)
    html = client.get(reverse("kek_event_registrations", args=[forum.pk])).content.decode()
    assert "Angemeldet: <strong>2</strong> von 2 Plätzen (0 frei)" in html
    assert "Warteliste: <strong>1</strong>" in html
    assert html.index("ben@example.org") < html.index("cem@example.org") < html.index("dora@")
    response = client.get(reverse("kek_event_registrations_csv", args=[forum.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "E-Mail-Adresse", "Organisation", "Stand"]
    assert rows[1][:4] == ["'=HYPERLINK(1)", "anna@example.org", "", "angemeldet"]
    assert rows[2][2] == "'+Verein"
    assert [r[3] for r in rows[1:]] == ["angemeldet", "angemeldet", "auf der Warteliste",
                                        "unbestätigt", "abgemeldet"]  # fmt: skip


def test_cancelling_marks_the_event_and_mails_every_registrant_with_the_files(
    client, planner, forum
):
    client.force_login(planner)
    url = reverse("kek_cancel_event", args=[forum.pk])
    assert "an 3 Angemeldete" in client.get(url).content.decode()
    papers = SimpleUploadedFile("unterlagen.pdf", b"%PDF-1.4 Unterlagen", "application/pdf")
    response = client.post(url, {
        "reason": "Wegen der Pandemie abgesagt.",
        "message": "Anbei die Unterlagen. Wir freuen uns über Ihre Rückmeldung.",
        "attachments": [papers],
    })  # fmt: skip
    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.state == "abgesagt" and forum.reason == "Wegen der Pandemie abgesagt."
    notice = Notice.objects.get(event=forum)
    assert notice.recipients == 3 and notice.created_by == planner
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org", "ben@example.org", "cem@example.org",
    ]  # fmt: skip
    message = mail.outbox[0]
    assert message.subject == "Abgesagt: Forum Wirtschaft"
    assert "Wir freuen uns über Ihre Rückmeldung." in message.body
    assert message.attachments == [("unterlagen.pdf", b"%PDF-1.4 Unterlagen", "application/pdf")]
    page = client.get(f"/veranstaltungen/{forum.pk}/").content.decode()
    assert "Diese Veranstaltung ist abgesagt." in page and "Wegen der Pandemie abgesagt." in page
    again = client.post(url, {"reason": "noch einmal"})
    assert again.status_code == 302 and Notice.objects.filter(event=forum).count() == 1


def test_cancelling_needs_a_reason(client, planner, forum):
    client.force_login(planner)
    response = client.post(reverse("kek_cancel_event", args=[forum.pk]), {"reason": " "})
    assert response.status_code == 200
    assert "Bitte geben Sie den Grund der Absage an." in response.content.decode()
    assert Event.objects.get(pk=forum.pk).state == "geplant" and not mail.outbox


def edit_form(found: Event, **values) -> dict:
    data = {"region": found.region_id, "kind": found.kind, "title": found.title,
            "start": found.start.strftime("%Y-%m-%d %H:%M"),
            "end": found.end.strftime("%Y-%m-%d %H:%M"), "location": "", "text": "",
            "registration": "on", "capacity": found.capacity, "registration_opens": "",
            "registration_closes": "", "state": found.state, "reason": ""}  # fmt: skip
    return {**data, **values}


def test_more_places_move_the_waiting_list_up(client, planner, forum):
    client.force_login(planner)
    response = client.post(
        reverse("wagtailsnippets_events_event:edit", args=[forum.pk]), edit_form(forum, capacity=5)
    )
    assert response.status_code == 302
    assert Registration.objects.get(email="cem@example.org").status == S.REGISTERED
    (moved,) = mail.outbox
    assert moved.to == ["cem@example.org"] and moved.subject.startswith("Sie haben einen Platz")


def test_the_edit_form_leaves_cancelling_to_the_action(client, planner, forum):
    client.force_login(planner)
    response = client.post(
        reverse("wagtailsnippets_events_event:edit", args=[forum.pk]),
        edit_form(forum, state="abgesagt", reason="Sturm"),
    )
    assert response.status_code == 200
    assert "bitte über „Veranstaltung absagen …“" in response.content.decode()
    assert Event.objects.get(pk=forum.pk).state == "geplant"
