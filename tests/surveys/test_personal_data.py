"""The surveys' part of "Meine Daten" and of the account deletion (F25): the export has
exactly the user's answers; erasing keeps the answers, no longer tied to the account."""

import pytest

from kek.accounts.personal_data import entries
from kek.surveys.models import Answer, Response

from .world import FREE_TEXT, respond, survey

pytestmark = pytest.mark.django_db


def part():
    (found,) = [e for e in entries() if e.name == "umfragen"]
    return found


def test_the_export_has_exactly_the_users_answers(nordsachsen, participant, planner):
    found = survey(nordsachsen)
    respond(found, user=participant, single="Bus", multiple=("Radwege", "Ladesäulen"), scale=3)
    respond(found, user=planner, single="Auto", text="Nicht von mir")
    rows = part().export(participant)
    assert [(r["frage"], r["antwort"]) for r in rows] == [
        ("Wie kommen Sie zur Arbeit?", "Bus"),
        ("Was fehlt Ihnen?", "Radwege; Ladesäulen"),
        ("Wie zufrieden sind Sie mit dem Nahverkehr?", 3),
        ("Was möchten Sie uns noch sagen?", FREE_TEXT),
    ]
    assert {r["umfrage"] for r in rows} == {"Umfrage Mobilität"}
    assert "Nicht von mir" not in str(rows)
    assert part().label == "Umfragen"


def test_erasing_keeps_the_answers_without_the_account(nordsachsen, participant, planner):
    found = survey(nordsachsen)
    mine = respond(found, user=participant)
    other = respond(found, user=planner)
    part().erase(participant)
    mine.refresh_from_db()
    assert mine.user is None and Answer.objects.filter(response=mine).count() == 4
    assert Response.objects.get(pk=other.pk).user == planner
    assert part().export(participant) == []
