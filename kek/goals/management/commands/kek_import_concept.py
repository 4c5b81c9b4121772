from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core import fileio
from kek.core.commands import acting_user, add_import_arguments, find_district
from kek.goals import exchange
from kek.goals.concept_db import import_district, limits

COPY_HINT = "als Kopie nur mit --allow-other-district"


class Command(BaseCommand):
    help = "Importiert das Zielsystem eines Landkreises aus einer YAML- oder XLSX-Datei."

    def add_arguments(self, parser) -> None:
        add_import_arguments(parser, "die Datei eines anderen Landkreises als Kopie importieren")

    def handle(
        self,
        *args,
        district: str,
        file: Path,
        user: str | None,
        allow_other_district: bool = False,
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
        result = import_district(region, data, actor)
        self.stdout.write(f"{file.name} → {region.name}: {result.summary()}")
