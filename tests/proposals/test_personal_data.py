""" "Meine Daten" exports exactly the user's proposals and supports; deleting the account keeps
both: the proposal shows "gelöschtes Konto", the support stays without its user, so the count
stays exact (F25)."""

import pytest

from kek.accounts import personal_data
from kek.proposals import supports
from kek.proposals.models import Proposal, Support

from .world import BASE, proposal

pytestmark = pytest.mark.django_db


def entry(name):
    return next(e for e in personal_data.entries() if e.name == name)


def test_export_contains_exactly_the_users_data(box, participant, author):
    own = proposal(box, author, title="Meiner")
    proposal(box, participant, title="Fremder")
    other = proposal(box, participant, title="Unterstützt")
    supports.support(other, author)
    supports.support(own, participant)
    rows = entry("vorschlaege").export(author)
    assert [r["titel"] for r in rows] == ["Meiner"]
    assert rows[0]["text"] == own.text and rows[0]["stand"] == "Eingegangen"
    assert [r["vorschlag"] for r in entry("unterstuetzungen").export(author)] == ["Unterstützt"]


def test_erase_keeps_contributions_anonymised(client, box, participant, author):
    own = proposal(box, author)
    other = proposal(box, participant, title="Andere")
    supports.support(other, author)
    for name in ("vorschlaege", "unterstuetzungen"):
        entry(name).erase(author)
    assert Proposal.objects.get(pk=own.pk).author is None
    assert Support.objects.get(proposal=other).user is None
    assert Proposal.objects.get(pk=other.pk).supports_count == 1
    assert "gelöschtes Konto" in client.get(f"{BASE}{own.pk}/").content.decode()


def test_two_erased_supports_of_one_proposal_both_stay(box, participant, author):
    found = proposal(box, None)
    supports.support(found, participant)
    supports.support(found, author)
    entry("unterstuetzungen").erase(participant)
    entry("unterstuetzungen").erase(author)
    assert Support.objects.filter(proposal=found, user=None).count() == 2
    assert Proposal.objects.get(pk=found.pk).supports_count == 2
