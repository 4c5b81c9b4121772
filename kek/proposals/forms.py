"""The public proposal form, the list's filter form and the back office's answer form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from kek.goals.models import Concept
from kek.projects.models import Project
from kek.regions.models import Region

from . import topics
from .images import SUFFIXES, image_format
from .models import Proposal, State, municipalities_of

SORTS = [
    ("neueste", "Neueste zuerst"),
    ("unterstuetzt", "Meiste Unterstützungen"),
    ("beantwortet", "Zuletzt beantwortet"),
]
INPUT = "kern-form-input__input"
SELECT = "kern-form-input__select"


class ProposalForm(forms.Form):
    title = forms.CharField(
        label="Titel",
        max_length=200,
        error_messages={"required": "Bitte geben Sie Ihrem Vorschlag einen Titel."},
    )
    text = forms.CharField(
        label="Ihr Vorschlag",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Beschreiben Sie, was getan werden sollte und warum. Höchstens 10.000 Zeichen.",
        error_messages={
            "required": "Bitte beschreiben Sie Ihren Vorschlag.",
            "max_length": "Der Text ist zu lang: höchstens %(limit_value)d Zeichen "
            "(jetzt %(show_value)d).",
        },
    )
    topic = forms.ChoiceField(
        label="Handlungsfeld oder Ziel",
        help_text="Zu welchem Handlungsfeld oder strategischen Ziel des Konzepts passt Ihr "
        "Vorschlag?",
        error_messages={
            "required": "Bitte wählen Sie ein Handlungsfeld oder Ziel.",
            "invalid_choice": "Bitte wählen Sie ein Handlungsfeld oder Ziel aus der Liste.",
        },
    )
    municipality = forms.ModelChoiceField(
        label="Gemeinde",
        queryset=Region.objects.none(),
        required=False,
        empty_label="– keine bestimmte Gemeinde –",
        error_messages={"invalid_choice": "Bitte wählen Sie eine Gemeinde des Landkreises."},
    )
    image = forms.FileField(
        label="Bild",
        required=False,
        help_text="JPEG, PNG oder WebP, höchstens 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, concept: Concept | None, district: Region, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.concept = concept
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = [("", "– bitte wählen –"), *topics.choices(concept)]
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ModelChoiceField)
        municipality.queryset = municipalities_of(district)
        municipality.label_from_instance = lambda region: region.name  # type: ignore[assignment]
        for name in ("title", "text"):
            self.fields[name].widget.attrs["class"] = INPUT
        for name in ("topic", "municipality"):
            self.fields[name].widget.attrs["class"] = SELECT
        self.fields["image"].widget.attrs["class"] = INPUT

    def clean_topic(self) -> topics.Topic:
        found = topics.parse(self.cleaned_data["topic"], self.concept)
        if found is None:
            raise ValidationError("Bitte wählen Sie ein Handlungsfeld oder Ziel aus der Liste.")
        return found

    def clean_image(self) -> Any:
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):  # a new upload
            found = image_format(image)
            image.name = f"bild.{SUFFIXES[found]}"
        return image

    def apply(self, proposal: Proposal) -> Proposal:
        """Copy the cleaned values onto `proposal` (not saved)."""
        data = self.cleaned_data
        topic: topics.Topic = data["topic"]
        proposal.title = data["title"]
        proposal.text = data["text"]
        proposal.field_key = topic.field_key
        proposal.goal_key = topic.goal_key
        proposal.topic_title = topic.title
        proposal.municipality = data["municipality"]
        image = data.get("image")
        if image is False:  # "Bild entfernen" ticked
            proposal.image = None
        elif image and hasattr(image, "content_type"):
            proposal.image = image
        return proposal


def initial_of(proposal: Proposal) -> dict[str, Any]:
    return {
        "title": proposal.title,
        "text": proposal.text,
        "topic": topics.value_of(proposal),
        "municipality": proposal.municipality_id,
        "image": proposal.image or None,
    }


class FilterForm(forms.Form):
    """GET form of the list: field of action, state, municipality and sorting."""

    feld = forms.ChoiceField(label="Handlungsfeld", required=False)
    stand = forms.ChoiceField(label="Stand", required=False, choices=[("", "Alle"), *State.choices])
    gemeinde = forms.ChoiceField(label="Gemeinde", required=False)
    sortierung = forms.ChoiceField(label="Sortierung", required=False, choices=SORTS)

    def __init__(self, concept: Concept | None, district: Region, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field, place = self.fields["feld"], self.fields["gemeinde"]
        assert isinstance(field, forms.ChoiceField) and isinstance(place, forms.ChoiceField)
        field.choices = [("", "Alle"), *topics.field_choices(concept)]
        place.choices = [
            ("", "Alle"),
            *((region.ags, region.name) for region in municipalities_of(district)),
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = SELECT

    def filters(self) -> dict[str, str]:
        """The valid, non-empty filters; an invalid one is ignored."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: value for name, value in cleaned.items() if value}


class AnswerForm(forms.ModelForm):
    """Back office: release, state (with reason), the answer and the projects taking it up."""

    class Meta:
        model = Proposal
        fields = ["released", "state", "reason", "answer", "projects"]
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "answer": forms.Textarea(attrs={"rows": 8}),
            "projects": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        projects = Project.objects.filter(region_id=self.instance.district_id).order_by("number")
        field = self.fields["projects"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = projects
        field.label_from_instance = lambda p: f"{p.number} {p.title}"  # type: ignore[assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("state") == State.TAKEN_UP and not data.get("projects"):
            self.add_error(
                "projects",
                "Bitte wählen Sie die Projekte, in denen der Vorschlag aufgegriffen wird.",
            )
        if data.get("state") == State.NOT_TAKEN_UP and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", "Bitte begründen Sie, warum der Vorschlag nicht aufgegriffen wird."
            )
        return data
