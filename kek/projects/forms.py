"""Forms with which project leads update their projects, and the public sign-in (F17, F30)."""

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.forms import inlineformset_factory

from .models import Measurement, Milestone, Project

# KERN UX classes of a widget, by Django's widget type (BoundField.widget_type).
WIDGET_CLASSES = {
    "checkbox": "kern-form-check__checkbox",
    "select": "kern-form-input__select",
}
INPUT_CLASS = "kern-form-input__input"


def widget_class(widget: forms.Widget) -> str:
    widget_type = re.sub(r"widget$|input$", "", type(widget).__name__.lower())
    return WIDGET_CLASSES.get(widget_type, INPUT_CLASS)


# The mixin goes before a Form class; for the type checker it is one.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class KernFormMixin(_FormBase):
    """Puts KERN's classes on the widgets and, after validation, marks the invalid ones."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs["class"] = widget_class(field.widget)
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self._mark_invalid(name)

    def _mark_invalid(self, name: str) -> None:
        field, auto_id = self.fields[name], self[name].auto_id
        css = widget_class(field.widget)
        field.widget.attrs["class"] = f"{css} {css}--error"
        described = [f"{auto_id}-hint"] if field.help_text else []
        field.widget.attrs["aria-describedby"] = " ".join([*described, f"{auto_id}-error"])


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GermanFloatField(forms.FloatField):
    """A decimal number as Germans write it: "12,5", "1.234,5", "1.234" (thousands) or "12.5"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})
    THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")

    def to_python(self, value: Any) -> float | None:
        if isinstance(value, str):
            value = value.strip().replace(" ", "").replace("\u00a0", "")
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif self.THOUSANDS.fullmatch(value):
                value = value.replace(".", "")
        return super().to_python(value)


def default_progress_hint() -> str:
    defaults = ", ".join(
        f"{label} {Project.DEFAULT_PROGRESS[value]} %" for value, label in Project.Status.choices
    )
    return f"Leer lassen für den Standardwert des Status ({defaults})."


class ProjectStatusForm(KernFormMixin, forms.ModelForm):
    progress = forms.IntegerField(
        label="Umsetzungsstand (%)",
        required=False,
        min_value=0,
        max_value=100,
        help_text=default_progress_hint(),
    )

    class Meta:
        model = Project
        fields = ["status", "progress"]


class MilestoneForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "title", "done"]
        labels = {"title": "Bezeichnung"}
        widgets = {"date": date_widget()}


class BaseMilestoneFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Meilenstein löschen"
            form.fields["DELETE"].widget.attrs["class"] = WIDGET_CLASSES["checkbox"]


MilestoneFormSet = inlineformset_factory(
    Project,
    Milestone,
    form=MilestoneForm,
    formset=BaseMilestoneFormSet,
    extra=1,
    can_delete=True,
)


class IndicatorChoiceField(forms.ModelChoiceField):
    """A target indicator named by title and unit."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.unit})" if obj.unit else obj.title


class MeasurementForm(KernFormMixin, forms.ModelForm):
    """A new measured value for one of the project's own target indicators."""

    value = GermanFloatField(label="Wert", help_text="Dezimalzahl mit Komma, z. B. 12,5.")

    class Meta:
        model = Measurement
        fields = ["indicator", "date", "value", "source", "note"]
        labels = {"indicator": "Zielindikator"}
        widgets = {"date": date_widget()}
        field_classes = {"indicator": IndicatorChoiceField}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        indicator = self.fields["indicator"]
        assert isinstance(indicator, forms.ModelChoiceField)  # the model's foreign key
        indicator.queryset = project.indicators.order_by("id")
        indicator.empty_label = "Bitte wählen"

    def clean(self) -> dict[str, Any]:
        """One value per indicator and date, said in German. A field with an error is left out
        of the model's own constraint check, so the message does not appear twice."""
        super().clean()
        cleaned = self.cleaned_data
        indicator, date = cleaned.get("indicator"), cleaned.get("date")
        if indicator and date and indicator.measurements.filter(date=date).exists():
            self.add_error("date", duplicate_message(indicator, date))
        return cleaned


def duplicate_message(indicator, date) -> str:
    return (
        f"Für „{indicator.title}“ gibt es am {date:%d.%m.%Y} bereits einen Messwert. "
        "Wählen Sie ein anderes Datum; bestehende Werte korrigiert die Kreisentwicklung."
    )


class LoginForm(KernFormMixin, AuthenticationForm):
    """Django's sign-in form in KERN markup."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Benutzername oder Passwort ist falsch. Achten Sie auf Groß- und "
        "Kleinschreibung.",
    }
