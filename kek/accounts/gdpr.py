"""'Meine Daten' and the deletion of an account (GDPR, F25).

`export_zip(user)` packs everything kept about the user: the account, the profile with the
consent, the sign-ins and every registered `kek.accounts.personal_data` entry, as daten.json,
a readable uebersicht.html and one CSV per part. `delete_account(user)` erases every entry's
personal data, anonymises the account (contributions stay and show "gelöschtes Konto") and ends
its sessions, in one transaction. Both are logged as an `AccountEvent`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from . import personal_data
from .models import AccountEvent, Profile, SignInEvent

Row = dict[str, Any]


def _value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def account_rows(user) -> list[Row]:
    return [
        {
            "benutzername": user.get_username(),
            "e_mail": user.email,
            "vorname": user.first_name,
            "nachname": user.last_name,
            "registriert_am": _value(user.date_joined),
            "letzte_anmeldung": _value(user.last_login),
            "aktiv": user.is_active,
        }
    ]


def email_rows(user) -> list[Row]:
    from allauth.account.models import EmailAddress

    return [
        {"e_mail": a.email, "bestaetigt": a.verified, "hauptadresse": a.primary}
        for a in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def profile_rows(user) -> list[Row]:
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        return []
    return [
        {
            "anzeigename": profile.display_name,
            "organisation": profile.organisation,
            "datenschutz_fassung": profile.privacy_version,
            "datenschutz_eingewilligt_am": _value(profile.privacy_accepted_at),
        }
    ]


def sign_in_rows(user) -> list[Row]:
    return [
        {
            "zeitpunkt": _value(e.when),
            "ereignis": e.get_kind_display(),
            "benutzername": e.username,
            "ip_adresse": e.ip_address,
        }
        for e in SignInEvent.objects.filter(user=user).order_by("when", "id")
    ]


def own_parts() -> list[personal_data.PersonalData]:
    """What kek.accounts itself keeps (before the parts other apps register)."""
    PD = personal_data.PersonalData
    return [
        PD("konto", "Konto", account_rows),
        PD("e_mail_adressen", "E-Mail-Adressen", email_rows),
        PD("profil", "Profil und Einwilligung", profile_rows),
        PD("anmeldungen", "Anmeldungen", sign_in_rows),
    ]


def collect(user) -> list[tuple[personal_data.PersonalData, list[Row]]]:
    parts = [*own_parts(), *personal_data.entries()]
    return [(part, [{k: _value(v) for k, v in row.items()} for row in part.export(user)])
            for part in parts]  # fmt: skip


def _csv(rows: Iterable[Row]) -> str:
    rows = list(rows)
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()


def _table(part: personal_data.PersonalData, rows: list[Row]) -> dict[str, Any]:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    cells = [[row.get(column) for column in columns] for row in rows]
    return {"label": part.label, "rows": rows, "columns": columns, "cells": cells}


def export_zip(user) -> bytes:
    """The ZIP of 'Meine Daten'; the export is logged."""
    created = timezone.now()
    parts = collect(user)
    data = {
        "erstellt_am": created.isoformat(),
        "teile": {part.name: {"titel": part.label, "eintraege": rows} for part, rows in parts},
    }
    overview = render_to_string(
        "accounts/export_overview.html",
        {
            "created": created,
            "parts": [_table(part, rows) for part, rows in parts],
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("daten.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("uebersicht.html", overview)
        for part, rows in parts:
            # A BOM, so that spreadsheet programs read the umlauts as UTF-8.
            archive.writestr(f"{part.name}.csv", "\ufeff" + _csv(rows))
    AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.EXPORT)
    return buffer.getvalue()


def end_sessions(user) -> int:
    """Delete every stored session signed in as `user`; the number ended."""
    ended = []
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def _anonymise_history(user) -> None:
    """The account's change records (kek.core registers a history of users) keep who had
    which role when, but no longer the person's name and address."""
    history = getattr(get_user_model(), "history", None)
    if history is None:
        return
    fields = {f.name for f in history.model._meta.get_fields()}
    blank = {"username": user.username, "email": "", "first_name": "", "last_name": ""}
    history.filter(id=user.pk).update(**{k: v for k, v in blank.items() if k in fields})


def delete_account(user) -> None:
    """Erase the user's personal data and keep their contributions, in one transaction."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        for entry in personal_data.entries():
            entry.erase(user)
        EmailAddress.objects.filter(user=user).delete()
        SignInEvent.objects.filter(user=user).update(username="", ip_address=None)
        now = timezone.now()
        profile, _ = Profile.objects.get_or_create(user=user)
        profile.display_name = ""
        profile.organisation = ""
        profile.deleted_at = now
        profile.save()
        user.username = f"geloescht-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        _anonymise_history(user)
        user.groups.clear()
        user.user_permissions.clear()
        end_sessions(user)
        AccountEvent.objects.create(user=user, kind=AccountEvent.Kind.DELETE)
