from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user, find_district
from kek.goals import exchange
from kek.goals.concept_db import import_district


class Command(BaseCommand):
    help = "Importiert das Zielsystem eines Landkreises aus einer YAML- oder XLSX-Datei."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("--user", help="Benutzer, dem die Änderungen zugeschrieben werden")
        parser.add_argument("file", type=Path)

    def handle(self, *args, district: str, file: Path, user: str | None, **options) -> None:
        actor = acting_user(user, "goals.import_concept")
        region = find_district(district)
        try:
            data = exchange.read(file)
        except exchange.ExchangeError as exc:
            raise CommandError(str(exc)) from None
        result = import_district(region, data, actor)
        self.stdout.write(f"{file.name} → {region.name}: {result.summary()}")
