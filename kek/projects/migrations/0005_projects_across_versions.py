"""A project becomes one long-lived thing of its district: it gets its district and is listed in
the catalogue of the version it belonged to. Projects that several versions of a district had
as copies (same number) are merged into the newest copy; their milestones, attachments,
indicators and links move there, so nothing is lost."""

import uuid

from django.db import migrations


def forwards(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    HistoricalProject = apps.get_model("projects", "HistoricalProject")
    Concept = apps.get_model("goals", "Concept")
    region_of = dict(Concept.objects.values_list("pk", "region_id"))
    version_of = dict(Concept.objects.values_list("pk", "version"))
    projects = list(Project.objects.all())
    for project in projects:
        project.region_id = region_of[project.concept_id]
    Project.objects.bulk_update(projects, ["region"])
    Project.concepts.through.objects.bulk_create(
        [Project.concepts.through(project_id=p.pk, concept_id=p.concept_id) for p in projects]
    )
    for row in HistoricalProject.objects.filter(region__isnull=True).exclude(concept_id=None):
        HistoricalProject.objects.filter(pk=row.pk).update(region_id=region_of.get(row.concept_id))
    groups: dict = {}
    for p in projects:
        groups.setdefault((p.region_id, p.number), []).append(p)
    for copies in groups.values():
        copies.sort(key=lambda p: version_of[p.concept_id])
        *older, kept = copies
        for old in older:
            _merge(apps, old, kept)
    _unique(Project, "key", lambda p: uuid.uuid4())
    _unique(Project, "slug", lambda p: f"{p.slug}-{p.pk}"[:80])


def _merge(apps, old, kept) -> None:
    for name in ("Milestone", "Attachment", "TargetIndicator"):
        apps.get_model("projects", name).objects.filter(project_id=old.pk).update(
            project_id=kept.pk
        )
    for name in ("concepts", "subgoals", "leads", "municipalities"):
        getattr(kept, name).add(*getattr(old, name).all())
    old.delete()


def _unique(Project, field: str, fresh) -> None:
    seen = set()
    for project in Project.objects.order_by("-pk"):
        value = (project.region_id, getattr(project, field))
        if value in seen:
            setattr(project, field, fresh(project))
            project.save(update_fields=[field])
        seen.add((project.region_id, getattr(project, field)))


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_project_region_and_versions")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
