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
from kek.goals import exchange
from kek.goals.concept_db import import_district, limits

COPY_HINT = "als Kopie nur mit --allow-other-district"


class Command(BaseCommand):
    help = (
        "Importiert das Zielsystem eines Landkreises aus einer YAML- oder XLSX-Datei: legt an "
        "und ändert; entfernt nur mit --remove-missing, was die Datei nicht mehr enthält."
    )

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, "die Datei eines anderen Landkreises als Kopie importieren")

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
        actor = acting_user(user, "goals.import_concept")
        region = find_district(district)
        try:
            # Everything is checked before the first write (file, lengths, district).
            data = exchange.read(file, limits())
            if not allow_other_district:
                fileio.check_district(
                    data.ags,
                    region.ags,
                    region.name,
                    file=file.name,
                    field="district",
                    hint=COPY_HINT,
                    error=exchange.ExchangeError,
                )
        except fileio.FileError as exc:
            raise CommandError(str(exc)) from None
        run_import(
            self,
            lambda remove, confirm: import_district(
                region, data, actor, remove_missing=remove, confirm=confirm
            ),
            f"{file.name} → {region.name}",
            dry_run=dry_run,
            remove_missing=remove_missing,
            yes=yes,
            record=RunRecord("concept", region, file.name, actor),
        )
