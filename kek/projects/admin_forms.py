"""The back office's project form: a version's catalogue is frozen once the version is adopted
(or superseded, or in consultation), so the form refuses to add a project to it, drop one from
it, or change which of its sub-goals a project serves. A Fortschreibung changes that.

The resolution is chosen from the district's agenda items with a result (committees),
newest first."""

from typing import Any

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from kek.committees import resolutions
from kek.committees.models import AgendaItem
from kek.goals.models import Concept, SubGoal


class ResolutionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return resolutions.choice_label(obj)


class ProjectAdminForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("resolution")
        if field is None or field.disabled:
            return
        items = AgendaItem.objects.filter(deleted=False).exclude(result="")
        if self.instance.region_id:
            items = items.filter(body__region_id=self.instance.region_id)
        linked = Q(pk=self.instance.resolution_id) if self.instance.resolution_id else Q(pk=None)
        chosen = AgendaItem.objects.filter(Q(pk__in=items.values("pk")) | linked)
        self.fields["resolution"] = ResolutionChoice(
            chosen.select_related("meeting")
            .prefetch_related("meeting__organizations")
            .order_by("-meeting__start", "-order", "-id"),
            required=False,
            label=field.label,
            help_text="Ein Tagesordnungspunkt des Landkreises mit Ergebnis (unter „Gremien“ → "
            "„Sitzungen“ eingetragen oder mit kek import-oparl übernommen).",
            empty_label="– kein Beschluss –",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        item, region = data.get("resolution"), data.get("region")
        if item is not None and region is not None and item.body.region_id != region.pk:
            self.add_error("resolution", "Der Beschluss gehört zu einem anderen Landkreis.")
        pk = self.instance.pk
        self._refuse_frozen(
            "concepts",
            set(Concept.objects.filter(projects=pk)) if pk else set(),
            set(data.get("concepts") or ()),
            lambda concept: concept,
        )
        self._refuse_frozen(
            "subgoals",
            set(SubGoal.objects.filter(projects=pk).select_related("concept")) if pk else set(),
            set(data.get("subgoals") or ()),
            lambda subgoal: subgoal.concept,
        )
        return data

    def _refuse_frozen(self, field: str, live: set, wanted: set, version_of) -> None:
        """Against the published row, not the draft: a change to a frozen version's catalogue."""
        if field not in self.fields:
            return
        frozen = {version_of(obj) for obj in live ^ wanted} - {None}
        for concept in sorted(frozen, key=lambda c: c.version):
            if not concept.is_editable:
                self.add_error(field, concept.read_only_reason)
