"""The migrations that made adoptions and resolutions agenda items (goals 0005–0007, projects
0011–0013) carry the old data over: an adopted version's date, body and number, a
Resolution's body, date, title, outcome and number become agenda items (one meeting per
committee and day, the Beschlussnummer a paper's reference); the projects, their change
records and their Wagtail revisions (drafts made before) point at them; and backwards the
fields come back.

Run in a database of its own (a SQLite file, in a subprocess) migrated to the state before."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

SCRIPT = r"""
import datetime as dt, json
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [("goals", "0004_publication_review"), ("projects", "0010_project_drafts"),
       ("committees", "0002_agenda_item_key_per_body")]

def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps

apps = migrate(OLD)
Region = apps.get_model("regions", "Region")
region = Region.objects.create(ags="99901", name="Prüfkreis", level="district")
Concept = apps.get_model("goals", "Concept")
concept = Concept.objects.create(
    region=region, version=1, title="KEK", status="adopted", is_current=True,
    adopted_on=dt.date(2021, 3, 24), adopted_by="Kreistag", resolution_number="KT/2021/5")
apps.get_model("goals", "HistoricalConcept").objects.create(
    id=concept.id, region_id=region.id, version=1, title="KEK", status="adopted",
    is_current=True, horizon_year=2030, adopted_on=dt.date(2021, 3, 24), adopted_by="Kreistag",
    resolution_number="KT/2021/5", version_note="", created_at=concept.created_at,
    history_date=concept.created_at, history_type="~", history_actor="")
Concept.objects.create(region=region, version=2, title="KEK", status="draft")
Resolution = apps.get_model("projects", "Resolution")
catalogue = Resolution.objects.create(region=region, body="Kreistag", date=dt.date(2021, 6, 30),
                                      title="Katalog", outcome="amended", number="KT/2021/9")
rejected = Resolution.objects.create(region=region, body="Kreistag", date=dt.date(2021, 3, 24),
                                     title="Projekt X", outcome="rejected")
Project = apps.get_model("projects", "Project")
one = Project.objects.create(region=region, number="P1", slug="eins", title="Eins",
                             resolution=catalogue, status="idea", weight=1)
two = Project.objects.create(region=region, number="P2", slug="zwei", title="Zwei",
                             resolution=rejected, status="idea", weight=1)
HistoricalProject = apps.get_model("projects", "HistoricalProject")
for project in (one, two):
    names = {f.attname for f in HistoricalProject._meta.concrete_fields}
    values = {f.attname: getattr(project, f.attname) for f in Project._meta.concrete_fields
              if f.attname in names}
    HistoricalProject.objects.create(**values, history_date=concept.created_at,
                                     history_type="+", history_actor="")
kind, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
    app_label="projects", model="project")
Revision = apps.get_model("wagtailcore", "Revision")
for project, old in ((one, catalogue.pk), (two, 999)):
    Revision.objects.create(
        content_type=kind, base_content_type=kind, object_id=str(project.pk),
        content={"pk": project.pk, "resolution": old, "title": project.title + " (Entwurf)"},
        object_str=project.title, created_at=concept.created_at)

# Everything else too: the real models below are today's (other apps' later migrations).
migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
from django.utils import timezone
from wagtail.models import Revision as RealRevision
from kek.committees.models import Meeting
from kek.goals.models import Concept as C
from kek.projects.models import Project as P

found = {"versions": [], "projects": {}, "drafts": {}}
for c in C.objects.filter(region__ags="99901").order_by("version"):
    found["versions"].append([c.version, c.adoption.name if c.adoption else None,
                              str(c.adopted_on), c.adopted_by, c.resolution_number])
found["history"] = [r.adoption_id == C.objects.get(region__ags="99901", version=1).adoption_id
                    for r in C.history.filter(region__ags="99901")]
for p in P.objects.filter(region__ags="99901"):
    item = p.resolution
    found["projects"][p.number] = [item.name, item.result, str(timezone.localtime(
        item.meeting.start).date()), [o.name for o in item.meeting.organizations.all()],
        p.history.first().resolution_id == item.pk]
for r in RealRevision.objects.filter(base_content_type__model="project"):
    draft = r.as_object()
    named = draft.resolution.name if draft.resolution_id else None
    found["drafts"][P.objects.get(pk=r.object_id).number] = [draft.title, named]
found["meetings"] = sorted(str(timezone.localtime(m.start).date())
                           for m in Meeting.objects.filter(body__region__ags="99901"))
apps = migrate(OLD[:2])
mine = {"region__ags": "99901"}
found["back"] = [
    [c.version, str(c.adopted_on), c.adopted_by, c.resolution_number]
    for c in apps.get_model("goals", "Concept").objects.filter(**mine).order_by("version")
] + [[p.number, p.resolution.title, p.resolution.outcome]
     for p in apps.get_model("projects", "Project").objects.filter(**mine).order_by("number")]
print("RESULT" + json.dumps(found))
"""


# The subprocess migrates a SQLite file of its own whatever database the suite uses: on the
# PostgreSQL run it would repeat the SQLite run's 80 seconds exactly.
@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run covers it")
def test_the_migrations_carry_adoptions_and_resolutions_over(tmp_path: Path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'migration.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "kek.settings"}  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=settings.BASE_DIR, env=env, capture_output=True,
        text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads(run.stdout.split("RESULT", 1)[1])
    assert found["versions"] == [
        [1, "KEK, Version 1", "2021-03-24", "Kreistag", "KT/2021/5"],
        [2, None, "None", "", ""],
    ]
    assert found["history"] == [True]  # the old change record points at the same item
    assert found["projects"] == {
        "P1": ["Katalog", "mit Änderungen beschlossen", "2021-06-30", ["Kreistag"], True],
        # the same day as the adoption: the same meeting, an item of its own
        "P2": ["Projekt X", "abgelehnt", "2021-03-24", ["Kreistag"], True],
    }
    # a draft made before: its resolution is the agenda item; one that was gone stays empty
    assert found["drafts"] == {"P1": ["Eins (Entwurf)", "Katalog"], "P2": ["Zwei (Entwurf)", None]}
    assert found["meetings"] == ["2021-03-24", "2021-06-30"]
    assert found["back"] == [
        [1, "2021-03-24", "Kreistag", "KT/2021/5"],
        [2, "None", "", ""],
        ["P1", "Katalog", "amended"],
        ["P2", "Projekt X", "rejected"],
    ]
