"""Who may change the goal system: planners and admins (F30), and only in a draft version
(issue 11: an adopted, superseded or consulted version is a record). Reading is public."""

from typing import Any

import rules

from kek.accounts.rules import is_admin, is_staff_role

MODELS = ("concept", "fieldofaction", "strategicgoal", "subgoal")
# How each goal object reaches its concept version ("" is the concept itself).
CONCEPT_PATHS = {"fieldofaction": "concept", "strategicgoal": "field__concept",
                 "subgoal": "goal__concept"}  # fmt: skip


def concept_of(obj: Any, path: str) -> Any:
    """The concept version `obj` belongs to, following `path` ("goal__concept"); None while
    the object does not know it yet (a new object before its form is valid)."""
    for part in filter(None, path.split("__")):
        obj = getattr(obj, part, None)  # an unset foreign key raises an AttributeError
        if obj is None:
            return None
    return obj


def in_editable_version(path: str) -> rules.Predicate:
    """True without an object (the model-level check) and for objects of a draft version."""

    def check(user, obj) -> bool:
        concept = concept_of(obj, path) if obj is not None else None
        return concept is None or concept.is_editable

    return rules.predicate(check, name=f"in_editable_version({path or 'concept'})")


for model in MODELS:
    rules.add_perm(f"goals.add_{model}", is_staff_role)
    rules.add_perm(f"goals.view_{model}", is_staff_role)
    guarded = is_staff_role & in_editable_version(CONCEPT_PATHS.get(model, ""))
    # A concept version keeps its adoption fields open (they are recorded after it was
    # drafted); only deleting it, with its goal system, is refused.
    rules.add_perm(f"goals.change_{model}", is_staff_role if model == "concept" else guarded)
    rules.add_perm(f"goals.delete_{model}", guarded)

for action in ("copy_concept", "publish_concept", "import_concept", "export_concept"):
    rules.add_perm(f"goals.{action}", is_staff_role)
rules.add_perm("goals.view_draft_concept", is_staff_role)
# The link of a version to the agenda item that adopted it, also of an adopted version.
rules.add_perm("goals.link_adoption", is_staff_role)
# The Vier-Augen-Prinzip is a rule over the planners: the district's IT sets it, not they.
for verb in ("add", "change", "delete", "view"):
    rules.add_perm(f"goals.{verb}_publicationsettings", is_admin)
