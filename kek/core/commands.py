"""Helpers shared by the `kek` subcommands."""

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError
from django.db import transaction

from kek.regions.models import Region

from . import audit
from .imports import Confirm, Counts, ImportRefused, Removal, count_text, rolled_back, same_as


def acting_user(username: str | None, permission: str):
    """The user a command acts for (checked like a web request); None is the server operator."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Benutzer {username} gibt es nicht.")
    if not user.has_perm(permission):
        raise CommandError(f"Benutzer {username} hat keine Berechtigung dafür ({permission}).")
    return user


def find_district(ags: str) -> Region:
    region = Region.objects.filter(ags=ags, level=Region.Level.DISTRICT).first()
    if region is None:
        raise CommandError(
            f"Einen Landkreis mit dem Schlüssel {ags} gibt es nicht (erst `kek load-defaults`?)."
        )
    return region


def add_import_arguments(parser, copy_help: str) -> None:
    """The arguments every import of a district's file takes: --district, --user,
    --allow-other-district (a file of another district only as a copy), --dry-run,
    --remove-missing, --yes, the file."""
    parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
    parser.add_argument("--user", help="Benutzer, dem die Änderungen zugeschrieben werden")
    parser.add_argument("--allow-other-district", action="store_true", help=copy_help)
    add_removal_arguments(parser)
    parser.add_argument("file", type=Path)


# ----------------------------------------------------------------------------- import runs


class Outcome(Protocol):
    """What an import returns: its counts, what the file no longer has, what it removed."""

    missing: Counts  # objects the file no longer has, by model (kept unless asked)
    removal: Removal | None  # the removal done (with --remove-missing), else None

    def summary(self) -> str: ...


# run(remove_missing, confirm) imports the file; confirm(removal) may stop before removing.
Run = Callable[[bool, Confirm | None], Outcome]


def add_dry_run_argument(parser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="nur zeigen, was sich ändern würde (angelegt, geändert, entfernt, unverändert); "
        "nichts wird gespeichert",
    )


def add_removal_arguments(parser) -> None:
    """--dry-run, --remove-missing and --yes of the imports that can remove."""
    add_dry_run_argument(parser)
    parser.add_argument(
        "--remove-missing",
        action="store_true",
        help="entfernen, was die Datei nicht mehr enthält (nach einer Zusammenfassung); "
        "ohne diese Angabe wird nur angelegt und geändert",
    )
    parser.add_argument(
        "--yes",
        "--no-input",
        dest="yes",
        action="store_true",
        help="mit --remove-missing ohne Rückfrage entfernen",
    )


@dataclass(frozen=True)
class RunRecord:
    """What the record of a real import run (`core.ImportRun`) names."""

    kind: str  # ImportRun.Kind
    region: Region
    file_name: str
    user: Any = None
    # Called with the ImportRun and the outcome inside the run's transaction (a record of
    # the importing app's own that names the run).
    then: Callable[[Any, Any], None] | None = None


def run_import(
    command: BaseCommand,
    run: Run,
    title: str,
    *,
    dry_run: bool = False,
    remove_missing: bool = False,
    yes: bool = False,
    record: RunRecord | None = None,
) -> Outcome:
    """Run an import as the options say; prints "title: summary" and what it removed.

    --dry-run: the import runs and is rolled back. --remove-missing: first a rolled-back run
    gives the summary of what would go; on a terminal the user confirms it, elsewhere --yes
    is required; the real run then removes exactly that (else nothing is changed).
    With `record`, a real run is kept as an `ImportRun` whose number tags its change records
    (reason "Import N"), so that `kek undo-run N` can undo it."""
    try:
        if dry_run:
            outcome = rolled_back(lambda: run(remove_missing, None))
        elif remove_missing and not yes:
            preview = rolled_back(lambda: run(True, None))
            confirm = _confirmed(command, preview.removal or Removal([], Counter(), []))
            outcome = _recorded(record, lambda: run(True, confirm), command)
        else:
            outcome = _recorded(record, lambda: run(remove_missing, None), command)
    except ImportRefused as exc:
        raise CommandError(str(exc)) from None
    command.stdout.write(f"{dry_run_note(dry_run)}{title}: {outcome.summary()}")
    _report(command, outcome, done=not dry_run)
    return outcome


def _recorded(
    record: RunRecord | None, run: Callable[[], Outcome], command: BaseCommand
) -> Outcome:
    """Run the import with its `ImportRun` (both or neither are kept)."""
    if record is None:
        return run()
    from .models import ImportRun

    with transaction.atomic():
        entry = ImportRun.objects.create(
            kind=record.kind,
            region=record.region,
            file_name=record.file_name[:255],
            user=record.user,
            actor=audit.actor_label(record.user)[:255],
        )
        with audit.giving_reason(entry.reason):
            outcome = run()
        entry.summary = outcome.summary()
        entry.save(update_fields=["summary"])
        if record.then is not None:
            record.then(entry, outcome)
    command.stdout.write(f"{entry}: rückgängig zu machen mit `kek undo-run {entry.pk}`.")
    return outcome


def dry_run_note(dry_run: bool) -> str:
    return "Probelauf, nichts wurde gespeichert – " if dry_run else ""


def _confirmed(command: BaseCommand, removal: Removal) -> Confirm:
    """The user's consent to `removal` (nothing to agree to if nothing goes)."""
    if not removal.objects:
        return same_as(removal)
    for line in removal.lines(done=False):
        command.stdout.write(line)
    if not interactive():
        raise ImportRefused(
            "Nichts wurde geändert: Entfernen ohne Rückfrage nur mit --yes "
            "(zuerst mit --dry-run prüfen, was sich ändert)."
        )
    answer = input("Diese Objekte entfernen? [j/N] ").strip().lower()
    if answer not in ("j", "ja", "y", "yes"):
        raise ImportRefused("Abgebrochen; nichts wurde geändert.")
    return same_as(removal)


def interactive() -> bool:
    """Whether a person can answer a question (standard input is a terminal)."""
    return sys.stdin is not None and sys.stdin.isatty()


def _report(command: BaseCommand, outcome: Outcome, done: bool) -> None:
    if outcome.removal is not None:
        for line in outcome.removal.lines(done=done):
            command.stdout.write(line)
    elif outcome.missing:
        command.stdout.write(
            f"Nicht mehr in der Datei, {'behalten' if done else 'bliebe'}: "
            f"{count_text(outcome.missing)} (entfernen mit --remove-missing)."
        )
