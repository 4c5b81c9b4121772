# Each Resolution row becomes the agenda item of its committee's meeting on its day (found or
# created); the projects, their change records and their Wagtail revisions point at it.

from django.db import migrations

from kek.committees.historical import record

OUTCOMES = {
    "adopted": "beschlossen",
    "amended": "mit Änderungen beschlossen",
    "rejected": "abgelehnt",
    "deferred": "vertagt",
}


def resolutions_to_agenda_items(apps, schema_editor):
    Resolution = apps.get_model("projects", "Resolution")
    Project = apps.get_model("projects", "Project")
    HistoricalProject = apps.get_model("projects", "HistoricalProject")
    Concept = apps.get_model("goals", "Concept")
    taken = set(Concept.objects.exclude(adoption=None).values_list("adoption_id", flat=True))
    items = {}
    for resolution in Resolution.objects.order_by("pk"):
        item = record(
            apps, resolution.region_id, resolution.body.strip() or "Kreistag", resolution.date,
            resolution.title.strip(), OUTCOMES.get(resolution.outcome, "beschlossen"),
            reference=resolution.number.strip(), taken=taken,
        )  # fmt: skip
        items[resolution.pk] = item.pk
    for old, new in items.items():
        Project.objects.filter(resolution=old).update(resolution_item=new)
        HistoricalProject.objects.filter(resolution=old).update(resolution_item=new)
    _revisions(apps, items)


def _revisions(apps, items: dict[int, int]) -> None:
    """A revision (a draft, or an old published state) keeps the resolution's id in its
    content; it now names the agenda item (none for a resolution that was gone already)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    kind = ContentType.objects.filter(app_label="projects", model="project").first()
    if kind is None:
        return
    for revision in Revision.objects.filter(base_content_type=kind).iterator():
        content = revision.content or {}
        if content.get("resolution") is None:
            continue
        content["resolution"] = items.get(int(content["resolution"]))
        Revision.objects.filter(pk=revision.pk).update(content=content)


def agenda_items_to_resolutions(apps, schema_editor):
    """Backwards: a Resolution per linked agenda item (day, committee, name, result)."""
    from django.utils import timezone

    Resolution = apps.get_model("projects", "Resolution")
    Project = apps.get_model("projects", "Project")
    outcome_of = {text: key for key, text in OUTCOMES.items()}
    made = {}
    for project in Project.objects.exclude(resolution_item=None).select_related(
        "resolution_item__meeting"
    ):
        item = project.resolution_item
        if item.pk not in made:
            committee = item.meeting.organizations.first()
            made[item.pk] = Resolution.objects.create(
                region_id=project.region_id,
                body=(committee.name if committee else item.meeting.name)[:120],
                date=timezone.localtime(item.meeting.start).date(),
                title=item.name[:300],
                outcome=outcome_of.get(item.result, "adopted"),
            )
        Project.objects.filter(pk=project.pk).update(resolution=made[item.pk])


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0011_resolution_is_an_agenda_item"),
        ("goals", "0006_adoptions_to_agenda_items"),  # what the versions took is not matched
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(resolutions_to_agenda_items, agenda_items_to_resolutions),
    ]
