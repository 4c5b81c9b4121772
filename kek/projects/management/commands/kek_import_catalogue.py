from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user, find_district
from kek.projects import catalogue_io
from kek.projects.catalogue_db import import_catalogue

from ._catalogue import current_concept


class Command(BaseCommand):
    help = "Importiert den Projektkatalog der aktuellen Konzeptversion aus XLSX oder YAML."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("--user", help="Benutzer, dem die Änderungen zugeschrieben werden")
        parser.add_argument("file", type=Path)

    def handle(self, *args, district: str, file: Path, user: str | None, **options) -> None:
        actor = acting_user(user, "projects.import_catalogue")
        concept = current_concept(find_district(district))
        try:
            result = import_catalogue(concept, catalogue_io.read(file), actor, file=file.name)
        except catalogue_io.CatalogueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{file.name} → {concept.title}: {result.summary()}")
