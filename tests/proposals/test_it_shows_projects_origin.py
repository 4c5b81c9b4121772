"""A project taken up from a proposal says so on its page, with a link (project_panels); a
project without one shows nothing of it."""

import pytest

from kek.projects.models import Project
from kek.proposals.models import State

from .world import BASE, proposal

pytestmark = pytest.mark.django_db


def test_only_taken_up_released_proposals_are_named(client, box, author, nordsachsen):
    first, second = Project.objects.filter(region=nordsachsen, live=True).order_by("number")[:2]
    taken = proposal(box, author, title="Aufgegriffen", state=State.TAKEN_UP)
    taken.projects.add(first)
    pending = proposal(box, author, title="Noch in Prüfung", state=State.REVIEW)
    pending.projects.add(second)
    page = client.get(f"/projekte/{first.public_ref}/").content.decode()
    assert "Dieses Projekt geht auf den Bürgervorschlag" in page
    assert f'<a class="kern-link" href="{BASE}{taken.pk}/">„Aufgegriffen“</a>' in page
    other = client.get(f"/projekte/{second.public_ref}/").content.decode()
    assert "Bürgervorschlag" not in other
