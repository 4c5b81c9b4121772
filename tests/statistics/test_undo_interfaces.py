""" "Import rückgängig machen" through its real interfaces: the back-office page (GET shows what
would happen or what stands in the way, POST does it) and `kek undo-import`."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kek.statistics.importer import import_bytes, import_file
from kek.statistics.models import ImportBatch, Observation

from .test_undo_import import POPULATION, changed_population, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


@pytest.fixture
def batch(regions, fixture_file) -> ImportBatch:
    return import_file(fixture_file(POPULATION))


def page(client, batch: ImportBatch):
    return client.get(reverse("kek_statistics_import_undo", args=[batch.pk]))


def test_the_page_says_what_undoing_does_and_post_does_it(client, planner, batch):
    client.force_login(planner)
    status = client.get(reverse("kek_statistics_import_status", args=[batch.pk]))
    assert "Import rückgängig machen …" in status.content.decode()
    text = page(client, batch).content.decode()
    assert f"{batch.rows_added} neu importierte Werte werden entfernt." in text
    assert "Import rückgängig machen</button>" in text

    response = client.post(reverse("kek_statistics_import_undo", args=[batch.pk]), follow=True)

    assert "Import rückgängig gemacht:" in response.content.decode()
    assert not Observation.objects.exists()
    batch.refresh_from_db()
    assert (batch.status, batch.undone_by) == (ImportBatch.Status.UNDONE, planner)
    assert batch.history.first().history_user == planner


def test_a_blocked_undo_shows_why_and_a_post_changes_nothing(client, planner, batch, fixture_file):
    correction = import_bytes(changed_population(fixture_file), POPULATION)
    client.force_login(planner)
    text = page(client, batch).content.decode()
    assert "lässt sich jetzt nicht rückgängig machen" in text
    assert f"Der spätere Import „{correction}“ hat Werte dieses Imports geändert" in text
    assert "Import rückgängig machen</button>" not in text
    before = snapshot()

    response = client.post(reverse("kek_statistics_import_undo", args=[batch.pk]), follow=True)

    assert "Nicht rückgängig gemacht" in response.content.decode()
    assert snapshot() == before


def test_the_command_previews_and_undoes(batch, planner, kek, capsys):
    before = snapshot()
    kek("undo-import", str(batch.pk), "--dry-run")
    assert "Vorschau, nichts geändert" in capsys.readouterr().out
    assert snapshot() == before

    kek("undo-import", str(batch.pk), "--user", planner.username)
    assert "rückgängig gemacht" in capsys.readouterr().out
    assert ImportBatch.objects.get(pk=batch.pk).undone_by == planner
    with pytest.raises(CommandError, match="Nur abgeschlossene Importe"):
        kek("undo-import", str(batch.pk))


def test_the_command_names_a_missing_batch(db):
    with pytest.raises(CommandError, match="Einen Importvorgang 999999 gibt es nicht"):
        call_command("kek", "undo-import", "999999")
