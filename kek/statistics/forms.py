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

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Die Datei ist größer als 200 MB.")
        return upload
