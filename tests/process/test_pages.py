"""The public timeline "Der Weg zum KEK" and the start page's "Projektverlauf" section through
HTTP, with the shipped default content of Nordsachsen."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kek.process.models import Phase, TimelineEntry, TimelineLink

pytestmark = pytest.mark.django_db

URL = "/projektverlauf/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def entries_html(html: str) -> list[str]:
    return re.findall(r'<li class="kek-timeline__entry[^"]*" id="meilenstein-\d+">(.*?)</li>',
                      html, re.S)  # fmt: skip


def test_the_timeline_lists_phases_and_milestones_in_order_with_german_dates(client, nordsachsen):
    html = text(client.get(URL))
    assert "<h1" in html and "Der Weg zum KEK" in html
    headings = re.findall(r'<h2 class="kern-heading-large" id="phase-[^"]+">([^<]+)</h2>', html)
    assert headings == ["Vorbereitung", "Analyse und Beteiligung", "Entwurf",
                        "Öffentlichkeitsbeteiligung", "Endbericht und Beschluss"]  # fmt: skip
    forum = "Regionales Diskussionsforum in"
    dates = [
        *(
            f'<time datetime="{iso}">{day}</time>: {title}'
            for iso, day, title in [
                ("2017", "2017", "Demografiestudie des Leibniz-Instituts für Länderkunde"),
                ("2018", "Ende 2018", "Beginn der Arbeit"),
            ]
        ),
        'ab <time datetime="2019-02">Februar 2019</time>: Fachgespräche',
        *(
            f'<time datetime="{iso}">{day}</time>: {title}'
            for iso, day, title in [
                ("2019-06-03", "3. Juni 2019", "Arbeitsgruppe „Wirtschaft &amp; Innovation“"),
                ("2019-06-05", "5. Juni 2019", "Arbeitsgruppe „Bildung &amp; Qualifikation“"),
                ("2019-06-06", "6. Juni 2019", "Arbeitsgruppe „Lebenswerter Landkreis“"),
                ("2019-07-02", "2. Juli 2019", "Workshop „Infrastruktur &amp; Mobilität“"),
                ("2019-07-03", "3. Juli 2019", "Workshop „Flächen – Natur – Umwelt“"),
                ("2019-07-04", "4. Juli 2019", "Workshop „Tourismus“"),
            ]
        ),
        "Zeitpunkt nicht bekannt: Steuerungsgruppe",
        'bis <time datetime="2020">Anfang 2020</time>: Konzeptentwurf intern geschärft',
        '<time datetime="2020">2020</time>: Gespräche mit den Bürgermeistern',
        '<time datetime="2020-09">September</time>–<time datetime="2020-10">Oktober 2020</time>'
        ": Presseserie",
        *(
            f'<time datetime="{iso}">{day}</time>: {title}'
            for iso, day, title in [
                ("2020-11-02", "2. November 2020", f"{forum} Eilenburg"),
                ("2020-11-07", "7. November 2020", f"{forum} Collm"),
                ("2020-11-10", "10. November 2020", f"{forum} Torgau"),
                ("2020-12-03", "3. Dezember 2020", "Endbericht fertiggestellt"),
                ("2021-03-24", "24. März 2021", "Beschluss des Kreistages"),
                ("2021-06-30", "30. Juni 2021", "Projektkatalog dem Kreistag vorgelegt"),
            ]
        ),
    ]
    dated = html.replace("</span>: ", ": ")  # the date's own span ends before the title
    found = [dated.find(d) for d in dates]
    assert -1 not in found, [d for d, at in zip(dates, found, strict=True) if at == -1]
    assert found == sorted(found)
    assert len(entries_html(html)) == len(dates) == TimelineEntry.objects.count()
    assert "Torgauer Zeitung, der LVZ und der" in html
    assert "3 bis 4" not in html and "drei- bis viermal" in html


def test_every_entry_states_its_state_in_words(client, nordsachsen):
    items = entries_html(text(client.get(URL)))
    states = [re.search(r"Stand: (\w+)", item).group(1) for item in items]
    assert states.count("abgesagt") == 3 and states.count("erledigt") == len(items) - 3
    assert all('<span aria-hidden="true">' in item for item in items)


def test_the_cancelled_forums_are_marked_with_their_reason(client, nordsachsen):
    items = entries_html(text(client.get(URL)))
    cancelled = [item for item in items if "Stand: abgesagt" in item]
    assert [re.search(r"Diskussionsforum in (\w+)", i).group(1) for i in cancelled] == [
        "Eilenburg", "Collm", "Torgau"]  # fmt: skip
    for item in cancelled:
        assert "kern-badge--danger" in item
        assert "<strong>Abgesagt:</strong> Wegen der Pandemie abgesagt." in item
        assert "Die Angemeldeten erhielten die Unterlagen und konnten" in item


def test_the_adoption_links_the_version_it_led_to(client, concept):
    html = text(client.get(URL))
    adoption = next(i for i in entries_html(html) if "Beschluss des Kreistages" in i)
    assert f'href="/versionen/{concept.version}/"' in adoption
    assert f"Version {concept.version}" in adoption


def test_the_filter_shows_one_phase_and_keeps_the_choice(client, nordsachsen):
    html = text(client.get(URL, {"phase": "oeffentlichkeitsbeteiligung"}))
    assert re.findall(r'<h2 class="kern-heading-large" id="phase-[^"]+">([^<]+)</h2>', html) == [
        "Öffentlichkeitsbeteiligung"]  # fmt: skip
    assert len(entries_html(html)) == 4
    assert '<option value="oeffentlichkeitsbeteiligung" selected>' in html
    assert "4 Meilensteine in der Phase „Öffentlichkeitsbeteiligung“" in html
    assert "Demografiestudie" not in html
    assert '<form class="kek-filter-form" method="get" action="/projektverlauf/"' in html


def test_an_unknown_phase_is_not_found(client, nordsachsen):
    assert client.get(URL, {"phase": "gibt-es-nicht"}).status_code == 404


def test_links_and_documents_of_a_milestone_are_listed(client, nordsachsen):
    entry = TimelineEntry.objects.get(title="Endbericht fertiggestellt")
    TimelineLink.objects.create(entry=entry, title="Ergebnisse", url="https://example.org/kek")
    item = next(i for i in entries_html(text(client.get(URL))) if "Endbericht fertig" in i)
    assert '<a class="kern-link" href="https://example.org/kek">Ergebnisse</a>' in item


def test_query_count_does_not_grow_with_entries(client, concept):
    client.get(URL)
    before = queries(client, URL)
    phase = Phase.objects.create(region=concept.region, title="Fortschreibung", position=9)
    for n in range(5):
        entry = TimelineEntry.objects.create(
            phase=phase, title=f"Mehr {n}", state="planned", concept=concept, sort_order=n
        )
        TimelineLink.objects.create(entry=entry, title=f"Link {n}", url="https://example.org/")
    assert queries(client, URL) == before
    html = text(client.get(URL))
    assert "Mehr 4" in html and "Stand: geplant" in html


def test_without_a_timeline_the_page_says_so(client, nordsachsen):
    Phase.objects.filter(region=nordsachsen).delete()
    assert "noch kein Projektverlauf eingetragen" in text(client.get(URL))


def start_section(html: str) -> str:
    match = re.search(r'<section[^>]*aria-labelledby="projektverlauf".*?</section>', html, re.S)
    assert match, "no Projektverlauf section"
    return match.group(0)


def test_the_start_page_shows_the_key_milestones_and_links_the_timeline(client, nordsachsen):
    section = start_section(text(client.get("/")))
    keys = list(TimelineEntry.objects.filter(is_key=True).order_by("phase__position", "sort_order"))
    assert 0 < len(keys) < TimelineEntry.objects.count()
    titles = [unescape(t) for t in re.findall(r"</strong>: ([^<]+?) <span", section)]
    assert titles == [e.title for e in keys]
    assert "Workshop „Tourismus“" not in section  # not a key milestone
    assert '<time datetime="2021-03-24">24. März 2021</time></strong>: Beschluss' in section
    assert section.count("Stand: abgesagt") == 3
    assert 'href="/projektverlauf/"' in section
    assert "derzeit aufgebaut" not in section


def test_the_start_page_queries_do_not_grow_with_key_milestones(client, nordsachsen):
    client.get("/")
    before = queries(client, "/")
    phase = Phase.objects.filter(region=nordsachsen).first()
    for n in range(4):
        TimelineEntry.objects.create(phase=phase, title=f"Wichtig {n}", is_key=True, sort_order=50)
    assert queries(client, "/") == before
    assert "Wichtig 3" in start_section(text(client.get("/")))


def test_the_navigation_has_the_timeline_in_the_concept_group(client, nordsachsen):
    html = text(client.get("/"))
    konzept = re.search(r'<ul[^>]*id="kek-nav-konzept".*?</ul>', html, re.S).group(0)
    assert re.search(r'href="/projektverlauf/"[^>]*>Projektverlauf</a>', konzept)
