"""SDG links of goal objects written in bulk, kept consistent with their change history.

django-simple-history snapshots many-to-many fields only when an object is saved one by one;
bulk writes (import, new version) therefore add the SDGs to the history records they created
(kek.core.history.links_in_latest).
"""

from django.db.models import Q

from kek.core import history

from .models import SDG, Concept


def sdg_sets(model, concept: Concept) -> dict[int, set[int]]:
    """SDG numbers per object id of one goal model in a concept."""
    name = model._meta.model_name
    result: dict[int, set[int]] = {}
    rows = model.sdgs.through.objects.filter(**{f"{name}__concept": concept})
    for obj_id, number in rows.values_list(f"{name}_id", "sdg__number"):
        result.setdefault(obj_id, set()).add(number)
    return result


def replace(model, concept: Concept, wanted: dict[int, set[int]]) -> None:
    """Make the SDG links of the concept's objects of `model` exactly `wanted` (id → numbers)."""
    through = model.sdgs.through
    name = model._meta.model_name
    sdg_ids = dict(SDG.objects.values_list("number", "id"))
    links = through.objects.filter(**{f"{name}__concept": concept})
    current = set(links.values_list(f"{name}_id", "sdg_id"))
    target = {(obj, sdg_ids[n]) for obj, numbers in wanted.items() for n in numbers}
    stale = Q()
    for obj_id, sdg_id in current - target:
        stale |= Q(**{f"{name}_id": obj_id, "sdg_id": sdg_id})
    if stale:
        links.filter(stale).delete()
    through.objects.bulk_create(
        [through(**{f"{name}_id": obj, "sdg_id": sdg}) for obj, sdg in target - current]
    )


def complete(model, concept: Concept, wanted: dict[int, set[int]]) -> list:
    """Add the SDG links of `wanted` (id → numbers) that the concept's objects of `model` lack;
    returns the link rows of these objects that `wanted` does not have (left in place)."""
    through = model.sdgs.through
    name = model._meta.model_name
    sdg_ids = dict(SDG.objects.values_list("number", "id"))
    stored = through.objects.filter(**{f"{name}__concept": concept})
    links = [link for link in stored if getattr(link, f"{name}_id") in wanted]
    current = {(getattr(link, f"{name}_id"), link.sdg_id) for link in links}
    target = {(obj, sdg_ids[n]) for obj, numbers in wanted.items() for n in numbers}
    through.objects.bulk_create(
        [through(**{f"{name}_id": obj, "sdg_id": sdg}) for obj, sdg in sorted(target - current)]
    )
    return [link for link in links if (getattr(link, f"{name}_id"), link.sdg_id) not in target]


def record_in_history(model, object_ids: list[int]) -> None:
    """Write the current SDG links into the latest history record of each object."""
    if object_ids:
        history.links_in_latest(model, object_ids)
