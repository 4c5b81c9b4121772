"""Row counts of the database, to show that an import or a dry run changed nothing."""


def row_counts() -> dict[str, int]:
    """Rows per table of every model (also the link tables of many-to-many fields)."""
    from django.apps import apps

    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
    }


def goal_world_counts() -> dict[str, int]:
    """The rows issue 16 saw go with a truncated concept file: goals, their links to projects
    and SWOT items, target indicators and measured values."""
    from kek.goals.models import FieldOfAction, StrategicGoal, SubGoal
    from kek.projects.models import Measurement, Project, TargetIndicator
    from kek.swot.models import SwotItem

    models = [FieldOfAction, StrategicGoal, SubGoal, TargetIndicator, Measurement]
    models += [Project.subgoals.through, SwotItem.goals.through]
    return {model._meta.label: model._base_manager.count() for model in models}
