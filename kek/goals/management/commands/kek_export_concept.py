from pathlib import Path

from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user, find_district
from kek.goals import exchange
from kek.goals.concept_db import export_district


class Command(BaseCommand):
    help = "Exportiert das Zielsystem eines Landkreises als YAML- oder XLSX-Datei."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("--user", help="Benutzer, für den exportiert wird")
        parser.add_argument("file", type=Path)

    def handle(self, *args, district: str, file: Path, user: str | None, **options) -> None:
        acting_user(user, "goals.export_concept")
        data = export_district(find_district(district))
        if not data.versions:
            raise CommandError(f"Für {data.name} gibt es noch kein Konzept.")
        try:
            exchange.write(data, file)
        except exchange.ExchangeError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{data.name}: {len(data.versions)} Version(en) → {file}")
