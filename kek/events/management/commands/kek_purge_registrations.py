"""`kek purge-registrations`: empty the personal data of registrations whose event ended more
than KEK_REGISTRATION_RETENTION_DAYS (default 90) days ago; the counts stay. Run it daily
(cron or a systemd timer, README "Veranstaltungen"); django-tasks-db has no scheduler."""

from django.core.management import BaseCommand

from kek.events.registrations import purge, retention_days


class Command(BaseCommand):
    help = (
        "Löscht Name, E-Mail-Adresse und Organisation der Anmeldungen zu Veranstaltungen, "
        "die länger als KEK_REGISTRATION_RETENTION_DAYS Tage vorbei sind (die Zahlen bleiben)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="nur zählen, nichts löschen")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        days = retention_days()
        count = purge(dry_run=dry_run)
        verb = "würden gelöscht" if dry_run else "gelöscht"
        self.stdout.write(
            f"Anmeldungen: Personendaten von {count} Anmeldung(en) {verb} "
            f"(Veranstaltungen, die mehr als {days} Tage vorbei sind)."
        )
