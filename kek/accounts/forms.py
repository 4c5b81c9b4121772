"""The account forms (F25): allauth's forms in KERN markup with German labels, the sign-up with
display name, organisation and consent, the profile and the deletion forms.

allauth takes them from settings.ACCOUNT_FORMS. The sign-in field keeps the name `username`
(the public sign-in form posted `username` and `password` before allauth, and links and
password managers know it), though it takes an e-mail address as well.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils import timezone

from .models import Profile, privacy_version
from .names import DELETED

WIDGET_CLASSES = {"checkbox": "kern-form-check__checkbox", "select": "kern-form-input__select"}
INPUT_CLASS = "kern-form-input__input"
TAKEN = "Dieser Anzeigename ist bereits vergeben. Bitte wählen Sie einen anderen."

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def widget_class(widget: forms.Widget) -> str:
    widget_type = re.sub(r"widget$|input$", "", type(widget).__name__.lower())
    return WIDGET_CLASSES.get(widget_type, INPUT_CLASS)


class KernForm(_FormBase):
    """KERN's classes on the widgets (no placeholders: the labels say it), the invalid ones
    marked after validation, and `error_links` for templates/core/_error_summary.html."""

    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}
    autocomplete: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            attrs = field.widget.attrs
            attrs.pop("placeholder", None)
            attrs["class"] = widget_class(field.widget)
            if name in self.autocomplete:
                attrs["autocomplete"] = self.autocomplete[name]
            if field.help_text:
                attrs["aria-describedby"] = f"{self[name].auto_id}-hint"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                field, auto_id = self.fields[name], self[name].auto_id
                css = widget_class(field.widget)
                field.widget.attrs["class"] = f"{css} {css}--error"
                described = [f"{auto_id}-hint"] if field.help_text else []
                field.widget.attrs["aria-describedby"] = " ".join([*described, f"{auto_id}-error"])
                field.widget.attrs["aria-invalid"] = "true"

    @property
    def error_links(self) -> list[dict[str, str]]:
        """Every error as a link to its field (a form's own errors to the first field)."""
        if not self.is_bound or not self.errors:
            return []
        visible = [name for name in self.fields if not self.fields[name].widget.is_hidden]
        first = f"#{self[visible[0]].auto_id}" if visible else "#inhalt"
        links = [{"href": first, "text": str(e)} for e in self.non_field_errors()]
        for name in self.fields:
            for error in self.errors.get(name, []):
                label = self.fields[name].label or name
                links.append({"href": f"#{self[name].auto_id}", "text": f"{label}: {error}"})
        return links


# ----------------------------------------------------------------------------- allauth


class LoginForm(KernForm, allauth_forms.LoginForm):
    """Sign-in by user name or e-mail address; the field is posted as `username`."""

    labels = {"password": "Passwort", "remember": "Angemeldet bleiben"}
    help_texts = {"password": ""}
    autocomplete = {"username": "username", "password": "current-password"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields.pop("login")
        login.label = "Benutzername oder E-Mail-Adresse"
        login.widget.attrs["autocomplete"] = "username"
        self.fields = {"username": login, **self.fields}

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip()

    def clean(self):
        if "username" in self.cleaned_data:
            self.cleaned_data["login"] = self.cleaned_data["username"]
        return super().clean()

    def add_error(self, field, error) -> None:
        super().add_error("username" if field == "login" else field, error)


class SignupForm(KernForm, allauth_forms.SignupForm):
    """E-mail address, display name, optional organisation, password twice and the consent
    to the privacy text (its version and the time are stored with the profile)."""

    display_name = forms.CharField(
        label="Anzeigename",
        max_length=60,
        help_text="Unter diesem Namen erscheinen Ihre Beiträge öffentlich. Ihr echter Name ist "
        "nicht nötig.",
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=150,
        required=False,
        help_text="Falls Sie für einen Verein, ein Unternehmen oder eine Initiative schreiben.",
    )
    consent = forms.BooleanField(
        label="Ich habe die Datenschutzhinweise gelesen und willige in die Verarbeitung meiner "
        "Angaben für mein Konto ein.",
        error_messages={"required": "Bitte willigen Sie in die Datenschutzhinweise ein."},
    )

    field_order = ["email", "display_name", "organisation", "password1", "password2", "consent"]
    labels = {
        "email": "E-Mail-Adresse",
        "password1": "Passwort",
        "password2": "Passwort wiederholen",
    }
    help_texts = {
        "email": "Wir senden Ihnen einen Link, mit dem Sie die Adresse bestätigen. Sie ist nicht "
        "öffentlich.",
        "password1": "Mindestens 12 Zeichen; nicht nur Ziffern und kein gängiges Passwort.",
    }
    autocomplete = {
        "email": "email",
        "display_name": "nickname",
        "organisation": "organization",
        "password1": "new-password",
        "password2": "new-password",
    }

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def custom_signup(self, request, user) -> None:
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": self.cleaned_data["display_name"],
                "organisation": self.cleaned_data.get("organisation", ""),
                "privacy_version": privacy_version(),
                "privacy_accepted_at": timezone.now(),
            },
        )


class AddEmailForm(KernForm, allauth_forms.AddEmailForm):
    labels = {"email": "Neue E-Mail-Adresse"}
    autocomplete = {"email": "email"}


class ChangePasswordForm(KernForm, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Bisheriges Passwort",
        "password1": "Neues Passwort",
        "password2": "Neues Passwort wiederholen",
    }
    help_texts = {
        "password1": "Mindestens 12 Zeichen; nicht nur Ziffern und kein gängiges Passwort."
    }
    autocomplete = {
        "oldpassword": "current-password",
        "password1": "new-password",
        "password2": "new-password",
    }


class ResetPasswordForm(KernForm, allauth_forms.ResetPasswordForm):
    labels = {"email": "E-Mail-Adresse"}
    autocomplete = {"email": "email"}


class ResetPasswordKeyForm(KernForm, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "Neues Passwort", "password2": "Neues Passwort wiederholen"}
    help_texts = {
        "password1": "Mindestens 12 Zeichen; nicht nur Ziffern und kein gängiges Passwort."
    }
    autocomplete = {"password1": "new-password", "password2": "new-password"}


# ----------------------------------------------------------------------------- our own


def clean_display_name(value: str, profile: Profile | None = None) -> str:
    """A display name nobody else has (case does not count), and not "gelöschtes Konto"."""
    value = " ".join(value.split())
    if not value:
        raise forms.ValidationError("Bitte geben Sie einen Anzeigenamen an.", code="required")
    if value.casefold() == DELETED.casefold():
        raise forms.ValidationError(TAKEN, code="taken")
    others = Profile.objects.filter(display_name__iexact=value)
    if profile is not None and profile.pk:
        others = others.exclude(pk=profile.pk)
    if others.exists():
        raise forms.ValidationError(TAKEN, code="taken")
    return value


class ProfileForm(KernForm, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "organisation"]

    autocomplete = {"display_name": "nickname", "organisation": "organization"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"], self.instance)


class DeleteAccountForm(KernForm, forms.Form):
    password = forms.CharField(
        label="Ihr Passwort",
        strip=False,
        widget=forms.PasswordInput,
        help_text="Zur Bestätigung, dass Sie es sind.",
    )
    autocomplete = {"password": "current-password"}

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if self.user is None or not self.user.check_password(password):
            raise forms.ValidationError("Das Passwort ist nicht richtig.", code="wrong")
        return password
