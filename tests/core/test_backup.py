"""`kek backup` and `kek restore` (kek.core.backup, kek.core.restore): the file, its checks,
restoring as another district, replacing, atomicity, and that nothing of a district's content
is left out of the backup parts."""

import hashlib
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from kek.cms.models import DistrictHomePage
from kek.core.backup import FORMAT_VERSION, history_models, shared_keys
from kek.core.registry import BackupPart, backup_parts
from kek.goals import concept_db
from kek.goals.models import Concept, StrategicGoal
from kek.projects import catalogue_db
from kek.projects.models import Project, TargetIndicator
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup, Observation
from kek.swot.models import SwotItem

from .backups import back_up, enrich, manifest

LEIPZIG = "14729"

# Models that point at a district's content but are not part of its backup, and why.
NOT_IN_BACKUP = {
    "wagtailcore.PageLogEntry": "Wagtail's action log; the content history is simple_history's",
    "wagtailcore.ModelLogEntry": "Wagtail's action log, as above",
    "wagtailcore.GroupPagePermission": "granted anew to the planners by the restore",
    "wagtailcore.GroupSitePermission": "installation configuration",
    "wagtailredirects.Redirect": "installation configuration",
    "wagtailcore.PageViewRestriction": "not used: every page of the platform is public",
    "wagtailcore.WorkflowPage": "not used: pages have no workflow",
    "wagtailcore.TaskState": "not used: pages have no workflow",
    "wagtailcore.Comment": "not used: page comments are switched off",
    "wagtailcore.PageSubscription": "not used: page comments are switched off",
    "wagtailforms.FormSubmission": "not used: the platform has no form pages",
    "events.Registration": "personal data, emptied shortly after the event (README, "
    "Veranstaltungen); a district backup is portable and kept longer",
    "documents.Build": "derived from the content: a restored district's documents are built "
    "again from it (kek build-documents); frozen files are not carried over yet",
    "documents.BuildFile": "as documents.Build",
    "documents.PendingRefresh": "a queued refresh of this installation's worker",
}


def counts() -> dict[str, int]:
    return {
        label: apps.get_model(label).objects.count()
        for label in (
            "goals.Concept",
            "projects.Project",
            "swot.SwotItem",
            "statistics.Observation",
            "wagtailcore.Page",
            "regions.Region",
        )
    }


@pytest.fixture
def backup_file(nordsachsen, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    enrich(nordsachsen)
    return back_up(tmp_path / "nordsachsen.zip")


def rewrite(path: Path, target: Path, change) -> Path:
    """A copy of the backup with `change(members)` applied to its {name: bytes}."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def restore_fails(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as failed:
        call_command("kek", "restore", *args, str(path))
    return str(failed.value)


# --------------------------------------------------------------------------------- the file


def test_the_file_has_a_manifest_with_checksums_and_row_counts(backup_file):
    found = manifest(backup_file)
    assert found["format"] == "kek-backup" and found["format_version"] == FORMAT_VERSION
    assert found["district"] == {"ags": "14730", "name": "Nordsachsen"}
    members = {m["name"]: m for m in found["members"]}
    with zipfile.ZipFile(backup_file) as archive:
        assert set(archive.namelist()) == {"manifest.json", *members}
        for name, member in members.items():
            assert hashlib.sha256(archive.read(name)).hexdigest() == member["sha256"]
    concepts = members["data/goals.Concept.jsonl"]
    assert (concepts["kind"], concepts["rows"]) == ("district", 1)
    assert members["data/statistics.Observation.jsonl"]["rows"] == Observation.objects.count()
    assert members["data/regions.Region.jsonl"]["key"] == ["ags"]
    assert members["media/documents/demografie.pdf"]["kind"] == "file"
    assert members["data/goals.HistoricalSubGoal.jsonl"]["kind"] == "history"
    assert "password" not in json.dumps(json.loads(_member(backup_file, "auth.User")[0]))


def _member(path: Path, model: str) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"data/{model}.jsonl").decode().splitlines()


def test_backup_refuses_an_unknown_district_and_a_wrong_file_name(nordsachsen, tmp_path):
    with pytest.raises(CommandError, match="Einen Landkreis mit dem Schlüssel 99999"):
        call_command("kek", "backup", "--district", "99999", str(tmp_path / "x.zip"))
    with pytest.raises(CommandError, match="Endung .zip"):
        call_command("kek", "backup", "--district", "14730", str(tmp_path / "x.json"))


# --------------------------------------------------------------------------------- refusals


def test_a_changed_byte_is_refused_and_nothing_is_written(backup_file, tmp_path):
    def change(members):
        name = "data/goals.Concept.jsonl"
        members[name] = members[name].replace(b"KEK Nordsachsen 2030", b"KEK Nordsachsen 2031")

    damaged = rewrite(backup_file, tmp_path / "damaged.zip", change)
    before = counts()
    message = restore_fails(damaged, "--district", LEIPZIG)
    assert "Prüfsumme (SHA-256) von data/goals.Concept.jsonl stimmt nicht" in message
    assert "nichts geändert" in message
    assert counts() == before


def test_a_flipped_byte_in_the_zip_is_refused(backup_file, tmp_path):
    data = bytearray(backup_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(data))
    before = counts()
    assert "nichts geändert" in restore_fails(flipped, "--district", LEIPZIG)
    assert counts() == before


def test_a_missing_member_bad_json_and_no_zip_are_refused(backup_file, tmp_path):
    missing = rewrite(backup_file, tmp_path / "m.zip", lambda m: m.pop("data/swot.SwotItem.jsonl"))
    assert "Teil data/swot.SwotItem.jsonl fehlt" in restore_fails(missing)

    def bad_json(members):
        name = "data/goals.Concept.jsonl"
        members[name] = members[name].removesuffix(b"]\n") + b"\n"  # last row cut
        found = json.loads(members["manifest.json"])
        entry = next(m for m in found["members"] if m["name"] == name)
        entry |= {"sha256": hashlib.sha256(members[name]).hexdigest(), "bytes": len(members[name])}
        members["manifest.json"] = json.dumps(found).encode()

    broken = rewrite(backup_file, tmp_path / "j.zip", bad_json)
    assert "data/goals.Concept.jsonl, Zeile 2: kein gültiges JSON" in restore_fails(broken)

    text = tmp_path / "text.zip"
    text.write_text("keine Sicherung")
    assert "keine lesbare ZIP-Datei" in restore_fails(text)


def test_a_newer_format_is_refused_with_a_clear_message(backup_file, tmp_path):
    def newer(members):
        found = json.loads(members["manifest.json"])
        found |= {"format_version": FORMAT_VERSION + 1, "kek_version": "9.0"}
        members["manifest.json"] = json.dumps(found).encode()

    message = restore_fails(rewrite(backup_file, tmp_path / "new.zip", newer))
    assert f"Format {FORMAT_VERSION + 1} (KEK 9.0)" in message
    assert "Bitte zuerst KEK aktualisieren" in message


def test_a_district_with_content_is_refused_unless_replace(backup_file, client):
    message = restore_fails(backup_file)
    assert "Nordsachsen (14730) hat schon Inhalte" in message
    assert "--replace" in message

    before = concept_db.export_district(Region.objects.get(ags="14730"))
    pages = Page.objects.count()
    call_command("kek", "restore", "--replace", str(backup_file))
    assert concept_db.export_district(Region.objects.get(ags="14730")) == before
    assert Concept.objects.count() == 1 and Page.objects.count() == pages
    assert client.get("/swot/").status_code == 200


# --------------------------------------------------------------------------------- another district


def test_restore_as_another_district_keeps_both(backup_file, client, capsys):
    nordsachsen = Region.objects.get(ags="14730")
    concept = Concept.objects.get(region=nordsachsen)
    before = concept_db.export_district(nordsachsen), catalogue_db.export_catalogue(concept)
    observations = Observation.objects.count()

    call_command("kek", "restore", "--district", LEIPZIG, str(backup_file))

    said = capsys.readouterr().out
    assert "Wiederhergestellt: Leipzig (14729) aus der Sicherung von Nordsachsen (14730)" in said
    assert "Die Website localhost:80 gibt es schon" in said
    leipzig = Region.objects.get(ags=LEIPZIG)
    copy = Concept.objects.get(region=leipzig)
    assert (
        concept_db.export_district(nordsachsen),
        catalogue_db.export_catalogue(concept),
    ) == before
    assert concept_db.export_district(leipzig).versions == before[0].versions
    expected = replace(
        before[1],
        district_ags=LEIPZIG,
        district_name="Leipzig",
        indicators=[
            replace(i, series_region=LEIPZIG if i.series_region == "14730" else i.series_region)
            for i in before[1].indicators
        ],
    )
    assert catalogue_db.export_catalogue(copy) == expected
    assert Observation.objects.count() == observations  # shared, not copied
    assert (
        SwotItem.objects.filter(concept=copy).count()
        == SwotItem.objects.filter(concept=concept).count()
    )
    assert set(ComparisonGroup.objects.filter(district=leipzig).values_list("slug", flat=True))
    home = DistrictHomePage.objects.get(region=leipzig)
    assert home.slug == "kek-nordsachsen-2" and home.get_parent().depth == 1
    original = DistrictHomePage.objects.get(region=nordsachsen)
    slugs = sorted(original.get_children().values_list("slug", flat=True))
    assert sorted(home.get_children().values_list("slug", flat=True)) == slugs
    assert home.get_descendants().count() == original.get_descendants().count()
    assert not Site.objects.filter(root_page=home).exists()  # localhost is Nordsachsen's
    assert client.get("/swot/").status_code == 200  # Nordsachsen's site still works


def test_the_restored_copy_links_its_own_goals_and_documents(backup_file):
    call_command("kek", "restore", "--district", LEIPZIG, str(backup_file))
    leipzig = Region.objects.get(ags=LEIPZIG)
    copy = Concept.objects.get(region=leipzig)
    for project in Project.objects.filter(concepts=copy):
        assert {s.concept_id for s in project.subgoals.all()} <= {copy.pk}
    for item in SwotItem.objects.filter(concept=copy):
        assert {g.concept_id for g in item.goals.all()} <= {copy.pk}
    owners = TargetIndicator.objects.filter(goal__concept=copy)
    assert all(i.goal.concept_id == copy.pk for i in owners)
    home = DistrictHomePage.objects.get(region=leipzig)
    document = Project.objects.filter(concepts=copy).first().attachments.get().document
    assert f'id="{document.pk}"' in home.intro
    assert document.file.read().startswith(b"%PDF")
    assert home.latest_revision.object_id == str(home.pk)
    assert home.latest_revision.as_object().intro == home.intro


def test_restore_as_a_region_that_is_no_district_is_refused(backup_file):
    assert "ist kein Landkreis" in restore_fails(backup_file, "--district", "14")
    assert "gibt es nicht" in restore_fails(backup_file, "--district", "99999")


def test_a_failed_restore_writes_nothing_and_removes_its_files(backup_file, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "other-media"

    def fail(restoring):
        raise RuntimeError("Abbruch mitten in der Wiederherstellung")

    before = counts()
    backup_parts._entries["failing"] = BackupPart("failing", 99, lambda region: [], finish=fail)
    try:
        with pytest.raises(RuntimeError):
            call_command("kek", "restore", "--district", LEIPZIG, str(backup_file))
    finally:
        del backup_parts._entries["failing"]
    assert counts() == before
    assert not StrategicGoal.objects.filter(concept__region__ags=LEIPZIG).exists()
    assert not [p for p in (tmp_path / "other-media").rglob("*") if p.is_file()]


# --------------------------------------------------------------------------------- coverage


def test_every_model_pointing_at_district_content_is_in_the_backup(nordsachsen):
    """A new model that refers to a district's content must join a backup part (or be named
    here with its reason), or the backup would silently lose it."""
    keys = shared_keys()
    district = {
        queryset.model
        for part in backup_parts
        for queryset in part.rows(nordsachsen)
        if queryset.model not in keys
    }
    district |= {m for m in apps.get_models() if m._meta.label in {"wagtaildocs.Document"}}
    district |= {
        f.related_model
        for m in district
        for f in m._meta.concrete_fields
        if f.is_relation and f.related_model not in keys
    }
    through = {f.remote_field.through for m in district for f in m._meta.many_to_many}
    history = set(history_models())
    left_out = []
    for model in apps.get_models(include_auto_created=True):
        if model in district | through | history | set(keys):
            continue
        targets = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
        if targets & district and model._meta.label not in NOT_IN_BACKUP:
            left_out.append(model._meta.label)
    assert left_out == []
