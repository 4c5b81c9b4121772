"""The "Vier-Augen-Prinzip" workflow: pages and snippets a planner submits are released by a
second planner (`SecondPersonApprovalTask`). Apps assign it where a district asks for it."""

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
