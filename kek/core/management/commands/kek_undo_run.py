from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user
from kek.core.import_undo import UndoRefused, plan, undo
from kek.core.models import ImportRun


class Command(BaseCommand):
    help = (
        "Macht einen Import des Zielsystems, des Projektkatalogs oder aus einem "
        "OParl-Server rückgängig (Nummer des Importvorgangs, die der Import ausgibt)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("run", type=int, metavar="IMPORT", help="Nummer des Importvorgangs")
        parser.add_argument("--user", help="Benutzer, dem die Änderung zugeschrieben wird")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur zeigen, was geschähe; nichts ändern"
        )

    def handle(self, *args, run: int, user: str | None, dry_run: bool, **options) -> None:
        actor = acting_user(user, "core.undo_importrun")
        record = ImportRun.objects.filter(pk=run).first()
        if record is None:
            raise CommandError(f"Einen Importvorgang {run} gibt es nicht.")
        try:
            done = plan(record) if dry_run else undo(record, actor)
        except UndoRefused as exc:
            raise CommandError(f"{record}: nicht möglich. {exc}") from None
        if dry_run:
            self.stdout.write(f"Vorschau, nichts geändert – {record}: {done.summary()}.")
        else:
            self.stdout.write(f"{record}: rückgängig gemacht – {done.summary()}.")
