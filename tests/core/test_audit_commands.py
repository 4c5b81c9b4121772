"""Changes made by a `kek` command name the command and the operating-system user, and the
`--user` account when one is given (kek.core.audit, the dispatcher kek/core/management/commands/
kek.py)."""

import pytest

from kek.core import audit
from kek.core.management.commands.kek import Command as Dispatcher
from kek.swot.models import SwotSuggestion

from ..swot.world import AHEAD, CODE, import_table

LABEL = "Befehl kek swot-suggest (Betriebssystem-Benutzer kekbetrieb)"


@pytest.fixture(autouse=True)
def os_user(monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "kekbetrieb")


@pytest.fixture
def ahead(nordsachsen):
    import_table(AHEAD)
    return nordsachsen


def created_records(region):
    return SwotSuggestion.history.filter(
        region_id=region.pk, indicator__code=CODE, history_type="+"
    )


def test_a_command_without_user_records_the_operating_system_user(ahead, kek):
    kek("swot-suggest", "--district", ahead.ags)
    record = created_records(ahead).get()
    assert (record.history_actor, record.history_user) == (LABEL, None)


def test_the_console_script_path_records_the_same(ahead, monkeypatch):
    # run_from_argv closes every connection when it ends, which would end the test's
    # transaction on PostgreSQL (SQLite's in-memory test database ignores it).
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    Dispatcher().run_from_argv(["kek", "kek", "swot-suggest", "--district", ahead.ags])
    assert created_records(ahead).get().history_actor == LABEL


def test_with_user_the_account_is_named_in_front_of_the_command(ahead, kek, planner):
    kek("swot-suggest", "--district", ahead.ags, "--user", planner.username)
    record = created_records(ahead).get()
    assert record.history_user == planner
    assert record.history_actor == f"planerin über {LABEL}"


def test_the_scope_ends_with_the_command(ahead, kek, planner):
    kek("swot-suggest", "--district", ahead.ags, "--user", planner.username)
    assert audit.current_scope() is None
    suggestion = SwotSuggestion.objects.filter(region=ahead, indicator__code=CODE).get()
    suggestion.reason = "später im selben Prozess"
    suggestion.save()
    record = suggestion.history.first()
    assert record.history_user is None
    assert record.history_actor.startswith("Prozess ")
    assert record.history_actor.endswith("(Betriebssystem-Benutzer kekbetrieb)")


def test_an_unknown_user_is_refused_before_anything_is_written(ahead, kek):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="gibt es nicht"):
        kek("swot-suggest", "--district", ahead.ags, "--user", "niemand")
    assert not created_records(ahead).exists()
