"""Forms with which project leads update their projects, and the public sign-in (F17, F30)."""

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms import inlineformset_factory
from django.http import QueryDict

from kek.evaluation import plausibility

from . import value_checks
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
    """A decimal number as Germans write it: "12,5", "1.234,5", "1.234" (thousands) or "12.5";
    also the English "1,234.5" (kek.evaluation.plausibility.parse_number). Shown with a
    decimal comma."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> float | None:
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                return plausibility.parse_number(value)
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"], code="invalid"
                ) from None
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, float | int) and not isinstance(value, bool):
            return plausibility.german(float(value))
        return value


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
    """A new measured value for one of the project's own target indicators, or the correction
    of one (`instance`; its indicator stays). The value is checked for plausibility
    (kek.projects.value_checks); a flagged value needs the confirmation "Wert trotzdem speichern",
    given for exactly what was flagged (`warned`), and is then saved "zur Prüfung"."""

    value = GermanFloatField(label="Wert", help_text="Dezimalzahl mit Komma, z. B. 12,5.")
    confirm = forms.BooleanField(
        label="Wert trotzdem speichern",
        required=False,
        help_text="Nur ankreuzen, wenn der Wert so stimmt. Er wird dann gespeichert und von der "
        "Kreisentwicklung geprüft; bis dahin zählt er nicht in der Auswertung.",
    )
    warned = forms.CharField(required=False, widget=forms.HiddenInput)

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
        # A correction keeps its indicator: a value of another one is a new value.
        indicator.disabled = self.is_correction
        self.findings: list[plausibility.Finding] = []
        self.asks_confirmation = False
        # As stored: validation puts the new values into the instance.
        old = self.instance
        self.stored = (old.date, old.value, old.review, old.review_reason)

    @property
    def is_correction(self) -> bool:
        return self.instance.pk is not None

    def clean(self) -> dict[str, Any]:
        """One value per indicator and date, said in German. A field with an error is left out
        of the model's own constraint check, so the message does not appear twice. Then the
        plausibility checks, if the value, date and indicator are valid."""
        super().clean()
        cleaned = self.cleaned_data
        indicator, date = cleaned.get("indicator"), cleaned.get("date")
        if indicator and date:
            others = indicator.measurements.filter(date=date).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error("date", duplicate_message(indicator, date))
        value: float | None = cleaned.get("value")
        checkable = indicator and date and value is not None and not self.errors
        if checkable and value is not None and not self.keeps_value(date, value):
            self._check(indicator, date, value)
        return cleaned

    def keeps_value(self, date: Any, value: float) -> bool:
        """A correction of source or note only: the value keeps its review, unchecked."""
        return self.is_correction and self.stored[:2] == (date, value)

    def _check(self, indicator: Any, date: Any, value: float) -> None:
        typed = str(self["value"].data or "")
        self.findings = value_checks.findings(indicator, date, value, typed, self.instance)
        if not self.findings:
            return
        flagged = self.flagged_key(indicator, date, typed)
        if self.cleaned_data.get("confirm") and self.cleaned_data.get("warned") == flagged:
            return
        for finding in self.findings:
            self.add_error("value", finding.text)
        # Asked again, for what is shown now: the box comes unticked, the value is remembered.
        self.asks_confirmation = True
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[self.add_prefix("warned")] = flagged
        data.pop(self.add_prefix("confirm"), None)
        self.data = data

    @staticmethod
    def flagged_key(indicator: Any, date: Any, typed: str) -> str:
        """What a confirmation confirms (field `warned`): this value of this indicator and date."""
        return f"{indicator.pk}|{date.isoformat()}|{''.join(typed.split())}"

    def review_state(self) -> tuple[str, str]:
        """Review state and reason of the value to save (after validation)."""
        cleaned = self.cleaned_data
        if self.keeps_value(cleaned["date"], cleaned["value"]):
            return self.stored[2], self.stored[3]
        if self.findings:
            return Measurement.Review.PENDING, " ".join(f.text for f in self.findings)
        return Measurement.Review.OK, ""


def duplicate_message(indicator, date) -> str:
    return (
        f"Für „{indicator.title}“ gibt es am {date:%d.%m.%Y} bereits einen Messwert. "
        "Wählen Sie ein anderes Datum oder korrigieren Sie den bestehenden Wert "
        "(„Korrigieren“ in der Liste der Messwerte)."
    )
