"""100 accounts supporting one proposal at the same time give exactly 100 supports (F22): the
unique constraint decides each account's support, the counter rises with an F() update in the
same transaction. Threads with their own connections against a committed PostgreSQL test
database (transactional_db); SQLite serialises its writers anyway, so the test is skipped."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from kek.proposals import supports
from kek.proposals.models import Proposal, ProposalBox, Support

from ..accounts.factories import UserFactory
from ..regions.factories import RegionFactory

PEOPLE = 100


def _support(proposal_pk: int, user_pk: int, again: bool) -> bool:
    try:
        proposal = Proposal.objects.get(pk=proposal_pk)
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(pk=user_pk)
        done = supports.support(proposal, user)
        if again:  # the same account a second time, right after
            supports.support(proposal, user)
        return done
    finally:
        connections["default"].close()


@pytest.mark.django_db(transaction=True)
def test_100_parallel_supports_count_exactly_100():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")
    region = RegionFactory(level="district", name="Landkreis Andrang")
    box = ProposalBox.objects.create(district=region, title="Vorschläge")
    proposal = Proposal.objects.create(
        box=box, district=region, title="Beliebt", text="Alle wollen das.",
        field_key="00000000-0000-0000-0000-000000000001",
    )  # fmt: skip
    users = [UserFactory(username=f"fan{i}").pk for i in range(PEOPLE)]
    with ThreadPoolExecutor(max_workers=25) as pool:
        results = list(
            pool.map(lambda i: _support(proposal.pk, users[i], i % 10 == 0), range(PEOPLE))
        )
    assert results == [True] * PEOPLE
    assert Proposal.objects.get(pk=proposal.pk).supports_count == PEOPLE
    assert Support.objects.filter(proposal=proposal).count() == PEOPLE
