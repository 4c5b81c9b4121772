"""Comparison groups and topics are on record (issue 16), a group's members included."""

import pytest
from django.urls import reverse

from kek.core.changes import entries
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup

pytestmark = pytest.mark.django_db


def test_changing_the_members_of_a_group_is_recorded_with_old_and_new(client, planner):
    districts = Region.objects.filter(level=Region.Level.DISTRICT).order_by("ags")
    group = ComparisonGroup.objects.create(district=districts[0], name="Nachbarn", slug="nb")
    group.members.set(districts[1:3])
    group = ComparisonGroup.objects.get(pk=group.pk)
    old = list(group.members.order_by("name"))
    added = districts[3]
    client.force_login(planner)
    url = reverse("wagtailsnippets_statistics_comparisongroup:edit", args=[group.pk])
    data = {
        "district": group.district_id, "name": group.name, "slug": group.slug,
        "position": group.position, "rule": group.rule, "state": "",
        "members": [r.pk for r in old] + [added.pk],
    }  # fmt: skip
    assert client.post(url, data).status_code == 302
    record = group.history.first()
    assert record.history_user == planner
    label, before, after = entries(group)[0].changes[0]
    assert label == "Gebietseinheiten"
    assert before == ", ".join(sorted(str(r) for r in old))
    assert after == ", ".join(sorted(str(r) for r in [*old, added]))
