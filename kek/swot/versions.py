"""A Fortschreibung starts with a copy of its predecessor's SWOT, which it may then revise.

The copies are written in bulk, each with its "angelegt" record (kek.core.history): items
with their goal links, and their evidence.
"""

from django.dispatch import receiver
from simple_history.utils import bulk_create_with_history

from kek.core import history
from kek.goals.versions import version_created

from .models import DocumentEvidence, ExpertTalk, IndicatorEvidence, SwotItem

ITEM_FIELDS = ["key", "kind", "topic_id", "title", "explanation", "position", "is_example"]
EVIDENCE: dict[type[IndicatorEvidence] | type[DocumentEvidence] | type[ExpertTalk], list[str]] = {
    IndicatorEvidence: [
        "sort_order", "indicator_id", "comparison_region_id", "comparison_group_id",
        "period", "disaggregation", "note",
    ],
    DocumentEvidence: ["sort_order", "title", "year", "author", "url", "document_id"],
    ExpertTalk: ["sort_order", "date", "when_text", "bodies", "note"],
}  # fmt: skip


@receiver(version_created, dispatch_uid="swot-copy-items")
def copy_items(sender, concept, copy, user=None, goals_by_key=None, **kwargs) -> None:
    items = list(SwotItem.objects.filter(concept=concept).prefetch_related("goals"))
    new_items = bulk_create_with_history(
        [SwotItem(concept=copy, **{f: getattr(i, f) for f in ITEM_FIELDS}) for i in items],
        SwotItem,
        default_user=user,
        default_change_reason=f"Kopie aus Version {concept.version}",
    )
    new_by_old = {old.pk: new for old, new in zip(items, new_items, strict=True)}
    goals_by_key = goals_by_key or {}
    links = [
        SwotItem.goals.through(swotitem_id=new_by_old[item.pk].pk, strategicgoal_id=new.pk)
        for item in items
        for goal in item.goals.all()
        if (new := goals_by_key.get(goal.key)) is not None
    ]
    SwotItem.goals.through.objects.bulk_create(links)
    history.links_in_latest(SwotItem, [item.pk for item in new_items])
    for model, fields in EVIDENCE.items():
        rows = model.objects.filter(item__concept=concept)
        bulk_create_with_history(
            [
                model(item=new_by_old[row.item_id], **{f: getattr(row, f) for f in fields})
                for row in rows
            ],
            model,
            default_user=user,
            default_change_reason=f"Kopie aus Version {concept.version}",
        )
