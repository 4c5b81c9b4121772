"""The back office's question form (inside the survey's form): a choice question needs at
least two choices, a scale or free-text question has none."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel

from .models import Question, QuestionKind

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class QuestionForm(WagtailAdminModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "required"]

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        choices = [
            form
            for form in self.formsets["choices"].forms
            if getattr(form, "cleaned_data", None)
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("text")
        ]
        kind = self.cleaned_data.get("kind")
        if kind in CHOICE_KINDS and len(choices) < 2:
            self.add_error(
                "kind", "Eine Auswahlfrage braucht mindestens zwei Antwortmöglichkeiten."
            )
            return False
        if kind not in CHOICE_KINDS and choices:
            self.add_error(
                "kind",
                "Nur Einfach- und Mehrfachauswahl haben Antwortmöglichkeiten; bitte entfernen "
                "Sie diese oder wählen Sie eine Auswahlfrage.",
            )
            return False
        return True


class QuestionsPanel(InlinePanel):
    """The survey's questions, each form a QuestionForm (with its choices nested)."""

    def get_form_options(self) -> dict[str, Any]:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = QuestionForm
        return options
