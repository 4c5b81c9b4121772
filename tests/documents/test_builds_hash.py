"""Builds are idempotent by their input hash: unchanged inputs never rebuild, a changed goal
title rebuilds that version's documents once, running a build twice does nothing more."""

import pytest

from kek.documents import builds
from kek.documents.models import Build, BuildFile
from kek.goals.models import StrategicGoal

from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


def test_unchanged_inputs_never_rebuild(nordsachsen, concept_in_draft):
    (first,) = build_all(nordsachsen)
    assert first.state == Build.State.DONE, first.error
    assert first.input_hash == builds.input_hash("probe", concept_in_draft)
    assert not first.frozen and first.data_date == "Datenstand: 31.12.2024"

    assert builds.refresh(nordsachsen, enqueue=False) == []
    assert builds.refresh(nordsachsen, enqueue=False) == []
    assert Build.objects.count() == 1


def test_a_goal_title_change_rebuilds_once(nordsachsen, concept_in_draft):
    (first,) = build_all(nordsachsen)
    goal = StrategicGoal.objects.filter(concept=concept_in_draft).first()
    goal.title = "Ein neuer Titel für die Prüfung"
    goal.save()

    (second,) = builds.refresh(nordsachsen, enqueue=False)
    assert second.state == Build.State.QUEUED and second.input_hash != first.input_hash
    assert builds.refresh(nordsachsen, enqueue=False) == []  # the queued one has the hash
    done = builds.run_build(second.pk)
    assert done.state == Build.State.DONE
    assert builds.refresh(nordsachsen, enqueue=False) == []
    # The older build and its files went once the new one was done.
    assert list(Build.objects.values_list("pk", flat=True)) == [second.pk]
    assert {f.format for f in done.files.all()} == {"pdf", "xlsx"}


def test_running_a_build_twice_does_nothing_the_second_time(nordsachsen, concept_in_draft):
    (queued,) = builds.refresh(nordsachsen, enqueue=False)
    done = builds.run_build(queued.pk)
    files = list(BuildFile.objects.values_list("pk", "sha256"))
    again = builds.run_build(queued.pk)
    assert (again.state, again.finished_at) == (Build.State.DONE, done.finished_at)
    assert list(BuildFile.objects.values_list("pk", "sha256")) == files


def test_each_file_is_stored_with_its_checksum_and_name(nordsachsen, concept_in_draft):
    import hashlib

    (done,) = build_all(nordsachsen)
    for stored in done.files.all():
        data = stored.file.read()
        assert stored.sha256 == hashlib.sha256(data).hexdigest() and stored.size == len(data)
        day = done.started_at.astimezone().date().isoformat()
        assert stored.name == f"KEK-Probe-Fassung-{concept_in_draft.version}-{day}.{stored.format}"
