"""Backup → restore into a fresh database → backup again gives the same content (issue 16).

Transactional: the database is really emptied (flushed) between backup and restore, as on a
new installation after `migrate`."""

import pytest
from django.core.management import call_command

from kek.core.restore import read
from kek.goals.models import HistoricalSubGoal, SubGoal
from kek.projects.models import Project
from kek.regions.models import Region
from kek.statistics.models import Observation
from tests.conftest import restore_migration_data

from .backups import back_up, content, enrich, row_counts, rows_without_keys


@pytest.mark.django_db(transaction=True)
def test_backup_restore_backup_gives_the_same_content(nordsachsen, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enrich(nordsachsen)
    before = content(client)
    first = back_up(tmp_path / "first.zip")

    call_command("flush", interactive=False)
    restore_migration_data()
    settings.MEDIA_ROOT = tmp_path / "new-media"
    assert not Region.objects.exists()
    call_command("kek", "restore", str(first))

    assert content(client) == before
    second = back_up(tmp_path / "second.zip")
    assert row_counts(second) == row_counts(first)
    assert rows_without_keys(second) == rows_without_keys(first)
    assert (tmp_path / "new-media" / "documents" / "demografie.pdf").exists()


@pytest.mark.django_db(transaction=True)
def test_history_users_leads_and_deleted_objects_come_back(nordsachsen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    enrich(nordsachsen)
    deleted = HistoricalSubGoal.objects.filter(history_type="-").get()
    records = HistoricalSubGoal.objects.filter(id=deleted.id).count()
    first = back_up(tmp_path / "first.zip")
    assert len(read(first).tables[Observation].rows) == Observation.objects.count()

    call_command("flush", interactive=False)
    restore_migration_data()
    call_command("kek", "restore", str(first))

    project = Project.objects.get(title="Geändert von der Planerin")
    assert [u.username for u in project.leads.all()] == ["projektleiterin"]
    lead = project.leads.get()
    assert (lead.first_name, lead.email, lead.is_active) == ("Petra", "p@example.de", False)
    assert not lead.has_usable_password()
    change = project.history.filter(history_user__username="planerin-a").get()
    assert change.title == "Geändert von der Planerin"
    # The deleted sub-goal's records keep an id of their own that no live object has.
    gone = HistoricalSubGoal.objects.filter(history_type="-").get()
    assert gone.id < 0 and not SubGoal.objects.filter(pk=gone.id).exists()
    assert HistoricalSubGoal.objects.filter(id=gone.id).count() == records
    assert gone.title == deleted.title
