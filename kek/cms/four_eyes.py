"""A district under the Vier-Augen-Prinzip (goals.PublicationSettings.four_eyes): its pages go
through the "Vier-Augen-Prinzip" workflow, and planners submit instead of publishing.

Wagtail offers "Veröffentlichen" to everyone with the publish permission even while a workflow
is assigned, and the workflow's approval publishes with the approver's permission; so the
planners keep the permission and the edit view neither offers nor accepts a direct publish
(wagtail_hooks)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, WorkflowPage

from kek.core import four_eyes
from kek.goals.models import PublicationSettings

from .models import DistrictHomePage


@receiver(post_save, sender=PublicationSettings, dispatch_uid="cms-four-eyes")
def apply(sender, instance: PublicationSettings, **kwargs) -> None:
    for home in DistrictHomePage.objects.filter(region=instance.region):
        if instance.four_eyes:
            WorkflowPage.objects.update_or_create(
                page=home, defaults={"workflow": four_eyes.workflow()}
            )
        else:
            WorkflowPage.objects.filter(page=home, workflow__name=four_eyes.NAME).delete()


def under_four_eyes(page: Page) -> bool:
    """Whether the page belongs to a district under the Vier-Augen-Prinzip."""
    home = DistrictHomePage.objects.ancestor_of(page, inclusive=True).first()
    return home is not None and PublicationSettings.four_eyes_for(home.region)


def refuse_direct_publish(request: HttpRequest, page: Page) -> HttpResponse | None:
    """`before_edit_page`/`before_create_page`: a publish POST under the rule is refused."""
    return four_eyes.refuse_direct_publish(request, under_four_eyes(page))
