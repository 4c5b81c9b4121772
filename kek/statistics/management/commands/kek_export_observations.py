from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.regions.models import Region
from kek.statistics.exporting import observations_frame, write_csv


class Command(BaseCommand):
    help = "Exportiert die Werte einer Gebietseinheit als CSV-Datei (UTF-8)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--region", required=True, help="Amtlicher Schlüssel, z. B. 14730")
        parser.add_argument("--table", default="", help="nur diese Tabelle oder Statistik")
        parser.add_argument("file", type=Path, metavar="DATEI.csv")

    def handle(self, *args, region: str, table: str, file: Path, **options) -> None:
        found = Region.objects.filter(ags=region).first()
        if found is None:
            raise CommandError(f"Eine Gebietseinheit mit dem Schlüssel {region} gibt es nicht.")
        frame = observations_frame(found, table)
        try:
            write_csv(frame, file)
        except OSError as exc:
            raise CommandError(
                f"{file}: Die Datei kann nicht geschrieben werden ({exc})."
            ) from None
        scope = f", Tabelle {table}" if table else ""
        self.stdout.write(f"{found.name}{scope}: {frame.height} Werte → {file}")
