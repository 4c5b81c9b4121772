"""The list shows the moderation's note instead of the title of a proposal that was reported
enough times or hidden by a moderator; a restored proposal shows its title again."""

import pytest

from kek.participation.moderation import file_report, hide, restore

from ..accounts.factories import UserFactory
from .world import BASE, proposal

pytestmark = pytest.mark.django_db


def test_it_lists_the_note_instead_of_the_title(client, box, author, moderator):
    reported = proposal(box, author, title="Gemeldeter Titel")
    hidden = proposal(box, author, title="Ausgeblendeter Titel")
    shown = proposal(box, author, title="Sichtbarer Titel")
    for i in range(3):
        file_report(reported, UserFactory(username=f"melder{i}"), "spam", "")
    hide(hidden, moderator, "Werbung")
    page = client.get(BASE).content.decode()
    assert "Gemeldeter Titel" not in page and "bis zur Prüfung" in page
    assert "Ausgeblendeter Titel" not in page
    assert "Von der Moderation ausgeblendet: Werbung" in page
    assert shown.title in page
    restore(hidden, moderator)
    assert "Ausgeblendeter Titel" in client.get(BASE).content.decode()
