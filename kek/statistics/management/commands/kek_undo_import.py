from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user
from kek.statistics.models import ImportBatch
from kek.statistics.undo import UndoRefused, blockers, plan, undo


class Command(BaseCommand):
    help = "Macht einen Statistikimport rückgängig (Nummer des Importvorgangs)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("batch", type=int, metavar="IMPORT", help="Nummer des Importvorgangs")
        parser.add_argument("--user", help="Benutzer, dem die Änderung zugeschrieben wird")
        parser.add_argument(
            "--dry-run", action="store_true", help="nur zeigen, was geschähe; nichts ändern"
        )

    def handle(self, *args, batch: int, user: str | None, dry_run: bool, **options) -> None:
        actor = acting_user(user, "statistics.undo_importbatch")
        record = ImportBatch.objects.filter(pk=batch).first()
        if record is None:
            raise CommandError(f"Einen Importvorgang {batch} gibt es nicht.")
        if dry_run:
            problems = blockers(record)
            if problems:
                raise CommandError(f"{record}: nicht möglich. {' '.join(problems)}")
            self.stdout.write(f"Vorschau, nichts geändert – {record}: {plan(record).summary()}.")
            return
        try:
            done = undo(record, actor)
        except UndoRefused as exc:
            raise CommandError(f"{record}: nicht möglich. {exc}") from None
        self.stdout.write(f"{record}: rückgängig gemacht – {done.summary()}.")
