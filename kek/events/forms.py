"""The public registration form and the back office's "Veranstaltung absagen" form."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.admin.forms import WagtailAdminModelForm

MAX_FILES = 10
MAX_FILE_MB = 20


class RegistrationForm(forms.Form):
    """Name, e-mail, optional organisation and the consent to the privacy text."""

    name = forms.CharField(
        label="Name",
        max_length=200,
        error_messages={"required": "Bitte geben Sie Ihren Namen an."},
    )
    email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        help_text="An diese Adresse senden wir den Link zur Bestätigung.",
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse an.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de.",
        },
    )
    organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    consent = forms.BooleanField(
        label="Ich willige ein, dass meine Angaben für diese Veranstaltung verarbeitet werden.",
        error_messages={
            "required": "Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein, "
            "sonst können wir Sie nicht anmelden."
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in ("name", "email", "organisation"):
            self.fields[field].widget.attrs["class"] = "kern-form-input__input"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["consent"].widget.attrs["class"] = "kern-form-check__input"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        if len(cleaned) > MAX_FILES:
            raise forms.ValidationError(f"Höchstens {MAX_FILES} Dateien auf einmal.")
        if any(f.size > MAX_FILE_MB * 1024 * 1024 for f in cleaned):
            raise forms.ValidationError(f"Eine Datei ist größer als {MAX_FILE_MB} MB.")
        return cleaned


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Grund der Absage (öffentlich)",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Erscheint bei der Veranstaltung auf der Website, z. B. „Wegen der Pandemie "
        "abgesagt.“",
        error_messages={"required": "Bitte geben Sie den Grund der Absage an."},
    )
    message = forms.CharField(
        label="Nachricht an die Angemeldeten",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="Geht per E-Mail an alle Angemeldeten und an die Warteliste. Leer: der Grund.",
    )
    attachments = MultipleFileField(
        label="Dateien (freiwillig)",
        required=False,
        help_text=f"Gehen als Anhang mit, z. B. die Unterlagen mit der Bitte um Rückmeldung; "
        f"bis zu {MAX_FILES} Dateien, je höchstens {MAX_FILE_MB} MB.",
    )


class EventForm(WagtailAdminModelForm):
    """The back office's event form: a place of the event's district only, and an event with
    registrants is cancelled through "Veranstaltung absagen …", which tells them."""

    def clean(self) -> dict:
        data = super().clean()
        event = self.instance
        was_cancelled = (
            bool(event.pk) and type(event).objects.filter(pk=event.pk, state="abgesagt").exists()
        )
        if data.get("state") == "abgesagt" and event.pk and not was_cancelled:
            holding = event.registrations.filter(status__in=("angemeldet", "warteliste"))
            if holding.exists():
                self.add_error(
                    "state",
                    "Diese Veranstaltung hat Anmeldungen: bitte über „Veranstaltung absagen …“ "
                    "absagen, damit die Angemeldeten benachrichtigt werden.",
                )
        return data
