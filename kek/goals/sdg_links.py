"""SDG links of goal objects written in bulk, kept consistent with their change history.

django-simple-history snapshots many-to-many fields only when an object is saved one by one;
bulk writes (import, new version) therefore add the SDGs to the history records they created.
"""

from django.apps import apps
from django.db.models import Max, Q

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


def record_in_history(model, object_ids: list[int]) -> None:
    """Write the current SDG links into the latest history record of each object."""
    if not object_ids:
        return
    name = model._meta.model_name
    history_through = apps.get_model(model._meta.app_label, f"Historical{model.__name__}_sdgs")
    latest = dict(
        model.history.filter(id__in=object_ids)
        .values("id")
        .annotate(latest=Max("history_id"))
        .values_list("id", "latest")
    )
    history_through.objects.filter(history_id__in=latest.values()).delete()
    links = model.sdgs.through.objects.filter(**{f"{name}_id__in": object_ids})
    history_through.objects.bulk_create(
        [
            history_through(
                **{"id": link, "history_id": latest[obj], f"{name}_id": obj, "sdg_id": sdg}
            )
            for link, obj, sdg in links.values_list("id", f"{name}_id", "sdg_id")
        ]
    )
