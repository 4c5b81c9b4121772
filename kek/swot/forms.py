"""The SWOT item form of the back office."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from kek.goals.models import Concept, StrategicGoal


class SwotItemForm(WagtailAdminModelForm):
    """Goals as checkboxes in the order of the goal system, those of the item's version only."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        goals = self.fields.get("goals")
        if goals is None:
            return
        queryset = StrategicGoal.objects.select_related("concept").order_by(
            "concept__version", "field__position", "position", "id"
        )
        if self.instance.concept_id:
            queryset = queryset.filter(concept_id=self.instance.concept_id)
        else:  # a new item goes into a draft version (issue 11)
            queryset = queryset.filter(concept__status=Concept.Status.DRAFT)
        goals.queryset = queryset
        goals.widget = forms.CheckboxSelectMultiple(choices=goals.choices)

    def clean(self) -> dict:
        data = super().clean()
        concept, goals = data.get("concept"), data.get("goals") or []
        if concept and any(goal.concept_id != concept.pk for goal in goals):
            self.add_error(
                "goals", "Bitte nur strategische Ziele derselben Konzeptversion verknüpfen."
            )
        return data
