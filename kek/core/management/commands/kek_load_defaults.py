from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.defaults import DEFAULT_DIR, load_defaults
from kek.core.fileio import FileError


class Command(BaseCommand):
    help = (
        "Lädt die Standardinhalte (Gebietseinheiten, KEK Nordsachsen 2030, Seiten); wiederholbar."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--data", type=Path, default=DEFAULT_DIR, help="Datenordner mit district.yaml"
        )

    def handle(self, *args, data: Path, **options) -> None:
        if not (data / "district.yaml").exists():
            raise CommandError(f"{data}: district.yaml fehlt.")
        try:
            loaded = load_defaults(data)
        except FileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{loaded.regions} Gebietseinheiten geladen.")
        for summary in loaded.summaries:
            self.stdout.write(summary)
