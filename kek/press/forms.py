"""The press article form of the back office."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from kek.goals.models import FieldOfAction


class FieldChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: FieldOfAction) -> str:
        concept = obj.concept
        return f"{obj.number} {obj.title} ({concept.region.name}, Version {concept.version})"


class PressArticleForm(WagtailAdminModelForm):
    """Fields of action as checkboxes, by district and version; only the article's district's
    fields (and its series) are accepted."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        current = self.fields.get("fields_of_action")
        if current is None:
            return
        queryset = FieldOfAction.objects.select_related("concept__region").order_by(
            "concept__region__name", "-concept__version", "position", "id"
        )
        if self.instance.region_id:
            queryset = queryset.filter(concept__region_id=self.instance.region_id)
        field = FieldChoice(
            queryset=queryset,
            required=False,
            label=current.label,
            help_text=current.help_text,
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["fields_of_action"] = field

    def clean(self) -> dict:
        data = super().clean()
        region, fields = data.get("region"), data.get("fields_of_action") or []
        if region and any(f.concept.region_id != region.pk for f in fields):
            self.add_error(
                "fields_of_action", "Bitte nur Handlungsfelder desselben Landkreises verknüpfen."
            )
        return data
