from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.restore import BackupError, read, restore


class Command(BaseCommand):
    help = (
        "Stellt die Sicherung eines Landkreises wieder her (alles oder nichts).\n"
        "Eine Sicherung von `kek backup`, auch als anderer Landkreis (--district); vorhandene "
        "Inhalte nur mit --replace."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--district",
            help="als dieser Landkreis wiederherstellen (Kreisschlüssel); Standard: der der "
            "Sicherung",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="vorhandene Inhalte des Landkreises durch die der Sicherung ersetzen",
        )
        parser.add_argument("file", type=Path, help="die Sicherung (.zip)")

    def handle(self, *args, file: Path, district: str | None, replace: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: diese Datei gibt es nicht.")
        try:
            restored = restore(read(file), district=district, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(restored.summary())
