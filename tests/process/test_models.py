"""Milestones keep only the precision they were given, check their dates and reasons, are on
record; and only planners and admins may change the timeline (kek/process/rules.py)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kek.process.models import Phase, TimelineEntry, TimelineLink

pytestmark = pytest.mark.django_db


@pytest.fixture
def phase(nordsachsen):
    return Phase.objects.create(region=nordsachsen, title="Fortschreibung 2035", position=9)


def test_a_month_is_stored_as_its_first_day_and_shown_without_a_day(phase):
    entry = TimelineEntry.objects.create(
        phase=phase, title="Auftakt", date_from=dt.date(2026, 5, 17), from_precision="month"
    )
    entry.refresh_from_db()
    assert entry.date_from == dt.date(2026, 5, 1)
    assert entry.when_text == "Mai 2026"
    assert str(entry) == "Auftakt (Mai 2026)"


def test_a_phase_gets_a_slug_from_its_title_unique_in_its_district(phase, nordsachsen):
    assert phase.slug == "fortschreibung-2035"
    twin = Phase(region=nordsachsen, title="Fortschreibung 2035")
    with pytest.raises(ValidationError) as raised:
        twin.full_clean()
    assert "schon vergeben" in str(raised.value.message_dict["slug"])


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"date_from": dt.date(2020, 5, 1), "date_until": dt.date(2020, 4, 1)},
            "date_until",
            "Das Ende liegt vor dem Beginn.",
        ),
        ({"ongoing": True}, "ongoing", "„Fortlaufend“ braucht einen Beginn und kein Ende."),
        ({"state": "cancelled"}, "reason", "warum der Meilenstein abgesagt ist"),
        ({"state": "postponed", "reason": "  "}, "reason", "warum der Meilenstein verschoben ist"),
    ],
)
def test_impossible_entries_are_refused_in_german(phase, fields, field, message):
    entry = TimelineEntry(phase=phase, title="Forum", **fields)
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


def test_a_cancelled_entry_with_its_reason_is_valid(phase):
    entry = TimelineEntry(phase=phase, title="Forum", state="cancelled", reason="Pandemie")
    entry.full_clean()
    assert entry.get_state_display() == "abgesagt" and entry.symbol == "✕"


def test_a_link_needs_an_address_or_a_document(phase):
    entry = TimelineEntry.objects.create(phase=phase, title="Forum")
    with pytest.raises(ValidationError) as raised:
        TimelineLink(entry=entry, title="Protokoll").full_clean()
    assert "einen Link" in str(raised.value.message_dict["url"])
    with pytest.raises(ValidationError):
        TimelineLink(entry=entry, title="Skript", url="javascript:alert(1)").full_clean()
    TimelineLink(entry=entry, title="Protokoll", url="https://example.org/p.pdf").full_clean()


def test_every_model_is_on_record(phase):
    entry = TimelineEntry.objects.create(phase=phase, title="Forum")
    link = TimelineLink.objects.create(entry=entry, title="Mehr", url="https://example.org/")
    entry.title = "Regionalforum"
    entry.save()
    assert phase.history.count() == 1
    assert [h.title for h in entry.history.order_by("history_date")] == ["Forum", "Regionalforum"]
    assert link.history.count() == 1


PERMISSIONS = [f"process.{verb}_{model}" for verb in ("add", "change", "delete", "view")
               for model in ("phase", "timelineentry", "timelinelink")]  # fmt: skip


@pytest.mark.parametrize("role", ["planner", "admin_user"])
def test_planners_and_admins_may_maintain_the_timeline(request, role, phase):
    user = request.getfixturevalue(role)
    assert all(user.has_perm(p) for p in PERMISSIONS)
    assert user.has_perm("process.change_phase", phase)


def test_participants_and_anonymous_visitors_may_not(participant, phase):
    from django.contrib.auth.models import AnonymousUser

    for user in (participant, AnonymousUser()):
        assert not any(user.has_perm(p) for p in PERMISSIONS)
        assert not user.has_perm("process.change_phase", phase)
