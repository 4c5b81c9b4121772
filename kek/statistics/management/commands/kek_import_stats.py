from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.db import transaction

from kek.core.commands import acting_user, add_dry_run_argument, dry_run_note
from kek.core.imports import rolled_back
from kek.statistics.importer import ImportFailed, parse_upload, read_upload, store


class Command(BaseCommand):
    help = (
        "Importiert Statistikdateien (Regionaldatenbank/GENESIS-Flatfile, GENESIS-Tabelle, "
        "KEK-Vorlage) als Indikatoren und Werte."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="DATEI")
        parser.add_argument("--user", help="Benutzer, dem der Import zugeschrieben wird")
        add_dry_run_argument(parser)

    def handle(
        self, *args, files: list[Path], user: str | None, dry_run: bool = False, **options
    ) -> None:
        actor = acting_user(user, "statistics.import_observations")
        try:
            # Parse every file first (no lock held), then write all in one transaction.
            parsed = []
            for path in files:
                data = read_upload(path)
                parsed.append((path, data, parse_upload(data, path.name)))

            def write_all() -> list[str]:
                lines = []
                with transaction.atomic():
                    for path, data, prepared in parsed:
                        batch = store(prepared, data, path.name, actor)
                        lines.append(
                            f"{path.name}: Tabelle {batch.table}: {_counts(batch, dry_run)}"
                        )
                return lines

            lines = rolled_back(write_all) if dry_run else write_all()
        except ImportFailed as exc:
            note = " Keine der Dateien wurde importiert." if len(files) > 1 else ""
            raise CommandError(f"{exc}{note}") from None
        for line in lines:
            self.stdout.write(f"{dry_run_note(dry_run)}{line}")


def _counts(batch, dry_run: bool = False) -> str:
    text = (
        f"{batch.rows_added} neu, {batch.rows_changed} geändert, "
        f"{batch.rows_unchanged} unverändert ({batch.seconds:.2f} s){batch.skipped_note()}"
    )
    if not (batch.rows_added or batch.rows_changed):
        return f"unverändert – {text}"
    return f"{'würde importieren' if dry_run else 'importiert'} – {text}"
