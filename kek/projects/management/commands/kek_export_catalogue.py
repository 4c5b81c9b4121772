from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user, find_district
from kek.projects import catalogue_io
from kek.projects.catalogue_db import export_catalogue

from ._catalogue import current_concept


class Command(BaseCommand):
    help = "Exportiert den Projektkatalog der aktuellen Konzeptversion als XLSX- oder YAML-Datei."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("--user", help="Benutzer, für den exportiert wird")
        parser.add_argument("file", type=Path)

    def handle(self, *args, district: str, file: Path, user: str | None, **options) -> None:
        acting_user(user, "projects.export_catalogue")
        concept = current_concept(find_district(district))
        catalogue = export_catalogue(concept)
        try:
            catalogue_io.write(catalogue, file)
        except catalogue_io.CatalogueError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"{file}: kann nicht geschrieben werden ({exc.strerror}).") from None
        self.stdout.write(
            f"{concept.title} (Version {concept.version}): {len(catalogue.projects)} Projekte, "
            f"{len(catalogue.indicators)} Zielindikatoren, "
            f"{sum(1 for _ in catalogue.measurements())} Messwerte → {file}"
        )
