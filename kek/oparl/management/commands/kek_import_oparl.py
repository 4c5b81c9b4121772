from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from kek.core.commands import acting_user, add_dry_run_argument, dry_run_note, find_district
from kek.core.imports import rolled_back
from kek.oparl import format as oparl
from kek.oparl.importing import Fetch, OParlImportError, Recording, fetch_url, import_oparl
from kek.oparl.models import OParlImport


class Command(BaseCommand):
    help = (
        "Importiert Gremien, Personen mit Mitgliedschaften, Sitzungen mit Tagesordnung und "
        "Orten, Vorlagen mit Beratungen und Dateien (ohne Inhalt) von einem OParl-1.1-Server."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "source",
            help="Adresse des System- oder Body-Objekts, oder eine Aufzeichnung (JSON-Datei "
            '{"start": Adresse, "responses": {Adresse: Antwort}})',
        )
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument(
            "--organization",
            action="append",
            default=[],
            help="nur dieses Gremium (Name oder Kurzname) und seine Sitzungen, Vorlagen und "
            "Mitglieder; mehrfach möglich",
        )
        parser.add_argument("--user", help="Benutzer, dem die Änderungen zugeschrieben werden")
        add_dry_run_argument(parser)

    def handle(
        self,
        *args,
        source: str,
        district: str,
        organization: list[str],
        user: str | None = None,
        dry_run: bool = False,
        **options,
    ) -> None:
        actor = acting_user(user, "oparl.import_oparl")
        region = find_district(district)
        fetch, start = self.client(source)
        previous = (
            OParlImport.objects.filter(
                region=region, source=source, organizations=sorted(organization)
            )
            .order_by("-started_at")
            .first()
        )
        since = oparl.date_time(timezone.localtime(previous.started_at)) if previous else None
        if since:
            self.stdout.write(f"Nur Änderungen seit {since} (letzter Import).")
        started = timezone.now()

        def run():
            return import_oparl(
                fetch, start, region, self.stdout.write,
                organizations=organization, modified_since=since,
            )  # fmt: skip

        try:
            if dry_run:
                result = rolled_back(run)
            else:
                with transaction.atomic():
                    result = run()
                    OParlImport.objects.create(
                        region=region,
                        source=source[:500],
                        organizations=sorted(organization),
                        started_at=started,
                        finished_at=timezone.now(),
                        summary=result.summary(),
                        user=actor,
                    )
        except OParlImportError as exc:
            raise CommandError(f"{exc} Nichts wurde geändert.") from None
        self.stdout.write(f"{dry_run_note(dry_run)}OParl-Import {start} → {region.name}:")
        self.stdout.write(result.summary())

    def client(self, source: str) -> tuple[Fetch, str]:
        if source.startswith(("http://", "https://")):
            return fetch_url, source
        path = Path(source)
        if not path.is_file():
            raise CommandError(f"{source}: weder eine Adresse (http/https) noch eine Datei.")
        try:
            recording = Recording.read(path)
        except OParlImportError as exc:
            raise CommandError(str(exc)) from None
        return recording, recording.start
