"""The public questionnaire: one form field per question (F23), with German messages that
name the question, for the error summary."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import SCALE, Question, QuestionKind, Survey

MAX_TEXT = 5000
SCALE_CHOICES = [(str(value), str(value)) for value in SCALE]


CHECKBOX = {"class": "kern-form-check__checkbox"}


def radios() -> forms.RadioSelect:
    return forms.RadioSelect(attrs={"class": "kern-form-check__radio"})


def field_name(question: Question) -> str:
    return f"frage_{question.pk}"


class SurveyForm(forms.Form):
    """Built from the survey's questions (prefetched with their choices)."""

    def __init__(self, survey: Survey, questions: list[Question], *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.survey = survey
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = self._field(question)

    def _field(self, question: Question) -> forms.Field:
        missing = {"required": f"Bitte beantworten Sie die Frage „{question.text}“."}
        common: dict[str, Any] = {
            "label": question.text,
            "required": question.required,
            "error_messages": missing,
        }
        choices = [(str(choice.pk), choice.text) for choice in question.choices.all()]
        invalid = {"invalid_choice": "Bitte wählen Sie eine der angebotenen Antworten."}
        if question.kind == QuestionKind.SINGLE:
            common["error_messages"] |= invalid
            return forms.ChoiceField(choices=choices, widget=radios(), **common)
        if question.kind == QuestionKind.MULTIPLE:
            common["error_messages"] |= invalid
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX), **common
            )
        if question.kind == QuestionKind.SCALE:
            common["error_messages"] |= invalid
            return forms.ChoiceField(choices=SCALE_CHOICES, widget=radios(), **common)
        too_long = f"Ihre Antwort auf „{question.text}“ ist zu lang (höchstens {MAX_TEXT} Zeichen)."
        common["error_messages"] |= {"max_length": too_long}
        widget = forms.Textarea(attrs={"class": "kern-form-input__input", "rows": 5})
        return forms.CharField(max_length=MAX_TEXT, widget=widget, strip=True, **common)

    def rows(self) -> list[dict[str, Any]]:
        """Question and bound field, in the questionnaire's order, for the template."""
        return [
            {"question": q, "field": self[field_name(q)], "number": i}
            for i, q in enumerate(self.questions, start=1)
        ]

    def errors_for_summary(self) -> list[dict[str, str]]:
        """Each error with a link to its question's first input."""
        found = []
        for question in self.questions:
            name = field_name(question)
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = (
                bound.auto_id if question.kind == QuestionKind.FREE_TEXT else f"{bound.auto_id}_0"
            )
            for error in self.errors[name]:
                found.append({"href": f"#{anchor}", "text": str(error)})
        return found
