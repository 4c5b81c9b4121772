"""What takes part in participation: the models whose objects take comments, ratings and
reports (`participables`), and the parts other apps add below such an object
(`subject_parts`, e.g. the follow button).

    from kek.participation.registry import Participable, participables
    participables.register(Participable(
        label="forums.topic",
        district=lambda topic: topic.district,
        phase=lambda topic: topic,            # anything with is_open() and phase()
        premoderated=lambda topic: topic.premoderated,
        url=lambda topic, home: route_url("forum_topic", home, topic.pk),
        title=lambda topic: topic.title,
    ))

A subject's address part is its `kind`: the label with "." replaced by "-" ("forums-topic").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models

from kek.core.registry import PagePart, Registry


@dataclass(frozen=True)
class Participable:
    label: str  # model label, lower case: "forums.topic"
    district: Callable[[Any], Any]
    phase: Callable[[Any], Any]
    premoderated: Callable[[Any], bool] = lambda obj: False
    url: Callable[[Any, Any], str] = lambda obj, home: "#"
    title: Callable[[Any], str] = str
    order: int = 0

    @property
    def name(self) -> str:
        return self.label

    @property
    def kind(self) -> str:
        return kind_of_label(self.label)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


participables: Registry[Participable] = Registry("participable")
# place: the model label ("proposals.proposal"); context(request, home, subject) -> dict.
subject_parts: Registry[PagePart] = Registry("subject part")


def kind_of_label(label: str) -> str:
    return label.lower().replace(".", "-")


def kind_of(obj: Any) -> str:
    return kind_of_label(obj._meta.label_lower)


def for_kind(kind: str) -> Participable | None:
    return _lookup(kind.replace("-", ".", 1))


def for_object(obj: Any) -> Participable | None:
    return _lookup(obj._meta.label_lower)


def _lookup(label: str) -> Participable | None:
    try:
        return participables[label]
    except KeyError:
        return None
