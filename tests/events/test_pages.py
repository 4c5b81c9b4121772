"""The public pages of the events through HTTP (F24): the list, an event's page, the
iCalendar file, the start page's next events, the navigation and the privacy page's note;
with the default content (the forums of November 2020) and events made for a test. The
queries of a page do not grow with the number of events."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from kek.events.models import Event

from .world import event, place, registration

pytestmark = pytest.mark.django_db
REASON = (
    "Wegen der Pandemie abgesagt. Die Angemeldeten erhielten die Unterlagen und konnten "
    "Rückmeldungen geben."
)


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_shows_the_cancelled_forums_of_2020_with_their_reason(client, nordsachsen):
    html = text(client.get("/veranstaltungen/"))
    assert '<h1 class="kern-heading-x-large">Veranstaltungen</h1>' in html
    assert "Zurzeit sind keine Veranstaltungen angekündigt." in html
    past = html[html.index('id="vergangene"') :]
    torgau, collm, eilenburg = (
        past.index(f"<del>Regionales Diskussionsforum in {town}</del>")
        for town in ("Torgau", "Collm", "Eilenburg")
    )
    assert torgau < collm < eilenburg  # newest first
    assert past.count(">abgesagt</span>") == 3
    assert past.count(f"Abgesagt: {REASON}") == 3
    assert (
        '<time datetime="2020-11-02T18:00:00+01:00">Montag, 2. November 2020, 18:00–20:00 '
        "Uhr</time>" in past
    )
    assert "Café Wach mit Kirche, Collm bei Oschatz" in past
    assert "Haus der Presse, Torgau" in past and "Bürgerhaus, Eilenburg" in past


def test_an_event_page_has_time_place_text_places_and_the_form(client, nordsachsen):
    found = event(nordsachsen, title="Workshop Mobilität", capacity=12,
                  text="Wir sprechen über Busse & Bahnen.\nBitte <b>mitbringen</b>: Ideen.",
                  location=place(nordsachsen, "Kulturhaus", "Oschatz"))  # fmt: skip
    registration(found, status="angemeldet")
    registration(found, email="offen@example.org")  # unconfirmed: holds no place
    html = text(client.get(f"/veranstaltungen/{found.pk}/"))
    start = timezone.localtime(found.start)
    assert f'<time datetime="{start.isoformat()}">' in html
    assert "Kulturhaus, Oschatz" in html
    assert "Wir sprechen über Busse &amp; Bahnen.<br>Bitte &lt;b&gt;mitbringen&lt;/b&gt;" in html
    assert "noch 11 Plätze frei" in html
    assert f'href="/veranstaltungen/{found.pk}/ical/" download' in html
    assert f'action="/veranstaltungen/{found.pk}/anmelden/"' in html
    assert 'name="consent"' in html and 'href="/datenschutz/">Datenschutzerklärung</a>' in html
    assert "Anmelden</span></button>" in html


def test_a_full_event_says_so_and_offers_the_waiting_list(client, nordsachsen):
    found = event(nordsachsen, capacity=1)
    registration(found, status="angemeldet")
    html = text(client.get(f"/veranstaltungen/{found.pk}/"))
    assert "ausgebucht – Anmeldung auf die Warteliste" in html
    assert "Auf die Warteliste setzen" in html


def test_a_cancelled_forum_page_names_the_reason_and_takes_no_registration(client, nordsachsen):
    found = Event.objects.get(title="Regionales Diskussionsforum in Torgau")
    html = text(client.get(f"/veranstaltungen/{found.pk}/"))
    assert "Diese Veranstaltung ist abgesagt." in html and REASON in html
    assert "Haus der Presse, Torgau" in html
    assert 'name="email"' not in html
    assert "eine Anmeldung ist nicht mehr möglich" in html


def test_the_icalendar_file_of_an_event(client, nordsachsen):
    found = Event.objects.get(title="Regionales Diskussionsforum in Collm")
    response = client.get(f"/veranstaltungen/{found.pk}/ical/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="veranstaltung-{found.pk}.ics"' in response["Content-Disposition"]
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["summary"]) == "Abgesagt: Regionales Diskussionsforum in Collm"
    assert str(vevent["status"]) == "CANCELLED"
    assert vevent.decoded("dtstart") == found.start
    assert vevent.decoded("dtend") == found.end
    assert str(vevent["location"]) == "Café Wach mit Kirche, Collm bei Oschatz"
    assert REASON in str(vevent["description"])
    assert str(vevent["url"]).endswith(f"/veranstaltungen/{found.pk}/")


def test_an_unknown_event_is_not_found(client, nordsachsen):
    assert client.get("/veranstaltungen/999999/").status_code == 404
    assert client.get("/veranstaltungen/999999/ical/").status_code == 404


def test_start_page_and_navigation(client, nordsachsen):
    html = text(client.get("/"))
    group = html[html.index(">Beteiligung<") :]
    assert 'href="/veranstaltungen/"' in group[:2000]
    section = html[html.index('id="beteiligung"') :]
    section = section[: section.index('id="swot"')]
    assert "Nächste Veranstaltungen" in section
    assert "Zurzeit sind keine Veranstaltungen angekündigt." in section
    soon = event(nordsachsen, title="Regionalforum Delitzsch", days=3)
    later = event(nordsachsen, title="AG Bildung", days=9)
    section = text(client.get("/"))
    section = section[section.index('id="beteiligung"') :]
    assert section.index(soon.title) < section.index(later.title)
    assert f'href="/veranstaltungen/{soon.pk}/"' in section


def test_the_privacy_page_says_what_is_stored_and_when_it_is_deleted(client, nordsachsen, settings):
    settings.KEK_REGISTRATION_RETENTION_DAYS = 30
    html = text(client.get("/datenschutz/"))
    assert "Beim Lesen dieser Website werden keine Cookies" in html  # the district's text first
    note = html[html.index("Anmeldung zu Veranstaltungen") :]
    assert "Namen, Ihre E-Mail-Adresse" in note
    assert (
        "30 Tage nach der Veranstaltung löschen wir Name, E-Mail-Adresse und Organisation" in note
    )
    assert "Anmeldung zu Veranstaltungen" not in text(client.get("/impressum/"))


@pytest.mark.parametrize("url", ["/veranstaltungen/", "/"])
def test_queries_do_not_grow_with_the_number_of_events(client, nordsachsen, url):
    def add(n: int) -> None:
        for i in range(n):
            found = event(nordsachsen, title=f"Forum {i}", days=2 + i,
                          location=place(nordsachsen, f"Saal {i}", "Torgau"))  # fmt: skip
            registration(found, email=f"p{i}@example.org", status="angemeldet")

    add(2)
    client.get(url)  # warm caches (site root paths)
    few = queries(client, url)
    add(8)
    assert queries(client, url) == few


def test_event_page_queries_do_not_grow_with_registrations(client, nordsachsen):
    found = event(nordsachsen, capacity=100)
    url = f"/veranstaltungen/{found.pk}/"
    client.get(url)
    few = queries(client, url)
    for i in range(10):
        registration(found, email=f"p{i}@example.org", status="angemeldet")
    assert queries(client, url) == few
    assert "noch 90 Plätze frei" in text(client.get(url))


def test_past_events_take_no_registration(client, nordsachsen):
    found = event(nordsachsen, start=timezone.now() - timedelta(days=2))
    html = text(client.get(f"/veranstaltungen/{found.pk}/"))
    assert "Die Anmeldung ist geschlossen." in html and 'name="email"' not in html
