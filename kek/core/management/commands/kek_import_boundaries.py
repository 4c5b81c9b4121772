from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core import boundaries
from kek.core.commands import add_dry_run_argument, dry_run_note
from kek.core.fileio import FileError
from kek.regions.models import Region


class Command(BaseCommand):
    help = (
        "Lädt Gemeindegrenzen (GeoJSON, WGS84) für die Karten; Flächen nach Gemeindeschlüssel "
        "(AGS oder ARS)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--district",
            default="",
            help="nur die Gemeinden dieses Kreises laden (Kreisschlüssel, z. B. 14730)",
        )
        parser.add_argument(
            "--attribution",
            default="",
            help="Quellenvermerk für die Karten, z. B. „© GeoBasis-DE / BKG (2024)“ "
            '(sonst "attribution" der Datei)',
        )
        add_dry_run_argument(parser)
        parser.add_argument("file", type=Path, metavar="DATEI.geojson")

    def handle(
        self,
        *args,
        file: Path,
        district: str = "",
        attribution: str = "",
        dry_run: bool = False,
        **options,
    ) -> None:
        district = district.strip()
        if (
            district
            and not Region.objects.filter(ags=district, level=Region.Level.DISTRICT).exists()
        ):
            raise CommandError(f"Einen Landkreis mit dem Schlüssel {district} gibt es nicht.")
        try:
            content = boundaries.read_file(file, district=district, attribution=attribution)
        except FileError as exc:
            raise CommandError(f"{exc} Nichts wurde geändert.") from None
        loaded = boundaries.store(content, dry_run=dry_run)
        self.stdout.write(f"{dry_run_note(dry_run)}{file.name}: {loaded.summary()}.")
