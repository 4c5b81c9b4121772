from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils import timezone

from kek.core.commands import (
    RunRecord,
    acting_user,
    add_dry_run_argument,
    find_district,
    run_import,
)
from kek.core.imports import Confirm
from kek.core.models import ImportRun
from kek.oparl import format as oparl
from kek.oparl.importing import Fetch, Import, OParlImportError, Recording, fetch_url, import_oparl
from kek.oparl.models import OParlImport
from kek.regions.models import Region


class Command(BaseCommand):
    help = (
        "Importiert Wahlperioden, Gremien, Personen mit Mitgliedschaften, Sitzungen mit "
        "Tagesordnung und Orten, Vorlagen mit Beratungen und Dateien (ohne Inhalt) von einem "
        "OParl-1.1-Server; rückgängig zu machen mit `kek undo-run`."
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
        chosen = sorted(organization)
        since = changes_since(region, source, chosen)
        if since:
            self.stdout.write(f"Nur Änderungen seit {since} (letzter Import).")
        started = timezone.now()

        def keep(entry: ImportRun, result: Import) -> None:
            OParlImport.objects.create(
                region=region,
                source=source[:500],
                organizations=chosen,
                started_at=started,
                finished_at=timezone.now(),
                summary=result.summary(),
                user=actor,
                run=entry,
            )

        def run(remove_missing: bool, confirm: Confirm | None) -> Import:
            return import_oparl(
                fetch, start, region, self.stdout.write,
                organizations=organization, modified_since=since,
            )  # fmt: skip

        record = RunRecord(ImportRun.Kind.OPARL, region, source, actor, then=keep)
        try:
            run_import(
                self,
                run,
                f"OParl-Import {start} → {region.name}",
                dry_run=dry_run,
                record=record,
            )
        except OParlImportError as exc:
            raise CommandError(f"{exc} Nichts wurde geändert.") from None

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


def changes_since(region: Region, source: str, organizations: list[str]) -> str | None:
    """`modified_since` for the next run: the start of the latest run before the first one
    that was undone (what an undone run took over is asked for again); None: everything."""
    since = None
    runs = OParlImport.objects.filter(region=region, source=source, organizations=organizations)
    for previous in runs.select_related("run").order_by("started_at"):
        if previous.run is not None and previous.run.undone_at is not None:
            break
        since = previous.started_at
    return oparl.date_time(timezone.localtime(since)) if since else None
