"""The public committee pages through HTTP: content of the shipped Nordsachsen defaults and of
a small world, and query counts that do not grow with the number of rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kek.committees.models import (
    AgendaItem,
    Consultation,
    File,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def kreistag(date: str) -> Meeting:
    return Meeting.objects.get(name="Sitzung des Kreistags", start__date=date)


def test_the_committees_page_lists_the_districts_committees(client, nordsachsen):
    html = text(client.get("/gremien/"))
    assert '<h1 class="kern-heading-x-large">Gremien</h1>' in html
    for name in ("Kreistag", "Steuerungsgruppe", "Arbeitsgruppe Wirtschaft &amp; Innovation",
                 "Arbeitsgruppe Bildung &amp; Qualifikation",
                 "Arbeitsgruppe Lebenswerter Landkreis", "Bürgermeisterrunde"):  # fmt: skip
        assert name in html
    assert "drei- bis viermal im Jahr" in html
    assert "die genauen Termine sind nicht bekannt" in html
    assert "seit 3. Juni 2019" in html
    assert "Mitglieder sind nicht eingetragen." in html  # no invented people


def test_members_with_roles_current_ones_first(client, world):
    person = Person.objects.create(body=world.body, given_name="Max", family_name="Alt")
    Membership.objects.create(
        person=person, organization=world.committee, role="Mitglied",
        end_date=timezone.localdate() - timedelta(days=400),
    )  # fmt: skip
    html = text(client.get(f"/gremien/{world.committee.pk}/"))
    assert "Erika Muster" in html and "Vorsitz" in html and "stimmberechtigt" in html
    assert "Max Alt (ehemals)" in html
    assert html.index("Erika Muster") < html.index("Max Alt")
    assert "Kommende Sitzungen" in html and "Sitzung des Ausschusses" in html


def test_a_dissolved_committee_comes_after_the_current_ones(client, world):
    Organization.objects.filter(pk=world.committee.pk).update(
        end_date=timezone.localdate() - timedelta(days=1)
    )
    html = text(client.get("/gremien/"))
    assert "(aufgelöst)" in html
    assert html.index("Jugendhilfeausschuss") < html.index("Ausschuss für Kreisentwicklung")


def test_the_calendar_shows_past_meetings_of_the_defaults_with_their_day_only(client, nordsachsen):
    html = text(client.get("/sitzungen/"))
    past = html[html.index('id="vergangene"') :]
    for day in ("24. März 2021", "30. Juni 2021", "3. Juni 2019", "5. Juni 2019",
                "6. Juni 2019"):  # fmt: skip
        assert day in past
    assert "Uhr" not in past  # no times are known
    assert past.index("30. Juni 2021") < past.index("24. März 2021") < past.index("6. Juni 2019")
    assert "Sitzungskalender (iCalendar)" in html


def test_the_adoption_meeting_shows_its_resolution(client, nordsachsen):
    meeting = kreistag("2021-03-24")
    html = text(client.get(f"/sitzungen/{meeting.pk}/"))
    assert "Kreisentwicklungskonzept Nordsachsen 2030" in html
    assert "<strong>Ergebnis:</strong> unverändert beschlossen" in html
    assert "TOP" not in html.split('id="tagesordnung"')[1].split("</section>")[0]  # no number
    assert "Mittwoch, 24. März 2021" in html
    assert "Ort</dt>" in html and "nicht angegeben" in html
    catalogue = kreistag("2021-06-30")
    html = text(client.get(f"/sitzungen/{catalogue.pk}/"))
    assert "Projektkatalog zum Kreisentwicklungskonzept Nordsachsen 2030" in html
    # committees.yaml does not know it; the catalogue's resolution (catalogue.yaml) says so
    assert "<strong>Ergebnis:</strong> beschlossen" in html


def test_a_cancelled_meeting_is_marked_everywhere(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(cancelled=True)
    html = text(client.get(f"/sitzungen/{world.meeting.pk}/"))
    assert "Diese Sitzung ist abgesagt." in html, html[html.index("<main") :][:1500]
    assert "(abgesagt) –" in html
    listing = text(client.get("/sitzungen/"))
    assert "<del>Sitzung des Ausschusses</del>" in listing
    assert ">abgesagt</span>" in listing


def test_the_meeting_page_shows_agenda_files_place_and_papers(client, world):
    html = text(client.get(f"/sitzungen/{world.meeting.pk}/"))
    assert "TOP 1: Eröffnung" in html and "zur Kenntnis genommen" in html
    assert "Landratsamt, Großer Saal, Torgau" in html
    assert f'href="/dateien/{world.public_file.pk}/"' in html and "Einladung: " in html
    assert f'href="/vorlagen/{world.paper.pk}/"' in html and "2026/001 Radwegekonzept" in html
    assert f'href="/sitzungen/{world.meeting.pk}/ical/"' in html


def test_the_paper_page_lists_its_consultations_and_files(client, world):
    Paper.objects.filter(pk=world.paper.pk).update(main_file=world.public_file)
    html = text(client.get(f"/vorlagen/{world.paper.pk}/"))
    assert "Radwegekonzept" in html and "Beschlussvorlage 2026/001" in html
    assert "Sitzung des Ausschusses" in html and "TOP 1" in html
    assert "Entscheidung (beschließend)" in html and "zur Kenntnis genommen" in html
    assert "Ausschuss für Kreisentwicklung" in html  # the meeting's committee
    assert "Vorlage: " in html and "Einladung zur Sitzung" in html
    assert "<caption" in html


def test_a_consultation_in_a_non_public_item_stays_hidden(client, world):
    Consultation.objects.create(paper=world.paper, agenda_item=world.secret_item)
    html = text(client.get(f"/vorlagen/{world.paper.pk}/"))
    assert "TOP 2" not in html
    assert "TOP 1" in html


def grow(world, n: int) -> None:
    """n more meetings (each with committees, items, files, a consultation), members, papers."""
    start = timezone.now()
    for i in range(n):
        organization = Organization.objects.create(body=world.body, name=f"Ausschuss {i}")
        person = Person.objects.create(body=world.body, family_name=f"Person {i}")
        Membership.objects.create(person=person, organization=organization, role="Mitglied")
        meeting = Meeting.objects.create(
            body=world.body, name=f"Sitzung {i}", start=start + timedelta(days=i - n // 2),
            location=world.location,
        )  # fmt: skip
        meeting.organizations.set([organization, world.committee])
        meeting.save()
        file = File.objects.create(body=world.body, name=f"Datei {i}")
        item = AgendaItem.objects.create(meeting=world.meeting, name=f"Punkt {i}", order=10 + i,
                                         resolution_file=file)  # fmt: skip
        item.auxiliary_files.set([file])
        item.save()
        paper = Paper.objects.create(body=world.body, name=f"Vorlage {i}")
        Consultation.objects.create(paper=paper, agenda_item=item)
        Consultation.objects.create(paper=world.paper, meeting=meeting).organizations.set(
            [organization]
        )
        world.paper.auxiliary_files.add(file)


@pytest.mark.parametrize("page", ["list", "committee", "calendar", "meeting", "paper"])
def test_query_counts_do_not_grow_with_the_rows(client, world, planner, page):
    client.force_login(planner)
    url = {
        "list": "/gremien/",
        "committee": f"/gremien/{world.committee.pk}/",
        "calendar": "/sitzungen/",
        "meeting": f"/sitzungen/{world.meeting.pk}/",
        "paper": f"/vorlagen/{world.paper.pk}/",
    }[page]
    grow(world, 2)
    queries(client, url)  # warms the site and session lookups up
    few = queries(client, url)
    grow(world, 8)
    many = queries(client, url)
    assert many == few, (few, many)
