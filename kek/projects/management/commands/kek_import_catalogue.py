from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core import fileio
from kek.core.commands import (
    RunRecord,
    acting_user,
    add_import_arguments,
    find_district,
    run_import,
)
from kek.projects import catalogue_io
from kek.projects.catalogue_db import import_catalogue

from ._catalogue import current_concept

COPY_HINT = "als Kopie nur mit --allow-other-district"


class Command(BaseCommand):
    help = (
        "Importiert den Projektkatalog der aktuellen Konzeptversion aus XLSX oder YAML: legt "
        "an und ändert; entfernt nur mit --remove-missing, was die Datei nicht mehr enthält."
    )

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, "den Katalog eines anderen Landkreises als Kopie importieren")

    def handle(
        self,
        *args,
        district: str,
        file: Path,
        user: str | None,
        allow_other_district: bool = False,
        dry_run: bool = False,
        remove_missing: bool = False,
        yes: bool = False,
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
            run_import(
                self,
                lambda remove, confirm: import_catalogue(
                    concept, catalogue, actor, file.name, remove_missing=remove, confirm=confirm
                ),
                f"{file.name} → {concept.title}",
                dry_run=dry_run,
                remove_missing=remove_missing,
                yes=yes,
                record=RunRecord("catalogue", region, file.name, actor),
            )
        except fileio.FileError as exc:
            raise CommandError(str(exc)) from None
