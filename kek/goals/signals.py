"""Keep goal numbers current whenever a goal object is saved or deleted one by one."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import GOAL_MODELS
from .numbering import renumber


def _after_save(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    renumber(instance.concept_id)
    instance.number = sender.objects.values_list("number", flat=True).get(pk=instance.pk)


def _after_delete(sender, instance, **kwargs) -> None:
    renumber(instance.concept_id)


for _model in GOAL_MODELS:
    receiver(post_save, sender=_model, dispatch_uid=f"renumber-{_model.__name__}")(_after_save)
    receiver(post_delete, sender=_model, dispatch_uid=f"unnumber-{_model.__name__}")(_after_delete)
