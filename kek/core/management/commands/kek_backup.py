from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.backup import backup
from kek.core.commands import find_district


class Command(BaseCommand):
    help = (
        "Sichert alle Inhalte eines Landkreises in eine ZIP-Datei.\n"
        "Konzeptversionen, Ziele, Projektkatalog, SWOT, die genutzte Statistik, Seiten, "
        "Dateien und den Änderungsverlauf (Format: docs/backup-format.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("file", type=Path, help="Zieldatei, z. B. nordsachsen.zip")

    def handle(self, *args, district: str, file: Path, **options) -> None:
        if file.suffix.lower() != ".zip":
            raise CommandError(f"{file}: die Sicherung ist eine ZIP-Datei (Endung .zip).")
        if not file.parent.is_dir():
            raise CommandError(f"{file.parent}: diesen Ordner gibt es nicht.")
        region = find_district(district)
        written = backup(region, file)
        megabytes = file.stat().st_size / 1024**2
        self.stdout.write(
            f"Sicherung von {region.name} ({region.ags}) geschrieben: {file} "
            f"({written.rows} Zeilen in {written.tables} Tabellen, {written.files} Datei(en), "
            f"{megabytes:.1f} MB)."
        )
        for name in written.missing_files:
            self.stderr.write(f"Warnung: Datei {name} fehlt im Medienordner, nicht gesichert.")
