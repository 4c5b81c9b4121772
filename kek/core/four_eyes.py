"""The "Vier-Augen-Prinzip" workflow: pages and snippets a planner submits are released by a
second planner (`SecondPersonApprovalTask`). Apps assign it where a district asks for it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail.models import Workflow, WorkflowTask

from kek.accounts.roles import PLANNER, group

from .models import SecondPersonApprovalTask

NAME = "Vier-Augen-Prinzip"


def workflow() -> Workflow:
    """The workflow with its one task for the planners' group, created on first use."""
    found = Workflow.objects.filter(name=NAME).first()
    if found is not None:
        return found
    task = SecondPersonApprovalTask.objects.create(name="Freigabe durch eine zweite Person")
    task.groups.set([group(PLANNER)])
    found = Workflow.objects.create(name=NAME, active=True)
    WorkflowTask.objects.create(workflow=found, task=task, sort_order=0)
    return found


REFUSED = (
    "Nach dem Vier-Augen-Prinzip veröffentlicht eine zweite Person aus der Planung: "
    "bitte „Zur Freigabe einreichen“."
)


def without_publish(menu_items: list) -> None:
    """Drop "Veröffentlichen" from a Wagtail action menu (`construct_*_action_menu`)."""
    menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def refuse_direct_publish(request: HttpRequest, applies: bool) -> HttpResponse | None:
    """`before_edit_*`/`before_create_*`: a publish POST under the rule goes back to the form
    with the reason."""
    if not applies or request.method != "POST" or "action-publish" not in request.POST:
        return None
    messages.error(request, REFUSED)
    return redirect(request.get_full_path())
