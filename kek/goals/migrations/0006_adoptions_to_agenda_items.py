# Each adopted version's date, body and number become the link to an agenda item (0005 added
# the field, 0007 removes the old ones).

from django.db import migrations
from django.utils import timezone

from kek.committees.historical import record


def adoptions_to_agenda_items(apps, schema_editor):
    """Each adopted version's date and body become an agenda item of a meeting of that
    committee on that day (found or created); its number becomes a paper's reference. The
    version's change records of the same adoption point at the same item."""
    Concept = apps.get_model("goals", "Concept")
    HistoricalConcept = apps.get_model("goals", "HistoricalConcept")
    items, taken = {}, set()
    for concept in Concept.objects.exclude(adopted_on=None).exclude(adopted_by="").order_by("pk"):
        key = (concept.region_id, concept.adopted_on, concept.adopted_by.strip())
        item = record(
            apps, concept.region_id, concept.adopted_by.strip(), concept.adopted_on,
            f"{concept.title}, Version {concept.version}", reference=concept.resolution_number.strip(), taken=taken,
        )  # fmt: skip
        items[key] = item
        Concept.objects.filter(pk=concept.pk).update(adoption=item)
    for row in HistoricalConcept.objects.exclude(adopted_on=None).exclude(adopted_by=""):
        item = items.get((row.region_id, row.adopted_on, row.adopted_by.strip()))
        if item is not None:
            HistoricalConcept.objects.filter(pk=row.pk).update(adoption=item)


def agenda_items_to_adoptions(apps, schema_editor):
    """Backwards: the adoption's day, committee and paper reference back into the fields."""
    Concept = apps.get_model("goals", "Concept")
    for concept in Concept.objects.exclude(adoption=None).select_related("adoption__meeting"):
        item = concept.adoption
        committee = item.meeting.organizations.first()
        paper = item.consultations.exclude(paper__reference="").first()
        Concept.objects.filter(pk=concept.pk).update(
            adopted_on=timezone.localtime(item.meeting.start).date() if item.meeting.start else None,
            adopted_by=(committee.name if committee else item.meeting.name)[:120],
            resolution_number=(paper.paper.reference if paper else "")[:60],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0002_agenda_item_key_per_body"),
        ("goals", "0005_adoption_is_an_agenda_item"),
    ]

    operations = [
        migrations.RunPython(adoptions_to_agenda_items, agenda_items_to_adoptions),
    ]
