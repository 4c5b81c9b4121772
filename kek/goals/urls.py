"""Public paths of goal objects below a district's start page (stable: slug + number)."""

from .models import FieldOfAction


def goal_path(obj) -> str:
    if isinstance(obj, FieldOfAction):
        return f"handlungsfelder/{obj.slug}/"
    return f"ziele/{obj.number}-{obj.slug}/"
