"""100 parallel confirmations for an event with 50 places end with exactly 50 registered and
50 on the waiting list (F24): places are counted under a lock on the event's row
(`select_for_update` on PostgreSQL; SQLite's IMMEDIATE transactions serialise the writers).

Threads, each with its own database connection, against a committed database: on PostgreSQL
the test database (transactional_db), on SQLite a file copy of it (`VACUUM INTO`; the test
database lives in memory, where SQLite's shared cache does not wait for a lock)."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from kek.events import registrations
from kek.events.models import Registration

from ..regions.factories import RegionFactory
from .world import confirm_token, event, registration

PEOPLE = 100
PLACES = 50


def _use(path: str | None) -> None:
    """This thread's connection, to the file copy on SQLite."""
    if path is not None:
        own = connections["default"]
        own.close()
        own.settings_dict = {**own.settings_dict, "NAME": path}


def _confirm(path: str | None, token: str) -> str:
    _use(path)
    try:
        outcome = registrations.confirm(token, "http://testserver/")
        return outcome.registration.status if outcome.registration else "?"
    finally:
        connections["default"].close()


@pytest.mark.django_db(transaction=True)
def test_100_parallel_confirmations_give_away_exactly_50_places(tmp_path):
    region = RegionFactory(level="district", name="Landkreis Andrang")
    forum = event(region, capacity=PLACES)
    tokens = [confirm_token(registration(forum, email=f"p{i}@example.org")) for i in range(PEOPLE)]
    path = None
    if connection.vendor == "sqlite":
        path = str(tmp_path / "race.sqlite3")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [path])
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda t: _confirm(path, t), tokens))
    assert sorted(set(results)) == ["angemeldet", "warteliste"]
    if path is None:
        counts = registrations.counts(forum)
        waiting = Registration.objects.filter(event=forum, status="warteliste")
        first_waiting = min(waiting.values_list("confirmed_at", flat=True))
        last_registered = max(
            Registration.objects.filter(event=forum, status="angemeldet").values_list(
                "confirmed_at", flat=True
            )
        )
        assert last_registered <= first_waiting  # the order is the confirmation time
    else:
        with sqlite3.connect(path) as db:
            rows = db.execute(
                "SELECT status, COUNT(*) FROM events_registration WHERE event_id = ? "
                "GROUP BY status",
                [forum.pk],
            ).fetchall()
        found = dict(rows)
        counts = {"registered": found.get("angemeldet", 0), "waiting": found.get("warteliste", 0)}
    assert counts == {"registered": PLACES, "waiting": PEOPLE - PLACES}
    assert results.count("angemeldet") == PLACES
