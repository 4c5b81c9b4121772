"""The forms of the participation base: comment, report, hide and block (moderation)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from .models import MAX_TEXT, ReportReason


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Ihr Beitrag",
        widget=forms.Textarea(attrs={"rows": 5, "class": "kern-form-input__input"}),
        max_length=MAX_TEXT,
        help_text="Nur Text; Zeilenumbrüche und Links (http, https) bleiben erhalten.",
        error_messages={
            "required": "Bitte schreiben Sie einen Text.",
            "max_length": "Ihr Beitrag ist zu lang: höchstens 5.000 Zeichen "
            "(jetzt %(show_value)d).",
        },
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Bitte schreiben Sie einen Text.")
        return text


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label="Grund der Meldung",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Bitte wählen Sie einen Grund."},
    )
    text = forms.CharField(
        label="Erläuterung",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "kern-form-input__input"}),
        error_messages={"max_length": "Bitte fassen Sie sich kürzer: höchstens 2.000 Zeichen."},
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label="Öffentlicher Grund",
        max_length=500,
        help_text="Wird statt des Beitrags gezeigt: „Von der Moderation ausgeblendet: …“",
        error_messages={"required": "Bitte geben Sie einen Grund an."},
    )


class BlockForm(forms.Form):
    until = forms.DateField(
        label="Gesperrt bis (einschließlich)",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Bitte geben Sie ein Datum an."},
    )
    reason = forms.CharField(label="Grund", max_length=500, required=False)

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until < timezone.localdate():
            raise forms.ValidationError("Das Datum liegt in der Vergangenheit.")
        return until

    def until_datetime(self):
        day = self.cleaned_data["until"] + timedelta(days=1)
        return timezone.make_aware(datetime(day.year, day.month, day.day))
