from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core import fileio
from kek.core.commands import acting_user, add_import_arguments, find_district
from kek.projects import catalogue_io
from kek.projects.catalogue_db import import_catalogue

from ._catalogue import current_concept

COPY_HINT = "als Kopie nur mit --allow-other-district"


class Command(BaseCommand):
    help = "Importiert den Projektkatalog der aktuellen Konzeptversion aus XLSX oder YAML."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, "den Katalog eines anderen Landkreises als Kopie importieren")

    def handle(
        self,
        *args,
        district: str,
        file: Path,
        user: str | None,
        allow_other_district: bool = False,
        **options,
    ) -> None:
        actor = acting_user(user, "projects.import_catalogue")
        region = find_district(district)
        concept = current_concept(region)
        try:
            catalogue = catalogue_io.read(file)
            if not allow_other_district:
                fileio.check_district(
                    catalogue.district_ags,
                    region.ags,
                    region.name,
                    file=file.name,
                    field="district_ags",
                    hint=COPY_HINT,
                    error=catalogue_io.CatalogueError,
                )
            result = import_catalogue(concept, catalogue, actor, file=file.name)
        except fileio.FileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{file.name} → {concept.title}: {result.summary()}")
