"""The timeline in the back office: a planner's lists and forms open, with the milestones
inline on a phase's form and the links on a milestone's form."""

import pytest
from django.urls import reverse

from kek.process.models import Phase, TimelineEntry

pytestmark = pytest.mark.django_db


def page(client, name: str, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, (name, response.status_code)
    return response.content.decode()


def test_a_planner_opens_lists_and_forms(client, planner, nordsachsen):
    client.force_login(planner)
    phase = Phase.objects.get(region=nordsachsen, slug="oeffentlichkeitsbeteiligung")
    entry = TimelineEntry.objects.get(title="Regionales Diskussionsforum in Torgau")
    listing = page(client, "wagtailsnippets_process_phase:list")
    assert "Öffentlichkeitsbeteiligung" in listing and "Vorbereitung" in listing
    form = page(client, "wagtailsnippets_process_phase:edit", phase.pk)
    assert "Regionales Diskussionsforum in Torgau" in form  # milestones inline
    assert 'name="entries-0-from_precision"' in form and "Genauigkeit (Beginn)" in form
    assert 'name="entries-TOTAL_FORMS" value="4"' in form
    assert "Fortlaufend ab Beginn" in page(client, "wagtailsnippets_process_phase:add")
    entries = page(client, "wagtailsnippets_process_timelineentry:list")
    assert "10. November 2020" in entries and "abgesagt" in entries
    form = page(client, "wagtailsnippets_process_timelineentry:edit", entry.pk)
    assert 'name="links-TOTAL_FORMS"' in form and "Wegen der Pandemie abgesagt." in form
    assert 'name="links-TOTAL_FORMS"' in page(client, "wagtailsnippets_process_timelineentry:add")
    history = page(client, "wagtailsnippets_process_phase:history", phase.pk)
    assert "Öffentlichkeitsbeteiligung" in history
