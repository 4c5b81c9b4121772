from django import forms

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Statistikdatei",
        help_text="Regionaldatenbank- oder GENESIS-Datei (Flatfile-CSV, Tabellen-CSV) oder "
        "KEK-Vorlage (CSV, XLSX), auch als ZIP.",
    )
    downloaded_on = forms.DateField(
        label="Abgerufen am",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Wann die Datei bei der Quelle heruntergeladen wurde (optional).",
    )
    preview = forms.BooleanField(
        label="Nur Vorschau",
        required=False,
        help_text="Erst zeigen, was der Import ändern würde (neue, geänderte, unveränderte und "
        "übersprungene Werte); importiert wird erst nach Ihrer Bestätigung.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Die Datei ist größer als 200 MB.")
        return upload


class DecisionForm(forms.Form):
    """The planner's decision on a previewed upload."""

    IMPORT = "import"
    DISCARD = "discard"

    batch = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(IMPORT, "Importieren"), (DISCARD, "Verwerfen")])
