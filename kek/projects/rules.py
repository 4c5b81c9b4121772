"""Planners edit the whole catalogue; a project's leads update status, milestones and
measurements of their own projects only (F17, F30)."""

import rules

from kek.accounts.rules import is_planner, is_staff_role


@rules.predicate
def is_project_lead(user, obj) -> bool:
    """`obj` is a project, or an indicator/measurement/milestone that belongs to one."""
    project = _project_of(obj)
    if project is None or not user.is_authenticated:
        return False
    return project.leads.filter(pk=user.pk).exists()


def _project_of(obj):
    from .models import Measurement, Milestone, Project, TargetIndicator

    if isinstance(obj, Project):
        return obj
    if isinstance(obj, TargetIndicator):
        return obj.project
    if isinstance(obj, Measurement | Milestone):
        return _project_of(obj.indicator if isinstance(obj, Measurement) else obj.project)
    return None


can_update = is_staff_role | is_project_lead

for verb in ("add", "change", "delete", "view"):
    for model in ("project", "targetindicator", "evaluationsnapshot"):
        rules.add_perm(f"projects.{verb}_{model}", is_staff_role)
    for model in ("measurement", "milestone"):
        rules.add_perm(f"projects.{verb}_{model}", can_update)

# A planner's draft of a project goes public when published (under the Vier-Augen-Prinzip by the
# second planner's approval; the back office then offers no direct publish, wagtail_hooks).
rules.add_perm("projects.publish_project", is_staff_role)
# The project page's update form: status and progress of one's own project.
rules.add_perm("projects.update_project", can_update)
# Accept or reject a lead's value that the plausibility checks flagged (kek.projects.review_views).
rules.add_perm("projects.review_measurement", is_planner)
rules.add_perm("projects.import_catalogue", is_staff_role)
rules.add_perm("projects.export_catalogue", is_staff_role)
