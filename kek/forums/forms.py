"""The back office's topic form: the district limited to the ones the user acts on, and one
choice "Gegenstand" for the subject (general, a field of action or strategic goal of the
district's current version, or one of its projects), so a topic has exactly one subject."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from kek.accounts.rules import is_planner
from kek.goals.models import Concept, FieldOfAction, StrategicGoal
from kek.projects.models import Project
from kek.regions.models import Region

from .models import SubjectKind, Topic

GENERAL = ""


def districts_for(user: Any):
    """The districts whose topics `user` maintains: all for planners, else the moderated."""
    districts = Region.objects.filter(level=Region.Level.DISTRICT)
    if is_planner(user):
        return districts
    return districts.filter(moderators__user=user).distinct()


def value(kind: str, key: Any) -> str:
    return f"{kind}:{key}" if kind else GENERAL


def subject_choices(districts, topic: Topic | None = None) -> tuple[list, dict[str, int]]:
    """Grouped choices and, per value, the district it belongs to. Only districts that have
    a current version or projects are offered; a topic's subject that the current version no
    longer has stays selectable under its last published name."""
    choices: list = [(GENERAL, "Allgemein (ohne Bezug)")]
    district_of: dict[str, int] = {}
    for district in districts:
        concept = Concept.objects.current_for(district)
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        if concept is not None:
            fields = FieldOfAction.objects.filter(concept=concept).order_by("position", "id")
            goals = StrategicGoal.objects.filter(concept=concept).order_by(
                "field__position", "position", "id"
            )
            groups.append(
                ("Handlungsfelder", [(value("field", f.key), f"Handlungsfeld {f}") for f in fields])
            )
            groups.append(
                ("Strategische Ziele", [(value("goal", g.key), f"Ziel {g}") for g in goals])
            )
        projects = Project.objects.filter(region=district).order_by("number")
        groups.append(
            (
                "Projekte",
                [(value("project", p.key), f"Projekt {p.number} {p.title}") for p in projects],
            )
        )
        for label, options in groups:
            if options:
                choices.append((f"{district.name}: {label}", options))
                district_of.update({option: district.pk for option, _ in options})
    if topic is not None and topic.subject_kind:
        current = value(topic.subject_kind, topic.subject_key)
        if current not in district_of:
            old = topic.last_published()
            name = str(old) if old is not None else "nicht mehr vorhanden"
            kind = SubjectKind(topic.subject_kind).label
            choices.append(
                (
                    "Bisheriger Gegenstand",
                    [(current, f"{kind} {name} (nicht in der aktuellen Version)")],
                )
            )
            district_of[current] = topic.district_id
    return choices, district_of


class TopicForm(WagtailAdminModelForm):
    subject = forms.ChoiceField(
        label="Gegenstand",
        required=False,
        help_text="Worüber diskutiert wird: ein Handlungsfeld, ein strategisches Ziel oder ein "
        "Projekt der aktuellen Version, oder allgemein. Das Thema bleibt über Fortschreibungen "
        "beim selben Ziel.",
    )

    class Meta:
        model = Topic
        fields = ["district", "title", "description", "opens_at", "closes_at", "premoderated",
                  "position", "is_example"]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.for_user
        districts = districts_for(user) if user is not None else Region.objects.none()
        if "district" in self.fields:
            field = self.fields["district"]
            field.queryset = districts.order_by("name")
            if field.queryset.count() == 1 and not self.instance.pk:
                field.initial = field.queryset.first().pk
        topic = self.instance if self.instance.pk else None
        choices, self.subject_districts = subject_choices(districts.order_by("name"), topic)
        self.fields["subject"].choices = choices
        self.fields["subject"].initial = value(
            self.instance.subject_kind, self.instance.subject_key
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        chosen = cleaned.get("subject") or GENERAL
        district = cleaned.get("district")
        if chosen and district is not None and self.subject_districts.get(chosen) != district.pk:
            self.add_error(
                "subject", ValidationError("Der Gegenstand gehört zu einem anderen Landkreis.")
            )
        kind, _, key = chosen.partition(":")
        self.instance.subject_kind = kind
        self.instance.subject_key = key or None
        return cleaned
