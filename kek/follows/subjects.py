"""What can be followed: the kinds of the follow route (`goals.fieldofaction`, …), their
district, their name in the reason sentence, and who follows one.

Forum topics and proposals are looked up by label, so that follows work whether or not those
apps have their models yet (they are built alongside, issue 13)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from .models import Follow


@dataclass(frozen=True)
class Kind:
    label: str  # "projects.project"
    article: str  # dative with noun: "dem Projekt"
    district: str  # attribute path to the district's id


KINDS = {
    kind.label: kind
    for kind in (
        Kind("goals.fieldofaction", "dem Handlungsfeld", "concept.region_id"),
        Kind("goals.strategicgoal", "dem strategischen Ziel", "concept.region_id"),
        Kind("projects.project", "dem Projekt", "region_id"),
        Kind("forums.topic", "dem Diskussionsthema", "district_id"),
        Kind("proposals.proposal", "dem Vorschlag", "district_id"),
    )
}


def label_of(obj: Any) -> str:
    return obj._meta.label_lower


def model_of(kind: str) -> Any | None:
    """The model of a follow kind, None for an unknown kind or an app without it yet."""
    if kind not in KINDS:
        return None
    try:
        return apps.get_model(kind)
    except LookupError:
        return None


def district_id(obj: Any) -> int | None:
    value: Any = obj
    for part in KINDS[label_of(obj)].district.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def title_of(obj: Any) -> str:
    if label_of(obj) == "projects.project":
        return obj.title
    number = getattr(obj, "number", "")
    title = getattr(obj, "title", "") or str(obj)
    return f"{number} {title}".strip()


def page_url(home: Any, obj: Any) -> str:
    """The address of a followed thing (or any participable) on the district's site, "" where
    none is known."""
    label = label_of(obj)
    if label in ("goals.fieldofaction", "goals.strategicgoal", "goals.subgoal"):
        from kek.goals.public import goal_url

        return goal_url(home, obj)
    if label == "projects.project":
        from kek.projects.views import project_url

        return project_url(home, obj)
    try:
        from kek.participation import registry
    except ImportError:
        return ""
    entry = registry.for_object(obj)
    return entry.url(obj, home) if entry is not None else ""


def reason_text(obj: Any) -> str:
    """ "Sie erhalten diese E-Mail, weil Sie dem Projekt „…“ folgen." """
    article = KINDS[label_of(obj)].article
    return f"Sie erhalten diese E-Mail, weil Sie {article} „{title_of(obj)}“ folgen."


def same_subjects(obj: Any) -> tuple[ContentType, list[int]]:
    """The rows that are the same thing as `obj`: a goal or field of action is one row per
    concept version (same `key`), so a follow of an earlier version's row still counts."""
    content_type = ContentType.objects.get_for_model(obj)
    key = getattr(obj, "key", None)
    concept = getattr(obj, "concept", None)
    if key is None or concept is None or label_of(obj) not in KINDS:
        return content_type, [obj.pk]
    ids = type(obj).objects.filter(key=key, concept__region_id=concept.region_id)
    return content_type, list(ids.values_list("pk", flat=True))


def followers(obj: Any) -> list[Any]:
    """The accounts following `obj`."""
    content_type, ids = same_subjects(obj)
    follows = Follow.objects.filter(content_type=content_type, object_id__in=ids)
    return [f.user for f in follows.select_related("user").order_by("user_id", "id")]


def is_following(user: Any, obj: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    content_type, ids = same_subjects(obj)
    return Follow.objects.filter(user=user, content_type=content_type, object_id__in=ids).exists()


def follow(user: Any, obj: Any) -> Follow:
    content_type = ContentType.objects.get_for_model(obj)
    defaults: dict[str, Any] = {"district_id": district_id(obj)}
    found, _ = Follow.objects.get_or_create(
        user=user, content_type=content_type, object_id=obj.pk, defaults=defaults
    )
    return found


def unfollow(user: Any, obj: Any) -> int:
    content_type, ids = same_subjects(obj)
    deleted, _ = Follow.objects.filter(
        user=user, content_type=content_type, object_id__in=ids
    ).delete()
    return deleted


def subjects_of(follows: Iterable[Follow]) -> list[tuple[Follow, Any]]:
    """Each follow with its subject (None where the subject is gone), in one query per kind."""
    follows = list(follows)
    by_type: dict[int, set[int]] = {}
    for item in follows:
        by_type.setdefault(item.content_type_id, set()).add(item.object_id)
    found: dict[tuple[int, int], Any] = {}
    for type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    return [(item, found.get((item.content_type_id, item.object_id))) for item in follows]
