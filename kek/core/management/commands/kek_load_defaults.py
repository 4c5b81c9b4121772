from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.commands import add_dry_run_argument, dry_run_note
from kek.core.defaults import DEFAULT_DIR, Loaded, load_defaults
from kek.core.fileio import FileError
from kek.core.imports import counting_rows, rolled_back


class Command(BaseCommand):
    help = (
        "Lädt die Standardinhalte (Gebietseinheiten, KEK Nordsachsen 2030, Seiten); wiederholbar."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--data", type=Path, default=DEFAULT_DIR, help="Datenordner mit district.yaml"
        )
        add_dry_run_argument(parser)

    def handle(self, *args, data: Path, dry_run: bool = False, **options) -> None:
        if not (data / "district.yaml").exists():
            raise CommandError(f"{data}: district.yaml fehlt.")
        try:
            if dry_run:
                loaded, changes = rolled_back(lambda: counting_rows(lambda: load_defaults(data)))
            else:
                loaded, changes = load_defaults(data), None
        except FileError as exc:
            raise CommandError(str(exc)) from None
        self.report(loaded, dry_run)
        for line in changes.lines(done=False) if changes else []:
            self.stdout.write(line)

    def report(self, loaded: Loaded, dry_run: bool) -> None:
        if dry_run:
            self.stdout.write(dry_run_note(dry_run).removesuffix(" – ") + ":")
        self.stdout.write(f"{loaded.regions} Gebietseinheiten geladen.")
        for summary in loaded.summaries:
            self.stdout.write(summary)
