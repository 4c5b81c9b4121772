"""A milestone links the committee meetings, events and press articles that belong to it:
loaded from the defaults by day and part, shown on the public timeline (public meetings only,
whoever asks), in a fixed number of queries, and chosen in the back office among the
milestone's own district's meetings, events and articles."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kek.committees.models import Body, Meeting
from kek.events.models import Event
from kek.press.models import PressArticle
from kek.process.models import Phase, TimelineEntry
from kek.process.wagtail_hooks import TimelineEntryViewSet
from kek.regions.models import Region

pytestmark = pytest.mark.django_db


def TimelineEntryAdminForm(**kwargs):  # noqa: N802 - the back office's form class, as it builds it
    form_class = TimelineEntryViewSet.edit_handler.bind_to_model(TimelineEntry).get_form_class()
    return form_class(**kwargs)


URL = "/projektverlauf/"


ENTRY = re.compile(
    r'<li class="kek-timeline__entry[^"]*" id="meilenstein-\d+">(.*?)</li>\s*'
    r'(?=<li class="kek-timeline__entry|</ol>)',
    re.S,
)


def entry_html(html: str, title: str) -> str:
    for item in ENTRY.findall(html):
        if title in item:
            return item
    raise AssertionError(f"no milestone {title!r}")


def test_the_defaults_link_the_meetings_of_the_day_and_the_press_parts(nordsachsen):
    adoption = TimelineEntry.objects.get(title="Beschluss des Kreistages")
    assert [timezone.localdate(m.start) for m in adoption.meetings.all()] == [dt.date(2021, 3, 24)]
    assert adoption.meetings.get().organizations.get().name == "Kreistag"
    series = TimelineEntry.objects.get(title="Presseserie zum KEK")
    assert sorted(series.press_articles.values_list("part", flat=True)) == [1, 2, 3]
    forum = TimelineEntry.objects.get(title="Regionales Diskussionsforum in Collm")
    assert [e.title for e in forum.events.all()] == ["Regionales Diskussionsforum in Collm"]
    group = TimelineEntry.objects.get(title="Arbeitsgruppe „Bildung & Qualifikation“")
    assert group.meetings.get().name == "Erste Sitzung der Arbeitsgruppe Bildung & Qualifikation"


def test_the_timeline_links_the_meeting_and_the_press_articles(client, nordsachsen):
    html = client.get(URL).content.decode()
    meeting = Meeting.objects.get(start__date=dt.date(2021, 3, 24))
    adoption = entry_html(html, "Beschluss des Kreistages")
    assert f'href="/sitzungen/{meeting.pk}/">Sitzung des Kreistags</a>' in adoption
    assert '<time datetime="2021-03-24">Mittwoch, 24. März 2021</time>' in adoption
    press = entry_html(html, "Presseserie zum KEK")
    first = PressArticle.objects.get(part=1)
    assert f'href="/presse/#artikel-{first.pk}">Teil 1: „Dem Landkreis geht es gut' in press
    assert "Torgauer Zeitung, 12./13. September 2020" in press
    assert press.index("Teil 1:") < press.index("Teil 2:") < press.index("Teil 3:")
    forum = entry_html(html, "Regionales Diskussionsforum in Torgau")
    event = Event.objects.get(title="Regionales Diskussionsforum in Torgau")
    assert f'href="/veranstaltungen/{event.pk}/">Regionales Diskussionsforum in Torgau</a>' in forum
    assert "10. November 2020, 18:00–20:00 Uhr</time> (abgesagt)" in " ".join(forum.split())
    assert client.get("/presse/").content.decode().count(f'id="artikel-{first.pk}"') == 1


def test_a_non_public_meeting_is_not_shown_even_to_a_planner(client, nordsachsen, planner):
    meeting = Meeting.objects.get(start__date=dt.date(2021, 3, 24))
    meeting.public = False
    meeting.save()
    client.force_login(planner)
    adoption = entry_html(client.get(URL).content.decode(), "Beschluss des Kreistages")
    assert "/sitzungen/" not in adoption and "Sitzung des Kreistags" not in adoption


def test_the_queries_do_not_grow_with_the_linked_meetings_and_articles(client, nordsachsen):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    count()  # the first request fills the site and settings caches
    before = count()
    body = Body.objects.get(region=nordsachsen)
    entries = list(TimelineEntry.objects.filter(phase__region=nordsachsen))
    for n, entry in enumerate(entries):
        extra = Meeting.objects.create(
            body=body, name=f"Sitzung {n}", start=timezone.now() - dt.timedelta(days=n)
        )
        article = PressArticle.objects.create(
            region=nordsachsen, title=f"Artikel {n}", medium="LVZ", period="2020"
        )
        TimelineEntry.meetings.through.objects.create(timelineentry=entry, meeting=extra)
        happening = Event.objects.create(
            region=nordsachsen, kind="workshop", title=f"Workshop {n}", start=extra.start
        )
        TimelineEntry.events.through.objects.create(timelineentry=entry, event=happening)
        TimelineEntry.press_articles.through.objects.create(
            timelineentry=entry, pressarticle=article
        )
    assert count() == before


def test_the_back_office_offers_only_the_district_s_own_meetings_and_articles(nordsachsen):
    other = Region.objects.filter(level=Region.Level.DISTRICT).exclude(pk=nordsachsen.pk).first()
    other_body = Body.objects.create(region=other, name="Landkreis Anderswo")
    foreign = Meeting.objects.create(body=other_body, name="Kreistag anderswo")
    foreign_article = PressArticle.objects.create(
        region=other, title="Anderswo", medium="Blatt", period="2020"
    )
    entry = TimelineEntry.objects.get(title="Beschluss des Kreistages")
    form = TimelineEntryAdminForm(instance=entry)
    meetings = set(form.fields["meetings"].queryset)
    assert foreign not in meetings
    assert meetings == set(Meeting.objects.filter(body__region=nordsachsen, deleted=False))
    assert foreign_article not in set(form.fields["press_articles"].queryset)
    foreign_event = Event.objects.create(
        region=other, kind="workshop", title="Anderswo", start=timezone.now()
    )
    assert foreign_event not in set(form.fields["events"].queryset)
    assert set(form.fields["events"].queryset) == set(Event.objects.filter(region=nordsachsen))
    label = form.fields["meetings"].label_from_instance(entry.meetings.get())
    assert label == "24.03.2021: Sitzung des Kreistags"


def test_the_back_office_refuses_another_district_s_meeting(nordsachsen):
    other = Region.objects.filter(level=Region.Level.DISTRICT).exclude(pk=nordsachsen.pk).first()
    foreign = Meeting.objects.create(
        body=Body.objects.create(region=other, name="Landkreis Anderswo"), name="Fremd"
    )
    entry = TimelineEntry.objects.get(title="Beschluss des Kreistages")
    form = TimelineEntryAdminForm(instance=entry)
    form.fields["meetings"].queryset = Meeting.objects.all()  # a forged choice
    foreign_event = Event.objects.create(
        region=other, kind="workshop", title="Anderswo", start=timezone.now()
    )
    form.cleaned_data = {
        "phase": entry.phase, "meetings": [foreign], "events": [foreign_event],
        "press_articles": [],
    }  # fmt: skip
    form._errors = {}
    form.clean()
    assert form.errors["meetings"] == ["Diese Sitzungen gehören zu einem anderen Landkreis."]
    assert form.errors["events"] == ["Diese Veranstaltungen gehören zu einem anderen Landkreis."]
    assert Phase.objects.filter(pk=entry.phase_id).exists()
